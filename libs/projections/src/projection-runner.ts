import type { Event, EventStore, RecordedEvent } from '@rhythm/event-sourcing';
import type { Connection, mongo } from 'mongoose';
import {
  isOutage,
  ParkedEvents,
  parkedEventMetrics,
  replayParkedEvents,
  type ParkedEvent,
  type ReplayOutcome,
} from './parked-events';
import { batchIsDue, batchMetrics } from './batch-gathering';
import { asRecordedEvent, type ProjectableEvent } from './projectable-event';
import { ProjectionCheckpoints } from './projection-checkpoints';
import { ProjectionGenerations, RebuildInProgress } from './projection-generations';
import { ProjectionDefinitionError, type Projection } from './projection';
import { InvalidReadModelWrite } from './read-model-update';
import { ReadModelConflict, ReadModelWriter } from './read-model-writer';
import { databaseOf, sleep } from './read-store';
import { rebuildProjection, type RebuildProgress } from './rebuild-projection';

export type ProjectionRunnerOptions = Readonly<{
  connection: Connection;
  /** This context's event store; not needed for a projection fed only through `handle`. */
  store?: EventStore;
  /**
   * Events applied per flush at most. Default 2000: a runner behind the store folds each document's
   * writes of a batch into one (ADR 0056), so larger batches catch up faster.
   */
  batchSize?: number;
  /** Flush when the feed pauses this long with writes pending. Default 5 (ADR 0058). */
  idleFlushMs?: number;
  /**
   * ...or when the first pending event has waited this long or as long as the last flush took,
   * whichever is longer (`batchIsDue`, ADR 0063): a feed that never pauses is still visible within
   * about this time while flushes are quick, and a runner behind the store gathers batches that
   * fold more writes into each document. Default 250.
   */
  maxFlushDelayMs?: number;
  /** Save the checkpoint after this many events... Default 1000. */
  checkpointEvery?: number;
  /** ...or this long after the last save, whichever comes first. Default 1000. */
  checkpointIntervalMs?: number;
  /**
   * When the active generation was built by an older version: 'rebuild' builds the new version
   * beside it (readers keep the old one until the swap), 'fail' refuses to start. Default 'rebuild'.
   */
  whenVersionChanged?: 'rebuild' | 'fail';
  onRebuildProgress?: (progress: RebuildProgress) => void;
  /** After a rebuild this runner made, how long the old generation stays for readers. Default 10 000. */
  dropOldAfterMs?: number;
  /** Called when the runner stops on an error; `done` rejects with it too. */
  onError?: (error: unknown) => void;
  /**
   * Called when the read store or the event store failed under the runner (a restart, a lost
   * connection): it discards unflushed writes, waits, reloads its checkpoint and goes on.
   */
  onRecovering?: (error: unknown, retryInMs: number) => void;
  /** First wait before recovering; doubles up to `maxRecoveryDelayMs`. Default 500 / 30 000. */
  recoveryDelayMs?: number;
  maxRecoveryDelayMs?: number;
  /** Called for each event the runner parks (it could not apply it) and goes on without. */
  onParked?: (
    event: RecordedEvent,
    reason: Readonly<{ error: unknown } | { behind: bigint }>,
  ) => void;
  /** Called for each parked event a requested replay applied or failed again. */
  onReplayed?: (outcome: ReplayOutcome) => void;
  /** While events are parked, how often the runner looks for a replay request. Default 1000. */
  replayPollMs?: number;
}>;

export type ProjectionRunnerStatus =
  'created' | 'rebuilding' | 'live' | 'recovering' | 'stopping' | 'stopped' | 'failed';

/**
 * Failures of the servers under the runner, which a wait cures: the read store restarted or is
 * out of connections, a connection to it or to the event store dropped.
 */
const isTransient = (error: unknown): boolean =>
  !(
    error instanceof ProjectionSuperseded ||
    error instanceof ProjectionDefinitionError ||
    error instanceof InvalidReadModelWrite ||
    error instanceof ReadModelConflict
  ) && isOutage(error);

/**
 * A failure that one event caused: `apply` threw for it, or the read store refused its writes
 * (a conflict, a duplicate on a unique index, a document the store will not take). The event is
 * parked and the runner goes on. A superseded version or a broken definition is the runner's
 * own failure and stops it; an outage is waited out.
 */
const isTheEventsFault = (error: unknown): boolean =>
  !isTransient(error) &&
  !(error instanceof ProjectionSuperseded || error instanceof ProjectionDefinitionError);

/** The active generation was built by a newer version of the projection than this code. */
export class ProjectionSuperseded extends Error {
  constructor(projection: string, activeVersion: number, ownVersion: number) {
    super(
      `Projection ${projection} version ${activeVersion} is active; this runner has version ${ownVersion} and stops`,
    );
    this.name = 'ProjectionSuperseded';
  }
}

const idle = Symbol('idle');

/**
 * Keeps one projection's read models up to date.
 *
 * - `start()` subscribes to this context's store after the saved checkpoint and applies events in
 *   order (`for await`: the next event is read once the previous one is handled). Writes are
 *   flushed in batches; the checkpoint is saved after the writes it covers, every N events or
 *   T ms. A crash between the two replays some events, which the guards turn into no-ops.
 * - `handle(events)` applies events of other contexts consumed from Kafka, flushed before it
 *   resolves, so the consumer commits its offset after the effect. The checkpoint is not touched:
 *   the Kafka offset is that feed's checkpoint.
 */
export class ProjectionRunner<E extends Event, C extends string> {
  private readonly db: mongo.Db;
  private readonly checkpoints: ProjectionCheckpoints;
  private readonly generations: ProjectionGenerations;
  private readonly batchSize: number;
  private readonly idleFlushMs: number;
  private readonly maxFlushDelayMs: number;
  /** When the first of the unflushed events was applied. */
  private unflushedSince = 0;
  /** How long the last flush took: a busy feed gathers its next batch at least as long. */
  private lastFlushMs = 0;
  private readonly checkpointEvery: number;
  private readonly checkpointIntervalMs: number;
  private writer: ReadModelWriter<E, C> | undefined;
  private ready: Promise<void> | undefined;
  private loop: Promise<void> | undefined;
  private readonly stopping = new AbortController();
  private subscription: AbortController | undefined;
  /** Serialises the subscription loop and `handle` calls: one writer, one order. */
  private exclusive: Promise<unknown> = Promise.resolve();
  private currentStatus: ProjectionRunnerStatus = 'created';
  private handledPosition: bigint | undefined;
  private flushedPosition: bigint | undefined;
  private checkpointPosition: bigint | undefined;
  /** Applied since the last flush: what a failed flush re-applies one by one to find the culprit. */
  private unflushed: RecordedEvent[] = [];
  private eventsSinceCheckpoint = 0;
  private lastCheckpointAt = Date.now();
  private failure: unknown;
  private readonly parkedEvents: ParkedEvents;
  /** Streams with a parked event (its position): their later events park behind it. */
  private parkedStreams = new Map<string, bigint>();
  private parkedCount = 0;
  private readonly replayPollMs: number;
  private lastReplayPoll = 0;
  private readonly metrics = parkedEventMetrics();
  private readonly batches = batchMetrics();

  constructor(
    readonly projection: Projection<E, C>,
    private readonly options: ProjectionRunnerOptions,
  ) {
    this.db = databaseOf(options.connection);
    this.checkpoints = new ProjectionCheckpoints(this.db);
    this.generations = new ProjectionGenerations(this.db);
    this.batchSize = options.batchSize ?? 2_000;
    this.idleFlushMs = options.idleFlushMs ?? 5;
    this.maxFlushDelayMs = options.maxFlushDelayMs ?? 250;
    this.checkpointEvery = options.checkpointEvery ?? 1_000;
    this.checkpointIntervalMs = options.checkpointIntervalMs ?? 1_000;
    this.parkedEvents = new ParkedEvents(this.db);
    this.replayPollMs = options.replayPollMs ?? 1_000;
  }

  /** Events of this projection's generation parked now (readiness reports them as degraded). */
  parked(): number {
    return this.parkedCount;
  }

  get status(): ProjectionRunnerStatus {
    return this.currentStatus;
  }

  /** The generation this runner writes. */
  get generation(): number | undefined {
    return this.writer?.generation;
  }

  /** Global position of the last store event whose writes are in the read store. */
  get position(): bigint | undefined {
    return this.flushedPosition;
  }

  /** Why the runner failed, when it did. */
  get error(): unknown {
    return this.failure;
  }

  /** Resolves when the subscription ends after `stop()`; rejects if the runner failed. */
  get done(): Promise<void> {
    return this.loop ?? Promise.resolve();
  }

  /**
   * Prepares the generation, rebuilding it first when the version changed (readers keep the old
   * one meanwhile), and resolves once the runner follows the store.
   */
  async start(): Promise<void> {
    if (this.loop) throw new Error(`Projection runner ${this.projection.name} already started`);
    const store = this.options.store;
    if (!store) throw new Error(`Projection runner ${this.projection.name} has no event store`);
    this.loop = this.prepare(store).then(() => this.follow(store));
    // `done` reports the failure; nobody awaiting it must not crash the process.
    this.loop.catch(() => undefined);
    await Promise.race([this.ready, this.loop]);
  }

  /** Stops after flushing applied writes and saving the checkpoint. */
  async stop(): Promise<void> {
    if (this.currentStatus === 'stopped' || this.currentStatus === 'failed') return;
    this.currentStatus = 'stopping';
    this.stopping.abort();
    this.subscription?.abort();
    await this.loop?.catch(() => undefined);
    if (this.currentStatus === 'stopping') this.currentStatus = 'stopped';
  }

  /** Applies events that came from Kafka and flushes them. Same guards, position from the envelope. */
  async handle(events: ProjectableEvent | readonly ProjectableEvent[]): Promise<void> {
    const list = (Array.isArray(events) ? events : [events]) as readonly ProjectableEvent[];
    await this.prepare(this.options.store);
    await this.serially(async () => {
      const writer = this.writer!;
      for (const event of list) await writer.apply(asRecordedEvent(event));
      await writer.flush();
    });
  }

  private prepare(store: EventStore | undefined): Promise<void> {
    this.ready ??= this.resolveGeneration(store);
    return this.ready;
  }

  private async resolveGeneration(store: EventStore | undefined): Promise<void> {
    const { name, version } = this.projection;
    for (;;) {
      const pointer = await this.generations.ensure(this.projection);
      const active = pointer.active;
      if (active.version === version) {
        this.writer = new ReadModelWriter(this.db, this.projection, active.generation);
        this.checkpointPosition = await this.checkpoints.load(name, active.generation);
        this.handledPosition = this.checkpointPosition;
        this.flushedPosition = this.checkpointPosition;
        await this.loadParked();
        return;
      }
      if (active.version > version) throw new ProjectionSuperseded(name, active.version, version);
      if (this.options.whenVersionChanged === 'fail' || !store) {
        throw new Error(
          `Projection ${name} is at version ${active.version} and needs a rebuild to version ${version}`,
        );
      }
      this.currentStatus = 'rebuilding';
      try {
        const dropOldAfterMs = this.options.dropOldAfterMs ?? 10_000;
        await rebuildProjection(this.projection, {
          store,
          connection: this.options.connection,
          onProgress: this.options.onRebuildProgress,
          signal: this.stopping.signal,
          dropOldAfterMs,
          waitToDropOld: false,
        });
        // Go live now; readers still on the old generation get their grace period.
        setTimeout(() => {
          this.generations.dropUnused(this.projection).catch(() => undefined);
        }, dropOldAfterMs + 20).unref();
      } catch (error) {
        // Another instance is rebuilding: wait for its swap.
        if (!(error instanceof RebuildInProgress)) throw error;
        await sleep(1_000, this.stopping.signal);
      }
      if (this.stopping.signal.aborted) throw new Error(`Projection runner ${name} stopped`);
    }
  }

  private async follow(store: EventStore): Promise<void> {
    this.currentStatus = 'live';
    const firstDelay = this.options.recoveryDelayMs ?? 500;
    const maxDelay = this.options.maxRecoveryDelayMs ?? 30_000;
    let delay = firstDelay;
    let lastFailureAt = 0;
    for (;;) {
      try {
        while (!this.stopping.signal.aborted) {
          const outcome = await this.consume(store);
          if (outcome === 'ended') break;
        }
        await this.serially(() => this.commit(true));
        this.currentStatus = 'stopped';
        return;
      } catch (error) {
        // As a crash would: recorded but unflushed writes are lost, the checkpoint stays behind.
        this.writer?.discard();
        this.unflushed = [];
        if (this.stopping.signal.aborted || !isTransient(error)) {
          this.failure = error;
          this.currentStatus = 'failed';
          this.options.onError?.(error);
          throw error;
        }
        if (Date.now() - lastFailureAt > 60_000) delay = firstDelay;
        lastFailureAt = Date.now();
        this.currentStatus = 'recovering';
        this.options.onRecovering?.(error, delay);
        await sleep(delay, this.stopping.signal);
        delay = Math.min(delay * 2, maxDelay);
        // Go on from what the read store holds; the guards absorb the replayed tail.
        await this.reloadCheckpoint().catch(() => undefined);
        if (this.currentStatus === 'recovering') this.currentStatus = 'live';
      }
    }
  }

  private async reloadCheckpoint(): Promise<void> {
    const position = await this.checkpoints.load(this.projection.name, this.writer!.generation);
    this.checkpointPosition = position;
    this.handledPosition = position;
    this.flushedPosition = position;
    this.eventsSinceCheckpoint = 0;
  }

  /** Follows one subscription until it ends or a rebuild swaps the generation. */
  private async consume(store: EventStore): Promise<'ended' | 'switched'> {
    const subscription = new AbortController();
    this.subscription = subscription;
    const onStop = () => subscription.abort();
    this.stopping.signal.addEventListener('abort', onStop, { once: true });
    const events = store
      .subscribeToAll({
        after: this.checkpointPosition,
        streamPrefixes: this.projection.streamPrefixes,
        signal: subscription.signal,
      })
      [Symbol.asyncIterator]();
    try {
      for (;;) {
        const next = awaitedWithTimeouts(events.next());
        let result: IteratorResult<RecordedEvent> | typeof idle;
        for (;;) {
          // Pending writes go out when the feed pauses; parked events wait for a replay request.
          const wait =
            this.unflushed.length > 0
              ? this.idleFlushMs
              : this.parkedCount > 0
                ? this.replayPollMs
                : undefined;
          result = wait === undefined ? await next.result : await next.within(wait);
          if (result !== idle) break;
          if (this.unflushed.length === 0) {
            await this.serially(() => this.replayRequested());
          } else if ((await this.serially(() => this.commit(true))) === 'switched') {
            return 'switched';
          }
        }
        if (result.done) return 'ended';
        const event = result.value;
        const outcome = await this.serially(async () => {
          await this.applyOrPark(event);
          this.handledPosition = event.globalPosition;
          this.eventsSinceCheckpoint += 1;
          const due = batchIsDue({
            pending: this.unflushed.length,
            gatheringMs: Date.now() - this.unflushedSince,
            lastFlushMs: this.lastFlushMs,
            batchSize: this.batchSize,
            maxFlushDelayMs: this.maxFlushDelayMs,
          });
          if (!due) return 'continue';
          const committed = await this.commit(false);
          // A busy feed never pauses: look for a replay request between batches too.
          if (committed === 'continue' && Date.now() - this.lastReplayPoll >= this.replayPollMs) {
            await this.replayRequested();
          }
          return committed;
        });
        if (outcome === 'switched') return 'switched';
      }
    } finally {
      this.stopping.signal.removeEventListener('abort', onStop);
      subscription.abort();
      await events.return?.(undefined);
    }
  }

  /**
   * Records the event's writes, or parks it: behind a parked event of its stream (applying it
   * first would make that event's replay a no-op under the 'stream' guard), or because `apply`
   * refused it. Runs inside `serially`.
   */
  private async applyOrPark(event: RecordedEvent): Promise<void> {
    const writer = this.writer!;
    if (this.waitsBehindParked(event)) {
      await this.park(event, { behind: this.parkedStreams.get(event.streamId)! });
      return;
    }
    if (this.unflushed.length === 0) this.unflushedSince = Date.now();
    this.unflushed.push(event);
    try {
      await writer.apply(event);
    } catch (error) {
      if (!isTheEventsFault(error)) throw error;
      // `apply` may have flushed earlier events (findOne does): find the culprit one by one.
      await this.isolate();
    }
  }

  /** Flushes writes; saves the checkpoint when due (or `force`d). Runs inside `serially`. */
  private async commit(force: boolean): Promise<'continue' | 'switched'> {
    const started = performance.now();
    try {
      await this.writer!.flush();
      this.lastFlushMs = performance.now() - started;
      this.batches.flushSeconds.observe(
        { projection: this.projection.name },
        this.lastFlushMs / 1_000,
      );
      this.batches.flushEvents.observe({ projection: this.projection.name }, this.unflushed.length);
    } catch (error) {
      if (!isTheEventsFault(error)) throw error;
      await this.isolate();
    }
    this.unflushed = [];
    this.flushedPosition = this.handledPosition;
    const due =
      force ||
      this.eventsSinceCheckpoint >= this.checkpointEvery ||
      Date.now() - this.lastCheckpointAt >= this.checkpointIntervalMs;
    const position = this.handledPosition;
    if (!due || position === undefined || position === this.checkpointPosition) return 'continue';
    const saved = await this.checkpoints.save(
      this.projection.name,
      this.writer!.generation,
      position,
    );
    if (saved === 'superseded') return this.switchGeneration();
    this.checkpointPosition = position;
    this.eventsSinceCheckpoint = 0;
    this.lastCheckpointAt = Date.now();
    return 'continue';
  }

  /** A rebuild swapped generations: continue on the new one from its checkpoint. */
  private async switchGeneration(): Promise<'switched'> {
    const { name, version } = this.projection;
    const pointer = await this.generations.read(name);
    if (!pointer) throw new Error(`Projection ${name} lost its generation pointer`);
    if (pointer.active.version !== version) {
      throw new ProjectionSuperseded(name, pointer.active.version, version);
    }
    this.writer = new ReadModelWriter(this.db, this.projection, pointer.active.generation);
    this.checkpointPosition = await this.checkpoints.load(name, pointer.active.generation);
    this.handledPosition = this.checkpointPosition;
    this.flushedPosition = this.checkpointPosition;
    this.eventsSinceCheckpoint = 0;
    this.lastCheckpointAt = Date.now();
    // What this runner wrote to the old generation after it was dropped.
    await this.generations.dropUnused(this.projection);
    await this.loadParked();
    return 'switched';
  }

  /**
   * A write of the batch failed for a reason of its own: forget the batch's writes and apply its
   * events again one by one, each flushed, parking those that fail. Writes that landed before the
   * failure match nothing the second time (the guards). An outage still throws.
   */
  private async isolate(): Promise<void> {
    const writer = this.writer!;
    writer.discard();
    const batch = this.unflushed;
    this.unflushed = [];
    for (const event of batch) {
      if (this.waitsBehindParked(event)) {
        await this.park(event, { behind: this.parkedStreams.get(event.streamId)! });
        continue;
      }
      try {
        await writer.apply(event);
        await writer.flush();
      } catch (error) {
        writer.discard();
        if (!isTheEventsFault(error)) throw error;
        await this.park(event, { error });
      }
    }
    if (batch.length > 0) this.flushedPosition = batch[batch.length - 1].globalPosition;
  }

  /** Later events of a stream with a parked event (of a type this projection applies). */
  private waitsBehindParked(event: RecordedEvent): boolean {
    const first = this.parkedStreams.get(event.streamId);
    return (
      first !== undefined &&
      first <= event.globalPosition &&
      this.projection.handles.has(event.type)
    );
  }

  private async park(
    event: RecordedEvent,
    reason: Readonly<{ error: unknown } | { behind: bigint }>,
  ): Promise<void> {
    const { name } = this.projection;
    const fresh = await this.parkedEvents.park(name, this.writer!.generation, event, reason);
    if (!this.parkedStreams.has(event.streamId)) {
      this.parkedStreams.set(event.streamId, event.globalPosition);
    }
    if (!fresh) return; // parked before a crash or a recovery: the tail is being replayed
    this.parkedCount += 1;
    this.metrics.parkedTotal.inc({ projection: name });
    this.metrics.parkedNow.set({ projection: name }, this.parkedCount);
    this.options.onParked?.(event, reason);
  }

  /** What the read store holds parked for this generation; older generations' are moot. */
  private async loadParked(): Promise<void> {
    const { name } = this.projection;
    const generation = this.writer!.generation;
    await this.parkedEvents.forgetGenerationsBefore(name, generation);
    this.rememberParked(await this.parkedEvents.list({ projection: name, generation }));
  }

  private rememberParked(parked: readonly ParkedEvent[]): void {
    this.parkedStreams = new Map();
    for (const event of parked) {
      if (!this.parkedStreams.has(event.streamId)) {
        this.parkedStreams.set(event.streamId, event.globalPosition);
      }
    }
    this.parkedCount = parked.length;
    this.metrics.parkedNow.set({ projection: this.projection.name }, this.parkedCount);
  }

  /**
   * Replays the parked events of every stream `npm run parked -- replay` marked, through the same
   * writer and guards, in stream order. Rereads what is parked first: the command may have
   * replayed some itself while no runner ran. Runs inside `serially`, with nothing unflushed.
   */
  private async replayRequested(): Promise<void> {
    this.lastReplayPoll = Date.now();
    const store = this.options.store;
    if (this.parkedCount === 0 || !store) return;
    const { name } = this.projection;
    const generation = this.writer!.generation;
    const parked = await this.parkedEvents.list({ projection: name, generation });
    const requested = new Set(
      parked.filter((event) => event.replayRequestedAt).map((event) => event.streamId),
    );
    if (requested.size > 0) {
      await replayParkedEvents(
        parked.filter((event) => requested.has(event.streamId)),
        {
          store,
          writer: this.writer!,
          parked: this.parkedEvents,
          onOutcome: this.options.onReplayed,
        },
      );
    }
    this.rememberParked(
      requested.size > 0 ? await this.parkedEvents.list({ projection: name, generation }) : parked,
    );
  }

  private serially<T>(work: () => Promise<T>): Promise<T> {
    const run = this.exclusive.then(work);
    this.exclusive = run.catch(() => undefined);
    return run;
  }
}

/**
 * The feed's next event, waited for again and again with a timeout while the feed is quiet. It is
 * subscribed to once: a `Promise.race` per wait would leave a reaction on it per wait until it
 * settles, and a runner with parked events looks for a replay request every `replayPollMs` of a
 * quiet night.
 */
const awaitedWithTimeouts = <T>(next: Promise<T>) => {
  let settled = false;
  let wake: (() => void) | undefined;
  const result = next.finally(() => {
    settled = true;
    wake?.();
  });
  // Rejected while nobody waits (the runner stopping): the next wait, if any, sees it.
  result.catch(() => undefined);
  return {
    result,
    /** The event, or `idle` when `ms` pass first. */
    within: (ms: number): Promise<T | typeof idle> =>
      settled
        ? result
        : new Promise<T | typeof idle>((resolve) => {
            const timer = setTimeout(() => {
              wake = undefined;
              resolve(idle);
            }, ms);
            wake = () => {
              clearTimeout(timer);
              wake = undefined;
              resolve(result);
            };
          }),
  };
};
