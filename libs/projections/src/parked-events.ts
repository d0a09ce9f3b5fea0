import {
  readRecordedEvent,
  type Event,
  type EventStore,
  type RecordedEvent,
} from '@rhythm/event-sourcing';
import { isServerUnavailable, metrics } from '@rhythm/operability';
import type { mongo } from 'mongoose';
import type { ReadModelWriter } from './read-model-writer';

/**
 * `parked_events`: events a projection could not apply, set aside so that every other event
 * goes on (ADR 0026). The event itself stays in the event store (its personal data too, where
 * crypto-shredding can reach it): a replay reads it back by stream id and revision.
 */
export type ParkedEventDocument = {
  /** `<projection>@<global position>`: parking the same event twice keeps one document. */
  _id: string;
  projection: string;
  /** The generation the runner was writing; a rebuild applies everything again. */
  generation: number;
  /** Decimal text, exact beyond 2^53 (as checkpoints keep it). */
  globalPosition: string;
  streamId: string;
  streamRevision: number;
  tenantId: string;
  eventType: string;
  eventId: string;
  /** Why `apply` or the read store refused it; or the parked event of its stream it waits behind. */
  error: string;
  /** Set when an earlier event of the same stream is parked: this one waits behind it. */
  behind?: string;
  failures: number;
  parkedAt: Date;
  lastFailedAt: Date;
  /** Set by `npm run parked -- replay`; the runner replays marked events when it next polls. */
  replayRequestedAt?: Date;
};

export type ParkedEvent = Readonly<{
  projection: string;
  generation: number;
  globalPosition: bigint;
  streamId: string;
  streamRevision: number;
  tenantId: string;
  eventType: string;
  eventId: string;
  error: string;
  behind?: bigint;
  failures: number;
  parkedAt: Date;
  lastFailedAt: Date;
  replayRequestedAt?: Date;
}>;

const parkedId = (projection: string, position: bigint) => `${projection}@${position}`;

const asParkedEvent = (document: ParkedEventDocument): ParkedEvent => ({
  projection: document.projection,
  generation: document.generation,
  globalPosition: BigInt(document.globalPosition),
  streamId: document.streamId,
  streamRevision: document.streamRevision,
  tenantId: document.tenantId,
  eventType: document.eventType,
  eventId: document.eventId,
  error: document.error,
  ...(document.behind === undefined ? {} : { behind: BigInt(document.behind) }),
  failures: document.failures,
  parkedAt: document.parkedAt,
  lastFailedAt: document.lastFailedAt,
  ...(document.replayRequestedAt ? { replayRequestedAt: document.replayRequestedAt } : {}),
});

export const byPosition = (a: ParkedEvent, b: ParkedEvent): number =>
  a.globalPosition < b.globalPosition ? -1 : a.globalPosition > b.globalPosition ? 1 : 0;

/** An error as one line an operator can read in `npm run parked -- list`. */
export const reasonOf = (error: unknown): string => {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return message.replace(/\s+/g, ' ').slice(0, 1_000);
};

/** The parked events of every projection of one read store. */
export class ParkedEvents {
  static readonly collectionName = 'parked_events';
  private readonly parked: mongo.Collection<ParkedEventDocument>;
  private indexed: Promise<unknown> | undefined;

  constructor(db: mongo.Db) {
    this.parked = db.collection<ParkedEventDocument>(ParkedEvents.collectionName);
  }

  /** Keeps the event aside; true when it was not parked before (a replayed tail parks again). */
  async park(
    projection: string,
    generation: number,
    event: RecordedEvent,
    reason: Readonly<{ error: unknown } | { behind: bigint }>,
  ): Promise<boolean> {
    await this.ensureIndex();
    const now = new Date();
    const result = await this.parked.updateOne(
      { _id: parkedId(projection, event.globalPosition) },
      {
        $setOnInsert: {
          projection,
          generation,
          globalPosition: event.globalPosition.toString(),
          streamId: event.streamId,
          streamRevision: event.streamRevision,
          tenantId: event.metadata.tenantId,
          eventType: event.type,
          eventId: event.metadata.eventId,
          error:
            'error' in reason
              ? reasonOf(reason.error)
              : `waits behind the parked event at ${reason.behind} of its stream`,
          ...('behind' in reason ? { behind: reason.behind.toString() } : {}),
          failures: 'error' in reason ? 1 : 0,
          parkedAt: now,
          lastFailedAt: now,
        },
      },
      { upsert: true },
    );
    return result.upsertedCount === 1;
  }

  /** Every parked event, of one projection (and generation) when named, in global order. */
  async list(
    filter: Readonly<{ projection?: string; generation?: number }> = {},
  ): Promise<ParkedEvent[]> {
    const documents = await this.parked
      .find({
        ...(filter.projection === undefined ? {} : { projection: filter.projection }),
        ...(filter.generation === undefined ? {} : { generation: filter.generation }),
      })
      .toArray();
    return documents.map(asParkedEvent).sort(byPosition);
  }

  /** Marks a projection's parked events for replay; the runner applies them when it next polls. */
  async requestReplay(projection: string): Promise<number> {
    const result = await this.parked.updateMany(
      { projection },
      { $set: { replayRequestedAt: new Date() } },
    );
    return result.modifiedCount;
  }

  /** Applied at last: no longer parked. */
  async release(event: ParkedEvent): Promise<void> {
    await this.parked.deleteOne({ _id: parkedId(event.projection, event.globalPosition) });
  }

  /** Failed again: stays parked with the new error, no longer marked for replay. */
  async failedAgain(event: ParkedEvent, error: unknown): Promise<void> {
    await this.parked.updateOne(
      { _id: parkedId(event.projection, event.globalPosition) },
      {
        $set: { error: reasonOf(error), lastFailedAt: new Date() },
        $inc: { failures: 1 },
        $unset: { replayRequestedAt: '', behind: '' },
      },
    );
  }

  /** Left parked behind an event of its stream that failed again. */
  async stillBehind(event: ParkedEvent, behind: bigint): Promise<void> {
    await this.parked.updateOne(
      { _id: parkedId(event.projection, event.globalPosition) },
      {
        $set: {
          behind: behind.toString(),
          error: `waits behind the parked event at ${behind} of its stream`,
        },
        $unset: { replayRequestedAt: '' },
      },
    );
  }

  /** A rebuilt generation applied every event again: what older generations parked is moot. */
  async forgetGenerationsBefore(projection: string, generation: number): Promise<void> {
    await this.parked.deleteMany({ projection, generation: { $lt: generation } });
  }

  /** Every parked event of a projection that is no longer run (retired). */
  async forgetProjection(projection: string): Promise<void> {
    await this.parked.deleteMany({ projection });
  }

  private ensureIndex(): Promise<unknown> {
    // Serves list({ projection, generation }): the runner's poll and the replay command.
    this.indexed ??= this.parked
      .createIndex({ projection: 1, generation: 1 }, { name: 'projection_generation' })
      .catch(() => (this.indexed = undefined));
    return this.indexed;
  }
}

/** Prometheus: events parked so far (each once) and parked now, by projection. */
export const parkedEventMetrics = () => ({
  parkedTotal: metrics.counter({
    name: 'rhythm_projection_parked_events_total',
    help: 'Events a projection could not apply and parked (each event counted once)',
    labelNames: ['projection'],
  }),
  parkedNow: metrics.gauge({
    name: 'rhythm_projection_parked_events',
    help: 'Events a projection holds parked now, waiting for a replay',
    labelNames: ['projection'],
  }),
});

/**
 * Failures of the servers (waiting cures them), as opposed to an event the read store or the
 * projection's code refuses. The driver labels the former retryable too.
 */
export const isOutage = (error: unknown): boolean => {
  if (isServerUnavailable(error)) return true;
  const labelled = error as { hasErrorLabel?: (label: string) => boolean } | null;
  return (
    typeof labelled?.hasErrorLabel === 'function' && labelled.hasErrorLabel('RetryableWriteError')
  );
};

export type ReplayOutcome = Readonly<{
  event: ParkedEvent;
  outcome: 'replayed' | 'failed-again' | 'still-behind';
  error?: string;
}>;

/**
 * Applies parked events again through the writer and its guards, stream by stream in revision
 * order, each flushed on its own. One that applies is released; one that fails again stays
 * parked with the new error, and the later events of its stream stay parked behind it. An
 * outage throws (nothing is lost: what was not released stays parked).
 */
export const replayParkedEvents = async <E extends Event, C extends string>(
  events: readonly ParkedEvent[],
  options: Readonly<{
    store: EventStore;
    writer: ReadModelWriter<E, C>;
    parked: ParkedEvents;
    onOutcome?: (outcome: ReplayOutcome) => void;
  }>,
): Promise<ReplayOutcome[]> => {
  const { store, writer, parked } = options;
  const outcomes: ReplayOutcome[] = [];
  const report = (outcome: ReplayOutcome) => {
    outcomes.push(outcome);
    options.onOutcome?.(outcome);
  };
  const byStream = new Map<string, ParkedEvent[]>();
  for (const event of [...events].sort(byPosition)) {
    byStream.set(event.streamId, [...(byStream.get(event.streamId) ?? []), event]);
  }
  for (const streamEvents of byStream.values()) {
    let failedAt: bigint | undefined;
    for (const event of streamEvents.sort((a, b) => a.streamRevision - b.streamRevision)) {
      if (failedAt !== undefined) {
        await parked.stillBehind(event, failedAt);
        report({ event, outcome: 'still-behind' });
        continue;
      }
      try {
        const recorded = await readRecordedEvent(store, event);
        await writer.apply(recorded);
        await writer.flush();
      } catch (error) {
        writer.discard();
        if (isOutage(error)) throw error;
        await parked.failedAgain(event, error);
        failedAt = event.globalPosition;
        report({ event, outcome: 'failed-again', error: reasonOf(error) });
        continue;
      }
      await parked.release(event);
      report({ event, outcome: 'replayed' });
    }
  }
  return outcomes;
};
