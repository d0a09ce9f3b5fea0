import { GoalsDirectoryReader, GoalsDirectoryStore } from '@rhythm/goals-directory';
import { OrgDirectoryChanges, OrgDirectoryReader, OrgDirectoryStore } from '@rhythm/org-directory';
import { physicalCollectionName, TenantId } from '@rhythm/projections';
import type { Connection } from 'mongoose';
import { RecognitionReadModels } from '../src/read-models/recognition-read-models';
import { organisationWall } from '../src/read-models/walls.projection';
import { Latencies, msSince } from './latencies';

export type ReadPathCost = Readonly<{ what: string; p50: number; p95: number; note: string }>;

const timed = async (times: number, run: () => Promise<unknown>) => {
  const latencies = new Latencies();
  for (let i = 0; i < times; i++) {
    const at = process.hrtime.bigint();
    await run();
    latencies.add(msSince(at));
  }
  return { p50: latencies.percentile(50), p95: latencies.percentile(95) };
};

/** What FerretDB says it does with one of a wall page's finds (one hour bucket, by equality). */
const bucketPlan = async (connection: Connection, tenantId: string, bucket: string) => {
  const generation = await connection
    .db!.collection<{ _id: string; active?: { generation: number } }>('projection_generations')
    .findOne({ _id: 'recognition_walls' });
  const explained = (await connection.db!.command({
    explain: {
      find: physicalCollectionName('recognition_wall_entries', generation?.active?.generation ?? 1),
      filter: { tenantId, bucket },
    },
  })) as Record<string, unknown>;
  const plan = JSON.stringify(explained.queryPlanner ?? {});
  const pushdowns = Object.entries(explained)
    .filter(([key]) => /pushdown/i.test(key))
    .map(([key, value]) => `${key} ${String(value)}`);
  const node = /"Node Type":"([^"]+)"/.exec(plan)?.[1] ?? 'unknown';
  return `${node}${pushdowns.length > 0 ? `, ${pushdowns.join(', ')}` : ''}`;
};

/**
 * The read store's calls behind a wall page, the feed and the flow, timed one by one in this
 * process on the service's read store (no HTTP, no visibility rule): which of them bounds the
 * HTTP figures, on how many documents, and what FerretDB pushes down to PostgreSQL.
 */
export const readPathCosts = async (
  connection: Connection,
  tenantId: string,
  sample: Readonly<{ squadId: string; tribeId: string; personIds: string[]; objectiveId: string }>,
  times = 20,
): Promise<ReadPathCost[]> => {
  const tenant = TenantId.of(tenantId);
  const readModels = new RecognitionReadModels(connection);
  const org = new OrgDirectoryReader(new OrgDirectoryStore(connection), new OrgDirectoryChanges());
  const goals = new GoalsDirectoryReader(new GoalsDirectoryStore(connection));
  const costs: ReadPathCost[] = [];
  for (const wall of [organisationWall, `tribe:${sample.tribeId}`, `squad:${sample.squadId}`]) {
    const entries = await readModels.walls.count(tenant, { wall });
    const cost = await timed(times, () => readModels.walls.page(tenant, wall, undefined, 21));
    // The page reads the wall's hours document, then one equality find per hour it needs.
    const buckets = [
      ...new Set((await readModels.walls.page(tenant, wall, undefined, 21)).map((e) => e.bucket)),
    ];
    costs.push({
      what: `walls.page(${wall}), 21 newest entries`,
      ...cost,
      note:
        `${entries} entries on the wall; the page read ${buckets.length} hour buckets after the ` +
        `wall's hours document; one bucket's find: ${await bucketPlan(connection, tenantId, buckets[0] ?? '')}`,
    });
  }
  const page = await readModels.walls.page(tenant, organisationWall, undefined, 21);
  const kudosIds = page.filter((entry) => entry.item === 'kudos').map((entry) => entry.itemId);
  costs.push({
    what: `kudos.findWhereIn(_id, ${kudosIds.length} ids of a feed page)`,
    ...(await timed(times, () => readModels.kudos.findWhereIn(tenant, '_id', kudosIds))),
    note: `${await readModels.kudos.count(tenant)} kudos documents`,
  });
  costs.push({
    what: 'org directory: people(2 ids) — per kudos on a page (its receivers)',
    ...(await timed(times, () => org.people(tenantId, sample.personIds.slice(0, 2)))),
    note: 'OrgDirectoryReader.people: the people, then the units around them',
  });
  costs.push({
    what: 'goals directory: objective(id) — per tied kudos and per celebration on a page',
    ...(await timed(times, () => goals.objective(tenantId, sample.objectiveId))),
    note: 'GoalsDirectoryReader.objective',
  });
  const asOf = new Date().toISOString();
  costs.push({
    what: 'flow.totals(as of now)',
    ...(await timed(times, () => readModels.flow.totals(tenant, { asOf }))),
    note: 'FlowTotalsRepository.totals',
  });
  return costs;
};
