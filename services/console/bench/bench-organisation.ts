import { uniqueName } from '@rhythm/testing';
import { seedDemoOrganisation } from '@rhythm/tools/demo/demo-seeder';
import type { ConsoleWorld } from '../e2e/testing/console-world';
import { castTheQuarter, squadKeyResult } from '../e2e/testing/quarter-cast';
import type { WatchedKeyResult } from './check-in-to-other-browser';

/** The organisations the bench measures, and who it signs in as. */
export type BenchOrganisation = Readonly<{
  organisationId: string;
  description: string;
  objectiveCount: number;
  /** Whose My week is measured: the demo's squad member. */
  personName: string;
  live: Readonly<{
    organisationId: string;
    checkerName: string;
    watcherName: string;
    watcherPath: string;
    keyResult: WatchedKeyResult;
  }>;
}>;

/**
 * The demo organisation (`npm run demo`, tools/demo) with `objectives` objectives in its active
 * cycle, seeded through the world's services under an organisation id of its own; and, for the
 * check-in latency, the quarter's squad with one key result Sam owns and Pete watches.
 */
export const benchOrganisation = async (
  world: ConsoleWorld,
  options: Readonly<{ objectives: number; log?: (line: string) => void }>,
): Promise<BenchOrganisation> => {
  const organisationId = uniqueName('bench-acme').replace(/_/g, '-');
  const seeded = await seedDemoOrganisation({
    organisationId,
    objectives: options.objectives,
    services: {
      org: world.services.org.url,
      goals: world.services.goals.url,
      checkins: world.services.checkins.url,
      recognition: world.services.recognition.url,
    },
    ...(options.log ? { log: options.log } : {}),
  });
  const member = seeded.signIns[0];
  const cast = await castTheQuarter(world, { prefix: 'bench-live' });
  const watched = await squadKeyResult(world, cast, {
    objectiveTitle: 'Checkout never keeps a customer waiting',
    keyResultTitle: 'Payments answered within a second',
    ownerId: cast.people.sam,
  });
  return {
    organisationId,
    description: `${organisationId}: the demo organisation, ${seeded.objectiveCount} objectives in cycle ${seeded.cycleId}`,
    objectiveCount: seeded.objectiveCount,
    personName: member.name,
    live: {
      organisationId: cast.organisationId,
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
