import { TenantId } from '@rhythm/projections';
import { testInfrastructure, uniqueName } from '@rhythm/testing';
import mongoose, { type Connection } from 'mongoose';
import { MembershipNotKnown } from '../application/recognition-directory.port';
import type { PersonHistory, UnitHistory } from './membership-history';
import { MembershipHistoryReader } from './membership-history.reader';
import { MembershipHistoryStore } from './membership-history.store';

/**
 * The history on the real read store: a projection asks it to wait for the people and units a
 * recognition event names (the directory behind, e.g. a read store rebuilt from the topics), and
 * gets a clear refusal, never a kudos counted under no unit, once the wait is over.
 */
describe('MembershipHistoryReader on the read store', () => {
  const tenant = 'acme';
  let connection: Connection;
  let store: MembershipHistoryStore;
  let reader: MembershipHistoryReader;

  const max: PersonHistory = {
    kind: 'person',
    id: 'max',
    memberships: [{ kind: 'squad', id: 'support', from: '2026-01-05T09:00:00.000Z' }],
  };
  const support: UnitHistory = {
    kind: 'squad',
    id: 'support',
    existed: { from: '2026-01-01T09:00:00.000Z' },
    tribes: [{ tribeId: 'cx', from: '2026-01-01T09:00:00.000Z' }],
  };

  beforeAll(async () => {
    connection = await mongoose
      .createConnection(testInfrastructure.mongoUrl(), { dbName: uniqueName('rec_history') })
      .asPromise();
    store = new MembershipHistoryStore(connection);
    await store.ensureIndexes();
    reader = new MembershipHistoryReader(store);
  });

  afterAll(async () => {
    await connection?.dropDatabase();
    await connection?.close();
  });

  it('answers at once, without an entry, when no wait is asked (the consumer retries itself)', async () => {
    const units = await reader.unitsAt(tenant, ['max'], '2026-02-01T09:00:00Z');
    expect(units.has('max')).toBe(false);
  });

  it('refuses after the wait when the history never learns of the person or unit', async () => {
    await expect(
      reader.unitsAt(tenant, ['max'], '2026-02-01T09:00:00Z', { awaitKnownMs: 150 }),
    ).rejects.toThrow(MembershipNotKnown);
    await expect(
      reader.tribeOfAt(tenant, { kind: 'squad', id: 'support' }, '2026-02-01T09:00:00Z', {
        awaitKnownMs: 150,
      }),
    ).rejects.toThrow(/does not know squad:support yet/);
  });

  it('waits for the directory to catch up, then answers by the memberships of that moment', async () => {
    const asked = reader.unitsAt(tenant, ['max'], '2026-02-01T09:00:00Z', { awaitKnownMs: 10_000 });
    const tribe = reader.tribeOfAt(
      tenant,
      { kind: 'squad', id: 'support' },
      '2026-02-01T09:00:00Z',
      {
        awaitKnownMs: 10_000,
      },
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    await store.save(TenantId.of(tenant), support);
    await store.save(TenantId.of(tenant), max);
    expect((await asked).get('max')).toEqual(
      expect.arrayContaining([{ kind: 'squad', id: 'support' }]),
    );
    expect(await tribe).toBe('cx');
  });
});
