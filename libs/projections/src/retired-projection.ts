import type { mongo } from 'mongoose';
import { ParkedEvents } from './parked-events';
import { ProjectionCheckpoints } from './projection-checkpoints';
import { ProjectionGenerations } from './projection-generations';
import type { ReadModelCollectionSpec } from './projection';

/**
 * A projection a service no longer runs: its last name, version and collections. The fleet
 * removes what it left in the read store (ADR 0059).
 */
export type RetiredProjection = Readonly<{
  name: string;
  /** Its last version: the fleet holds that version's lease, so no older replica runs it again. */
  version: number;
  collections: readonly Pick<ReadModelCollectionSpec, 'name'>[];
}>;

/**
 * Removes everything a retired projection left in the read store: the physical collections of
 * every generation, its generation pointer, its checkpoints (also of an unfinished rebuild) and
 * its parked events. Idempotent; returns the generations it found.
 */
export const removeRetiredProjection = async (
  db: mongo.Db,
  retired: RetiredProjection,
): Promise<number[]> => {
  const generations = await new ProjectionGenerations(db).forgetProjection(retired);
  await new ProjectionCheckpoints(db).forgetProjection(retired.name, generations);
  await new ParkedEvents(db).forgetProjection(retired.name);
  return generations;
};
