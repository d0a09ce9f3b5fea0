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
  const [result] = await rebuildProjections([projection], options);
  return result;
};

/** One projection of a rebuild: its new generation, its writer and how far it got. */
type Rebuilding = {
  readonly projection: Projection<Event, string>;
  readonly generation: number;
  readonly writer: RebuildWriter<Event, string>;
  readonly prefixes: readonly string[] | undefined;
  eventsRead: number;
};

/**
 * Rebuilds several projections of one store in ONE pass over its events (ADR 0056): each gets a
 * new generation and a writer, every event read goes to the projections whose stream prefixes it
 * matches, and each is swapped in as `rebuildProjection` swaps one. Reading and decoding the
 * events, most of a rebuild that writes few documents, is paid once for all of them.
 */
export const rebuildProjections = async (
  projections: readonly Projection<Event, string>[],
  options: RebuildOptions,
): Promise<RebuildResult[]> => {
  const { store, signal } = options;
  const progressIntervalMs = options.progressIntervalMs ?? 1_000;
  const batchSize = options.batchSize ?? 5_000;
  const dropOldAfterMs = options.dropOldAfterMs ?? 10_000;
  const db = databaseOf(options.connection);
  const generations = new ProjectionGenerations(db);
  const checkpoints = new ProjectionCheckpoints(db);
  const rebuilding: Rebuilding[] = [];
  const abandonAll = () =>
    Promise.all(
      rebuilding.map(({ projection, generation }) =>
        generations.abandon(projection, generation).catch(() => undefined),
      ),
    );
  try {
    for (const projection of projections) {
      const { generation } = await generations.claimBuild(
        projection,
        options.staleClaimAfterMs ?? 60_000,
      );
      rebuilding.push({
        projection,
        generation,
        writer: new RebuildWriter(db, projection, generation),
        prefixes: projection.streamPrefixes,
        eventsRead: 0,
      });
    }
  } catch (error) {
    await abandonAll();
    throw error;
  }
  // Every event any of them reads: all of the store once one of them reads it all.
  const streamPrefixes = rebuilding.some(({ prefixes }) => prefixes === undefined)
    ? undefined
    : [...new Set(rebuilding.flatMap(({ prefixes }) => prefixes!))];
  const startedAt = Date.now();
  let position: bigint | undefined;
  let head = await store.headPosition();
  let lastReportAt = startedAt;

  const report = (phase: RebuildPhase) => {
    lastReportAt = Date.now();
    const elapsedMs = lastReportAt - startedAt;
    const done = phase === 'swapped' || phase === 'done';
    for (const { projection, generation, eventsRead } of rebuilding) {
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
    }
  };

  /** Reads after the current position to the store's end; returns how many events it read. */
  const replay = async (phase: RebuildPhase): Promise<number> => {
    let read = 0;
    for await (const event of store.readAll({ after: position, streamPrefixes })) {
      if (signal?.aborted) throw new Error(`Rebuild of ${names(projections)} aborted`);
      for (const one of rebuilding) {
        if (one.prefixes && !one.prefixes.some((prefix) => event.streamId.startsWith(prefix))) {
          continue;
        }
        await one.writer.apply(event);
        one.eventsRead += 1;
        if (one.writer.unflushed >= batchSize) await one.writer.flushInBackground();
      }
      position = event.globalPosition;
      read += 1;
      // Progress does not flush: every flush rewrites the documents changed since the last one,
      // and a projection whose few documents change at every event would be written many times.
      // Nothing reads the new generation before the swap, which the last flush precedes.
      if (Date.now() - lastReportAt >= progressIntervalMs) {
        for (const { projection, generation } of rebuilding) {
          await generations.heartbeat(projection.name, generation);
        }
        head = await store.headPosition();
        report(phase);
      }
    }
    for (const { writer } of rebuilding) await writer.flush();
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
      for (const { projection, generation } of rebuilding) {
        await checkpoints.saveBuilding(projection.name, generation, position);
      }
    }
  } catch (error) {
    await abandonAll();
    throw error;
  }

  const previous = new Map<string, number>();
  for (const { projection, generation } of rebuilding) {
    previous.set(
      projection.name,
      await generations.activate(projection, generation, dropOldAfterMs),
    );
    await checkpoints.promote(projection.name, generation, position);
  }
  report('swapped');
  if (options.waitToDropOld ?? true) {
    if (dropOldAfterMs > 0) await sleep(dropOldAfterMs + 20, signal);
    for (const { projection } of rebuilding) await generations.dropUnused(projection);
  }
  report('done');
  const durationMs = Date.now() - startedAt;
  return rebuilding.map(({ projection, generation, eventsRead }) => ({
    projection: projection.name,
    generation,
    previousGeneration: previous.get(projection.name)!,
    position,
    eventsRead,
    durationMs,
  }));
};

const names = (projections: readonly Projection<Event, string>[]) =>
  projections.map((projection) => projection.name).join(', ');

const percentOf = (position: bigint | undefined, head: bigint | undefined): number => {
  if (head === undefined || head <= 0n) return 100;
  if (position === undefined) return 0;
  const basisPoints = (position * 10_000n) / head;
  return Math.min(100, Number(basisPoints) / 100);
};
