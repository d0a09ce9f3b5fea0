import { type PersonRegistry, rememberingPersonRegistry } from './person-registry';

/** The people of acme as the service's read model holds them, and the lookups asked of it. */
const readModel = () => {
  const people = new Set(['pia']);
  const lookups: string[] = [];
  let failing = false;
  const registry: PersonRegistry = {
    isPerson: (tenantId, personId) => {
      lookups.push(personId);
      if (failing) return Promise.reject(new Error('read store down'));
      return Promise.resolve(tenantId === 'acme' && people.has(personId));
    },
  };
  return {
    people,
    lookups,
    registry,
    fail: (value: boolean) => {
      failing = value;
    },
  };
};

describe('rememberingPersonRegistry', () => {
  let clock = 0;
  const now = () => clock;
  beforeEach(() => {
    clock = 1_000;
  });

  it('believes "is a person" for 5 s: a person who left is refused after that', async () => {
    const model = readModel();
    const remembering = rememberingPersonRegistry(model.registry, { now });
    expect(await remembering.isPerson('acme', 'pia')).toBe(true);
    model.people.delete('pia');
    clock += 4_999;
    expect(await remembering.isPerson('acme', 'pia')).toBe(true);
    clock += 1;
    expect(await remembering.isPerson('acme', 'pia')).toBe(false);
    expect(model.lookups).toEqual(['pia', 'pia']);
  });

  it('believes "is no person" for 1 s only: a person who just joined waits no longer', async () => {
    const model = readModel();
    const remembering = rememberingPersonRegistry(model.registry, { now });
    expect(await remembering.isPerson('acme', 'max')).toBe(false);
    model.people.add('max');
    expect(await remembering.isPerson('acme', 'max')).toBe(false);
    clock += 1_000;
    expect(await remembering.isPerson('acme', 'max')).toBe(true);
  });

  it('keeps tenants apart', async () => {
    const remembering = rememberingPersonRegistry(readModel().registry, { now });
    expect(await remembering.isPerson('acme', 'pia')).toBe(true);
    expect(await remembering.isPerson('globex', 'pia')).toBe(false);
  });

  it('shares one lookup among requests at the same time, and remembers no failure', async () => {
    const model = readModel();
    const remembering = rememberingPersonRegistry(model.registry, { now });
    model.fail(true);
    const answers = await Promise.allSettled(
      [1, 2, 3].map(() => remembering.isPerson('acme', 'pia')),
    );
    expect(answers.map((answer) => answer.status)).toEqual(['rejected', 'rejected', 'rejected']);
    model.fail(false);
    expect(await remembering.isPerson('acme', 'pia')).toBe(true);
    expect(model.lookups).toEqual(['pia', 'pia']);
  });

  it('keeps at most maxEntries answers, forgetting the oldest', async () => {
    const model = readModel();
    const remembering = rememberingPersonRegistry(model.registry, { now, maxEntries: 2 });
    for (const person of ['pia', 'max', 'ann']) await remembering.isPerson('acme', person);
    await remembering.isPerson('acme', 'ann');
    await remembering.isPerson('acme', 'pia');
    expect(model.lookups).toEqual(['pia', 'max', 'ann', 'pia']);
  });
});
