import type { Event, EventStore, NewEvent, RecordedEvent } from '@rhythm/event-sourcing';
import { InMemoryEventStore } from '@rhythm/testing';
import { protectPersonalData, type PersonalDataEventStore } from './personal-data-event-store';
import { personalDataPolicy } from './personal-data-policy';
import { isSealedText, type SealedText } from './sealed-text';
import { InMemoryPersonalDataKeys } from './testing/in-memory-personal-data-keys';

type Joined = Event<'Joined', { personId: string; name: string; email: string }>;
type Left = Event<'Left', { personId: string; reason: string }>;
type Erased = Event<'Erased', { personId: string }>;
type Renamed = Event<'TeamRenamed', { teamId: string; name: string }>;
type TestEvent = Joined | Left | Erased | Renamed;

const policy = personalDataPolicy<TestEvent>({
  events: {
    Joined: { subject: 'personId', fields: ['name', 'email'] },
    Left: { subject: 'personId', fields: ['reason'] },
  },
  erasures: { Erased: { subject: 'personId' } },
  erased: { name: 'Erased person', email: '' },
  erasedText: 'Personal data erased',
});

const tenantId = 'acme';
let eventNumber = 0;
const event = <E extends TestEvent>(
  type: E['type'],
  data: E['data'],
  reason?: string,
): NewEvent<TestEvent> =>
  ({
    type,
    data,
    metadata: {
      eventId: `00000000-0000-4000-8000-${String(++eventNumber).padStart(12, '0')}`,
      tenantId,
      actor: 'admin',
      correlationId: 'c',
      causationId: 'c',
      occurredAt: '2026-12-07T10:00:00.000Z',
      ...(reason === undefined ? {} : { reason }),
    },
  }) as NewEvent<TestEvent>;

const ann = { personId: 'ann', name: 'Ann Smith', email: 'ann@acme.test' };
const bob = { personId: 'bob', name: 'Bob Jones', email: 'bob@acme.test' };

const readAllOf = async (store: EventStore) => {
  const all: RecordedEvent[] = [];
  for await (const recorded of store.readAll()) all.push(recorded);
  return all;
};

/** What a reader of the stored rows could see: types, data and metadata. */
const textOf = (events: readonly RecordedEvent[]) =>
  JSON.stringify(events.map(({ type, data, metadata }) => ({ type, data, metadata })));

const dataOf = (events: readonly RecordedEvent[]) =>
  events.map(({ type, data, metadata }) => ({ type, data, reason: metadata.reason }));

describe('PersonalDataEventStore', () => {
  let inner: InMemoryEventStore;
  let keys: InMemoryPersonalDataKeys;
  let store: PersonalDataEventStore;

  beforeEach(() => {
    inner = new InMemoryEventStore();
    keys = new InMemoryPersonalDataKeys();
    store = protectPersonalData(inner, { policy, keys });
  });

  describe('on append', () => {
    it('seals the listed fields and the reason under the person’s key: nothing personal is stored in clear', async () => {
      await store.append('person-ann', [event<Joined>('Joined', ann)], {
        expectedRevision: 'no_stream',
      });
      await store.append(
        'person-ann',
        [
          event<Left>(
            'Left',
            { personId: 'ann', reason: 'Ann moved to Oslo' },
            'Ann moved to Oslo',
          ),
        ],
        {
          expectedRevision: 0,
        },
      );

      const stored = await readAllOf(inner);
      const text = textOf(stored);
      for (const secret of ['Ann Smith', 'ann@acme.test', 'Oslo']) {
        expect(text).not.toContain(secret);
      }
      const joined = stored[0].data as Record<string, unknown>;
      expect(joined.personId).toBe('ann');
      expect(joined.name).toEqual({ sealedFor: 'ann', aes256gcm: expect.any(String) });
      expect(isSealedText(joined.email)).toBe(true);
      expect(isSealedText(stored[1].metadata.reason)).toBe(true);
      expect(keys.keys.size).toBe(1);
    });

    it('leaves events the policy does not list as they are, and makes no key for them', async () => {
      const renamed = event<Renamed>('TeamRenamed', { teamId: 't', name: 'Payments' }, 'merger');

      await store.append('team-t', [renamed], { expectedRevision: 'no_stream' });

      const [stored] = await readAllOf(inner);
      expect({ data: stored.data, reason: stored.metadata.reason }).toEqual({
        data: { teamId: 't', name: 'Payments' },
        reason: 'merger',
      });
      expect(keys.keys.size).toBe(0);
      expect(keys.lookups).toBe(0);
    });

    it('seals each text apart: the same name twice is two different ciphertexts', async () => {
      await store.append('person-ann', [event<Joined>('Joined', { ...ann, email: 'Ann Smith' })], {
        expectedRevision: 'no_stream',
      });

      const [stored] = await readAllOf(inner);
      const { name, email } = stored.data as { name: SealedText; email: SealedText };
      expect(name.aes256gcm).not.toBe(email.aes256gcm);
    });
  });

  describe('on read', () => {
    beforeEach(async () => {
      await store.append('person-ann', [event<Joined>('Joined', ann)], {
        expectedRevision: 'no_stream',
      });
      await store.append('person-bob', [event<Joined>('Joined', bob)], {
        expectedRevision: 'no_stream',
      });
      await store.append(
        'person-ann',
        [
          event<Left>(
            'Left',
            { personId: 'ann', reason: 'Ann moved to Oslo' },
            'Ann moved to Oslo',
          ),
        ],
        { expectedRevision: 0 },
      );
    });

    it('gives every reader the events as they were appended', async () => {
      const expected = [
        { type: 'Joined', data: ann, reason: undefined },
        { type: 'Joined', data: bob, reason: undefined },
        {
          type: 'Left',
          data: { personId: 'ann', reason: 'Ann moved to Oslo' },
          reason: 'Ann moved to Oslo',
        },
      ];

      expect(dataOf(await readAllOf(store))).toEqual(expected);
      expect(dataOf(await store.readStream('person-ann'))).toEqual([expected[0], expected[2]]);
      const subscription = new AbortController();
      const followed: RecordedEvent[] = [];
      for await (const recorded of store.subscribeToAll({ signal: subscription.signal })) {
        followed.push(recorded);
        if (followed.length === 3) subscription.abort();
      }
      expect(dataOf(followed)).toEqual(expected);
    });

    it('reads an erased person’s texts as the placeholders, and everyone else’s as before', async () => {
      const before = await readAllOf(inner);

      await store.append('person-ann', [event<Erased>('Erased', { personId: 'ann' })], {
        expectedRevision: 1,
      });

      expect(dataOf(await readAllOf(store))).toEqual([
        {
          type: 'Joined',
          data: { personId: 'ann', name: 'Erased person', email: '' },
          reason: undefined,
        },
        { type: 'Joined', data: bob, reason: undefined },
        {
          type: 'Left',
          data: { personId: 'ann', reason: 'Personal data erased' },
          reason: 'Personal data erased',
        },
        { type: 'Erased', data: { personId: 'ann' }, reason: undefined },
      ]);
      // Crypto-shredding: what was stored stays exactly as it was; only the new event is added.
      const after = await readAllOf(inner);
      expect(after.slice(0, 3)).toEqual(before);
      expect(after).toHaveLength(4);
      expect(keys.erasures.has(JSON.stringify([tenantId, 'ann']))).toBe(true);
    });

    it('looks the keys of a page of readAll up in one call', async () => {
      keys.lookups = 0;

      const all = await readAllOf(store);

      expect(all).toHaveLength(3);
      expect(keys.lookups).toBe(1);
    });

    it('opens the events a subscription has already read with one key lookup, and follows live', async () => {
      keys.lookups = 0;
      const subscription = new AbortController();
      const followed: RecordedEvent[] = [];
      for await (const recorded of store.subscribeToAll({ signal: subscription.signal })) {
        followed.push(recorded);
        if (followed.length === 3) {
          // Caught up: the next event comes live, after the subscription waited for it.
          expect(keys.lookups).toBe(1);
          await store.append('person-bob', [event<Erased>('Erased', { personId: 'bob' })], {
            expectedRevision: 0,
          });
        }
        if (followed.length === 4) subscription.abort();
      }
      expect(followed.map((recorded) => recorded.type)).toEqual([
        'Joined',
        'Joined',
        'Left',
        'Erased',
      ]);
    });

    it('looks the key up on every read: a key destroyed elsewhere is missed by no later read', async () => {
      expect((await store.readStream('person-ann'))[0].data).toEqual(ann);

      await keys.erase(tenantId, 'ann', new Date());

      expect((await store.readStream('person-ann'))[0].data).toEqual({
        personId: 'ann',
        name: 'Erased person',
        email: '',
      });
    });

    it('refuses a sealed text that was altered or moved to another person', async () => {
      const [annJoined, bobJoined] = await readAllOf(inner);
      const annName = (annJoined.data as { name: SealedText }).name;
      const storedAs = async (recorded: RecordedEvent, data: object) => {
        const raw = new InMemoryEventStore();
        await raw.append(recorded.streamId, [{ ...recorded, data }], {
          expectedRevision: 'no_stream',
        });
        return protectPersonalData(raw, { policy, keys });
      };

      const moved = await storedAs(bobJoined, {
        ...bobJoined.data,
        name: { ...annName, sealedFor: 'bob' },
      });
      await expect(moved.readStream('person-bob')).rejects.toThrow(
        'person-bob@0: name does not open with the key of bob',
      );

      const altered = Buffer.from(annName.aes256gcm, 'base64');
      altered[altered.length - 1] ^= 1;
      const tampered = await storedAs(annJoined, {
        ...annJoined.data,
        name: { ...annName, aes256gcm: altered.toString('base64') },
      });
      await expect(tampered.readStream('person-ann')).rejects.toThrow(
        'person-ann@0: name does not open with the key of ann',
      );
    });
  });

  describe('erasure', () => {
    it('destroys the key before anything appended with the erasure is sealed, and never makes one again', async () => {
      await store.append('person-ann', [event<Joined>('Joined', ann)], {
        expectedRevision: 'no_stream',
      });

      // The erasure ends the membership as leaving does: that event must not be sealed anew.
      await store.append(
        'person-ann',
        [
          event<Left>('Left', { personId: 'ann', reason: 'Ann asked to be forgotten' }),
          event<Erased>('Erased', { personId: 'ann' }),
        ],
        { expectedRevision: 0 },
      );
      await store.append('person-ann', [event<Joined>('Joined', { ...ann, name: 'Ann Again' })], {
        expectedRevision: 2,
      });

      const stored = await readAllOf(inner);
      expect(textOf(stored.slice(1))).not.toMatch(/Ann (asked|Again)|ann@acme/);
      expect(keys.keys.size).toBe(0);
      expect(dataOf((await store.readStream('person-ann')).slice(1))).toEqual([
        {
          type: 'Left',
          data: { personId: 'ann', reason: 'Personal data erased' },
          reason: undefined,
        },
        { type: 'Erased', data: { personId: 'ann' }, reason: undefined },
        {
          type: 'Joined',
          data: { personId: 'ann', name: 'Erased person', email: '' },
          reason: undefined,
        },
      ]);
    });
  });

  describe('plain text recorded before sealing began', () => {
    it('reads as it was until its person is erased, then as the placeholders', async () => {
      await inner.append(
        'person-ann',
        [
          event<Joined>('Joined', ann),
          event<Left>('Left', { personId: 'ann', reason: 'Oslo' }, 'Oslo'),
        ],
        { expectedRevision: 'no_stream' },
      );

      expect(dataOf(await store.readStream('person-ann'))).toEqual([
        { type: 'Joined', data: ann, reason: undefined },
        { type: 'Left', data: { personId: 'ann', reason: 'Oslo' }, reason: 'Oslo' },
      ]);

      await store.append('person-ann', [event<Erased>('Erased', { personId: 'ann' })], {
        expectedRevision: 1,
      });

      expect(dataOf(await store.readStream('person-ann'))).toEqual([
        {
          type: 'Joined',
          data: { personId: 'ann', name: 'Erased person', email: '' },
          reason: undefined,
        },
        {
          type: 'Left',
          data: { personId: 'ann', reason: 'Personal data erased' },
          reason: 'Personal data erased',
        },
        { type: 'Erased', data: { personId: 'ann' }, reason: undefined },
      ]);
    });
  });

  it('refuses an event of a listed type that names no person', async () => {
    await expect(
      store.append('person-x', [event<Joined>('Joined', { ...ann, personId: '' })], {
        expectedRevision: 'no_stream',
      }),
    ).rejects.toThrow('Joined names no personId');
    expect(inner.size).toBe(0);
  });
});
