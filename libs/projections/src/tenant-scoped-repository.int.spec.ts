import { InMemoryEventStore } from '@rhythm/testing';
import type { Connection } from 'mongoose';
import { physicalCollectionName } from './projection-generations';
import { ProjectionRunner } from './projection-runner';
import { ReadModelCollections } from './read-model-collections';
import {
  equalityQueriesUpTo,
  TenantScopedRepository,
  type TenantFilter,
} from './tenant-scoped-repository';
import { TenantId } from './tenant-id';
import { orgDirectory, type SquadCard, type TribeStats } from './testing/org-directory.projection';
import { appendOrgHistory, openReadStore } from './testing/read-store.fixture';
import { SquadDirectory } from './testing/squad-directory.repository';

/** Tribes' counters, which both tenants keep under the same tribe ids. */
class TribeStatsRepository extends TenantScopedRepository<TribeStats> {
  constructor(collections: ReadModelCollections) {
    super(collections, 'tribe_stats');
  }
}

const acme = TenantId.of('org-acme');
const globex = TenantId.of('org-globex');

describe('tenant-scoped read models on FerretDB', () => {
  let readStore: Awaited<ReturnType<typeof openReadStore>>;
  let connection: Connection;
  let readers: ReadModelCollections<'tribes' | 'squads' | 'tribe_stats'>;
  let directory: SquadDirectory;
  let status: string;
  const projection = orgDirectory();

  beforeAll(async () => {
    readStore = await openReadStore();
    connection = readStore.connection;
    const store = new InMemoryEventStore();
    // Both tenants use the same ids (t0, t0-s0 …): the tenant in the key tells them apart.
    await appendOrgHistory(store, acme, { tribes: 2, squadsPerTribe: 2, membersPerSquad: 1 });
    await appendOrgHistory(store, globex, { tribes: 1, squadsPerTribe: 3, membersPerSquad: 1 });
    const runner = new ProjectionRunner(projection, { connection, store });
    await runner.start();
    const head = await store.headPosition();
    while (runner.position !== head && runner.status !== 'failed') {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    status = runner.status;
    await runner.stop();
    await store.close();
    readers = new ReadModelCollections(connection, projection);
    directory = new SquadDirectory(readers);
  });
  afterAll(() => readStore.drop());

  it("returns only the tenant's documents, without tombstones or guard fields", async () => {
    const squads = await directory.find(acme, {}, { sort: { _id: 1 } });
    expect(squads.map((squad) => squad._id)).toEqual(['t0-s0', 't1-s0']); // s1 of each dissolved
    expect(squads[0]).toEqual({
      _id: 't0-s0',
      tenantId: 'org-acme',
      name: 'Squad t0-s0',
      mission: 'Mission of t0-s0',
      tribeId: 't0',
      tribeName: 'Renamed t0',
      members: {},
    });
    expect((await directory.find(globex)).map((squad) => squad._id).sort()).toEqual([
      't0-s0',
      't0-s1',
    ]);
  });

  it('keeps two tenants that chose the same ids apart, and keeps projecting', async () => {
    expect(status).toBe('live');
    const stored = await connection
      .db!.collection(physicalCollectionName('tribe_stats', 1))
      .find({}, { projection: { tenantId: 1, squads: 1 } })
      .sort({ _id: 1 })
      .toArray();
    expect(stored).toEqual([
      { _id: 'org-acme/t0', tenantId: 'org-acme', squads: 1 },
      { _id: 'org-acme/t1', tenantId: 'org-acme', squads: 1 },
      { _id: 'org-globex/t0', tenantId: 'org-globex', squads: 2 },
    ]);
    const stats = new TribeStatsRepository(readers);
    expect(await stats.findById(acme, 't0')).toEqual({
      _id: 't0',
      tenantId: 'org-acme',
      squads: 1,
      members: 0,
    });
    expect(await stats.findById(globex, 't0')).toMatchObject({ _id: 't0', squads: 2 });
  });

  it("cannot be steered to another tenant's documents by the filter", async () => {
    const smuggled = { tenantId: 'org-globex' } as unknown as TenantFilter<SquadCard>;
    expect(await directory.find(acme, smuggled)).toHaveLength(2);
    expect(await directory.findById(globex, 't1-s0')).toBeNull();
    expect(await directory.findById(acme, 't1-s0')).toMatchObject({ name: 'Squad t1-s0' });
    expect(await directory.count(globex)).toBe(2);
    expect(await directory.inTribe(acme, 't1')).toEqual([
      expect.objectContaining({ _id: 't1-s0', tribeId: 't1' }),
    ]);
    await expect(directory.find('' as TenantId)).rejects.toThrow(/needs a tenant id/);
  });

  it('finds documents whose field is one of many values, by equalities or by one $in', async () => {
    const ids = (squads: readonly SquadCard[]) => squads.map((squad) => squad._id).sort();
    // Dissolved and unknown ids, a repeat, an id only another tenant has: live acme squads only.
    const wanted = ['t0-s0', 't0-s1', 't1-s0', 't1-s0', 'nope', 't0-s2'];
    expect(ids(await directory.findWhereIn(acme, '_id', wanted))).toEqual(['t0-s0', 't1-s0']);
    expect(
      ids(await directory.findWhereIn(acme, 'tribeId', ['t0', 't1'], { name: 'Squad t1-s0' })),
    ).toEqual(['t1-s0']);
    expect(await directory.findWhereIn(acme, '_id', [])).toEqual([]);
    // Past equalityQueriesUpTo values it asks once with $in: the same answer.
    const many = [...wanted, ...Array.from({ length: equalityQueriesUpTo }, (_, n) => `x${n}`)];
    expect(ids(await directory.findWhereIn(acme, '_id', many))).toEqual(['t0-s0', 't1-s0']);
  });

  it('does not compile a query without a tenant', () => {
    // @ts-expect-error the tenant comes first and is required
    void directory.find({ tribeId: 't1' }).catch(() => undefined);
    // @ts-expect-error a plain string is not a TenantId
    void directory.findById('org-acme', 't0-s0').catch(() => undefined);
    // @ts-expect-error the filter cannot name the tenant
    void directory.find(acme, { tenantId: 'org-globex' }).catch(() => undefined);
  });

  it('created the declared indexes, each with the tenant first', async () => {
    const indexes = await connection
      .db!.collection(physicalCollectionName('squads', 1))
      .listIndexes()
      .toArray();
    expect(indexes.map((index) => index.key as object)).toEqual(
      expect.arrayContaining([{ _id: 1 }, { tenantId: 1, tribeId: 1, name: 1 }]),
    );
    const tribeIndexes = await connection
      .db!.collection(physicalCollectionName('tribes', 1))
      .listIndexes()
      .toArray();
    expect(tribeIndexes.map((index) => index.key as object)).toEqual([{ _id: 1 }, { tenantId: 1 }]);
  });
});
