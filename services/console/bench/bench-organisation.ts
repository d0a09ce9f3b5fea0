import { expectEventually } from '@rhythm/testing';
import type { ConsoleWorld } from '../e2e/testing/console-world';
import { callAs, castTheQuarter, squadKeyResult } from '../e2e/testing/quarter-cast';
import type { WatchedKeyResult } from './check-in-to-other-browser';

/** The organisation the bench measures, and who it signs in as. */
export type BenchOrganisation = Readonly<{
  organisationId: string;
  description: string;
  objectiveCount: number;
  /** Whose My week is measured: a squad member with a few key results of their own. */
  personName: string;
  live: Readonly<{
    checkerName: string;
    watcherName: string;
    watcherPath: string;
    keyResult: WatchedKeyResult;
  }>;
}>;

/**
 * The quarter's organisation (tests/testing/quarter-cast.ts) with `objectives` objectives in its
 * active cycle, one key result each, all set over goals' HTTP API: the company's, Sam's squad's
 * (Sam owns five key results, as a squad member would) and the rest owned by the squad and its
 * tribe, so the tree has one cycle of that size to draw.
 */
export const benchOrganisation = async (
  world: ConsoleWorld,
  options: Readonly<{ objectives: number }>,
): Promise<BenchOrganisation> => {
  const cast = await castTheQuarter(world, { prefix: 'bench' });
  const watched = await squadKeyResult(world, cast, {
    objectiveTitle: 'Checkout never keeps a customer waiting',
    keyResultTitle: 'Payments answered within a second',
    ownerId: cast.people.sam,
  });
  const admin = callAs(world, 'goals', cast.organisationId, cast.people.olivia, ['admin']);
  const toMake = Math.max(0, options.objectives - 2);
  let made = 0;
  const next = async (): Promise<void> => {
    while (made < toMake) {
      const index = made++;
      const owner =
        index % 5 === 0 ? { kind: 'tribe', id: cast.tribeId } : { kind: 'squad', id: cast.squadId };
      const created = await admin('POST', '/objectives', {
        cycleId: cast.cycleId,
        title: `Objective ${index + 1}: customers notice the difference`,
        owner,
        kind: index % 3 === 0 ? 'aspirational' : 'committed',
        visibility: 'public',
      });
      if (created.status !== 201) throw new Error(`objective: ${JSON.stringify(created.body)}`);
      const objectiveId = String(created.body.id);
      await expectEventually(
        async () => {
          const added = await admin('POST', `/objectives/${objectiveId}/key-results`, {
            title: `Key result of objective ${index + 1}`,
            metric: {
              type: 'number',
              unit: 'points',
              start: 0,
              target: 100,
              direction: 'increase',
            },
            owner: index < 4 ? cast.people.sam : cast.people.olivia,
          });
          if (added.status !== 201) throw new Error(`key result: ${JSON.stringify(added.body)}`);
        },
        { timeoutMs: 60_000, intervalMs: 250 },
      );
      const activated = await admin('POST', `/objectives/${objectiveId}/activate`);
      if (activated.status !== 200) throw new Error(`activate: ${JSON.stringify(activated.body)}`);
    }
  };
  // A few clients at once: goals takes each objective in its own stream.
  await Promise.all(Array.from({ length: 4 }, next));
  return {
    organisationId: cast.organisationId,
    description: `${cast.organisationId}: 1 tribe, 1 squad, ${toMake + 2} objectives with a key result each in cycle ${cast.cycleId}`,
    objectiveCount: toMake + 2,
    personName: cast.names.sam,
    live: {
      checkerName: cast.names.sam,
      watcherName: cast.names.pete,
      watcherPath: `/objectives/${watched.objectiveId}`,
      keyResult: {
        objectiveId: watched.objectiveId,
        keyResultId: watched.keyResultId,
        progressLabel: `Progress of ${watched.keyResultTitle}`,
        percentOf: (value) => value,
      },
    },
  };
};
