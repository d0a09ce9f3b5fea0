import type { Event, EventStore } from '@rhythm/event-sourcing';
import type { Connection } from 'mongoose';
import { ProjectionCheckpoints } from './projection-checkpoints';
import { ProjectionGenerations } from './projection-generations';
import type { Projection } from './projection';
import { RebuildWriter } from './rebuild-writer';
import { databaseOf, sleep } from './read-store';

export type RebuildPhase = 'replaying' | 'catching-up' | 'swapped' | 'done';

export type RebuildProgress = Readonly<{
  projection: string;
  generation: number;
  phase: RebuildPhase;
  /** Global position of the last event read. */
  position: bigint | undefined;
  /** The store's newest position when last asked. */
  head: bigint | undefined;
  eventsRead: number;
  /** Average since the rebuild started. */
  eventsPerSecond: number;
  /** position / head, 0–100; 100 once swapped. */
  percent: number;
  elapsedMs: number;
}>;

export type RebuildOptions = Readonly<{
  store: EventStore;
  connection: Connection;
  onProgress?: (progress: RebuildProgress) => void;
  /** Default 1000. */
  progressIntervalMs?: number;
  /**
   * Changed documents the writer holds before it writes them. Default 5000. A projection of few
   * documents (a card per objective) is written once, at the end of the replay, as a raw insert
   * would write it; one of many (an entry per event) in inserts of this many.
   */
  batchSize?: number;
  /**
   * How long the old generation stays after the swap, for readers still holding it (they refresh
   * the pointer every second by default). Default 10 000.
   */
  dropOldAfterMs?: number;
  /**
   * Wait out `dropOldAfterMs` and drop the old generation before resolving (default), or resolve
   * at the swap and leave the drop to a later `ProjectionGenerations.dropUnused` (the runner).
   */
  waitToDropOld?: boolean;
  /** A claim without heartbeat for this long may be taken over. Default 60 000. */
  staleClaimAfterMs?: number;
  signal?: AbortSignal;
}>;

export type RebuildResult = Readonly<{
  projection: string;
  generation: number;
  previousGeneration: number;
  position: bigint | undefined;
  eventsRead: number;
  durationMs: number;
}>;

/**
 * Rebuilds a projection from the first event without downtime: writes a new generation beside the
 * live one (which readers keep using and its runner keeps updating), catches up to the head,
 * flips the generation pointer, then drops the old collections once readers have moved. A runner
 * still on the old generation notices at its next checkpoint and continues on the new one from
 * the rebuild's checkpoint.
 *
 * For a service's `rebuild` script:
 *
 *   await rebuildProjection(squadDirectory, {
 *     store, connection, onProgress: (p) => logger.info(p, 'rebuilding squad_directory'),
 *   });
 */
export const rebuildProjection = async <E extends Event, C extends string>(
  projection: Projection<E, C>,
  options: RebuildOptions,
): Promise<RebuildResult> => {
  const { store, signal } = options;
  const progressIntervalMs = options.progressIntervalMs ?? 1_000;
  const batchSize = options.batchSize ?? 5_000;
  const dropOldAfterMs = options.dropOldAfterMs ?? 10_000;
  const db = databaseOf(options.connection);
  const generations = new ProjectionGenerations(db);
  const checkpoints = new ProjectionCheckpoints(db);
  const { generation } = await generations.claimBuild(
    projection,
    options.staleClaimAfterMs ?? 60_000,
  );
  const writer = new RebuildWriter(db, projection, generation);
  const startedAt = Date.now();
  let position: bigint | undefined;
  let head = await store.headPosition();
  let eventsRead = 0;
  let lastReportAt = startedAt;

  const report = (phase: RebuildPhase) => {
    lastReportAt = Date.now();
    const elapsedMs = lastReportAt - startedAt;
    const done = phase === 'swapped' || phase === 'done';
    options.onProgress?.({
      projection: projection.name,
      generation,
      phase,
      position,
      head,
      eventsRead,
      eventsPerSecond: elapsedMs === 0 ? 0 : Math.round((eventsRead * 1000) / elapsedMs),
      percent: done ? 100 : percentOf(position, head),
      elapsedMs,
    });
  };

  /** Reads after the current position to the store's end; returns how many events it read. */
  const replay = async (phase: RebuildPhase): Promise<number> => {
    let read = 0;
    for await (const event of store.readAll({
      after: position,
      streamPrefixes: projection.streamPrefixes,
    })) {
      if (signal?.aborted) throw new Error(`Rebuild of ${projection.name} aborted`);
      await writer.apply(event);
      position = event.globalPosition;
      read += 1;
      eventsRead += 1;
      if (writer.unflushed >= batchSize) await writer.flush();
      // Progress does not flush: every flush rewrites the documents changed since the last one,
      // and a projection whose few documents change at every event would be written many times.
      // Nothing reads the new generation before the swap, which the last flush precedes.
      if (Date.now() - lastReportAt >= progressIntervalMs) {
        await generations.heartbeat(projection.name, generation);
        head = await store.headPosition();
        report(phase);
      }
    }
    await writer.flush();
    report(phase);
    return read;
  };

  try {
    await replay('replaying');
    // Events keep arriving while we replay: follow them a few rounds, then swap; the live runner
    // continues from our checkpoint, so what arrives after the last round is not lost.
    for (let round = 0; round < 10; round++) {
      head = await store.headPosition();
      if (head === undefined || (position !== undefined && position >= head)) break;
      if ((await replay('catching-up')) === 0) break;
    }
    if (position !== undefined) {
      await checkpoints.saveBuilding(projection.name, generation, position);
    }
  } catch (error) {
    await generations.abandon(projection, generation).catch(() => undefined);
    throw error;
  }

  const previousGeneration = await generations.activate(projection, generation, dropOldAfterMs);
  await checkpoints.promote(projection.name, generation, position);
  report('swapped');
  if (options.waitToDropOld ?? true) {
    if (dropOldAfterMs > 0) await sleep(dropOldAfterMs + 20, signal);
    await generations.dropUnused(projection);
  }
  report('done');
  return {
    projection: projection.name,
    generation,
    previousGeneration,
    position,
    eventsRead,
    durationMs: Date.now() - startedAt,
  };
};

const percentOf = (position: bigint | undefined, head: bigint | undefined): number => {
  if (head === undefined || head <= 0n) return 100;
  if (position === undefined) return 0;
  const basisPoints = (position * 10_000n) / head;
  return Math.min(100, Number(basisPoints) / 100);
};
