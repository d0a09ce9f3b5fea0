import { Inject, Injectable, Optional } from '@nestjs/common';
import {
  eventsOfTenant,
  foldRecorded,
  type AggregatedStream,
  type EventStore,
  type RecordedEvent,
} from '@rhythm/event-sourcing';
import { objectiveDecider, type ObjectiveEvent, type ObjectiveState } from '../goals-domain';
import { GOALS_EVENT_STORE } from '../infrastructure/goals-tokens';

/**
 * Bump when `evolveObjective` (or anything it calls) keeps something else or keeps it otherwise:
 * snapshots of another version are ignored, and streams fold from their start again.
 */
export const objectiveFoldVersion = 2;

/**
 * What an objective's page shows that its state does not keep (ADR 0067): when it was defined and
 * last changed, and when and why it was abandoned, from its events' metadata.
 */
export type ObjectiveTimeline = Readonly<{
  definedAt?: string;
  updatedAt?: string;
  abandoned?: Readonly<{ reason: string; at: string }>;
}>;

/** The timeline once these events have happened too. */
export const timelineAfter = (
  timeline: ObjectiveTimeline,
  events: Iterable<RecordedEvent<ObjectiveEvent>>,
): ObjectiveTimeline => {
  let { definedAt, updatedAt, abandoned } = timeline;
  for (const event of events) {
    const at = event.metadata.occurredAt;
    if (event.type === 'ObjectiveDefined') definedAt = at;
    if (event.type === 'ObjectiveAbandoned') abandoned = { reason: event.data.reason, at };
    updatedAt = at;
  }
  return {
    ...(definedAt === undefined ? {} : { definedAt }),
    ...(updatedAt === undefined ? {} : { updatedAt }),
    ...(abandoned === undefined ? {} : { abandoned }),
  };
};

/** An objective stream folded up to and including `revision`. */
export type ObjectiveSnapshot = Readonly<{
  revision: number;
  state: ObjectiveState;
  timeline: ObjectiveTimeline;
}>;

/** An objective stream folded to its last event, and its timeline. */
export type LoadedObjective = AggregatedStream<ObjectiveState> &
  Readonly<{ timeline: ObjectiveTimeline }>;

/** Where snapshots outlive the process: the latest per stream. */
export interface StoredObjectiveSnapshots {
  latest(
    tenantId: string,
    streamId: string,
    foldVersion: number,
  ): Promise<ObjectiveSnapshot | undefined>;
  keep(
    tenantId: string,
    streamId: string,
    foldVersion: number,
    snapshot: ObjectiveSnapshot,
  ): Promise<void>;
}

export const STORED_OBJECTIVE_SNAPSHOTS = Symbol('StoredObjectiveSnapshots');

export type ObjectiveSnapshotsOptions = Readonly<{
  /** A load that folds this many events or more keeps a snapshot of what it folded. */
  every?: number;
  /** Streams whose latest state this process holds in memory. */
  streamsHeld?: number;
}>;

export const OBJECTIVE_SNAPSHOTS_OPTIONS = Symbol('ObjectiveSnapshotsOptions');

/** A held state is the organisation's own: another's stream may bear the same name. */
const heldKey = (tenantId: string, streamId: string) => `${tenantId}\u0000${streamId}`;

/**
 * Objective streams load in bounded time (ADR 0045): the state after a known revision, then only
 * the events after it. The state comes from this process's memory (its last load of the stream)
 * or from the latest stored snapshot; a load that had to fold `every` events or more keeps one.
 * A state at a revision never changes (streams are append-only), so a snapshot is exact whichever
 * replica took it; only a change of the fold itself (`objectiveFoldVersion`) retires them.
 */
@Injectable()
export class ObjectiveSnapshots {
  private readonly held = new Map<string, ObjectiveSnapshot>();
  private readonly every: number;
  private readonly streamsHeld: number;

  constructor(
    @Inject(GOALS_EVENT_STORE) private readonly store: EventStore,
    @Optional()
    @Inject(STORED_OBJECTIVE_SNAPSHOTS)
    private readonly stored?: StoredObjectiveSnapshots,
    @Optional() @Inject(OBJECTIVE_SNAPSHOTS_OPTIONS) options: ObjectiveSnapshotsOptions = {},
  ) {
    this.every = options.every ?? 100;
    this.streamsHeld = options.streamsHeld ?? 10_000;
  }

  /**
   * The objective stream folded to its last event, as `aggregateStream` folds it, with its
   * timeline: what a command decides on, and what `GET /objectives/:id` shows (ADR 0067).
   */
  async load(tenantId: string, streamId: string): Promise<LoadedObjective> {
    const key = heldKey(tenantId, streamId);
    const start =
      this.held.get(key) ?? (await this.stored?.latest(tenantId, streamId, objectiveFoldVersion));
    // Another organisation's stream, whose id extends this one's, is not there for this one.
    const events = eventsOfTenant(
      await this.store.readStream<ObjectiveEvent>(streamId, {
        fromRevision: start === undefined ? 0 : start.revision + 1,
      }),
      tenantId,
    );
    const { state, unreadable } = foldRecorded(
      objectiveDecider.evolve,
      start?.state ?? objectiveDecider.initialState(),
      events,
    );
    const currentRevision = events.at(-1)?.streamRevision ?? start?.revision ?? -1;
    // A stream with an event the fold cannot take is not held: the command handler refuses it,
    // and a query answers 503 to whoever may see what it folded up to there.
    if (unreadable) {
      const before = events.filter((event) => event.streamRevision < unreadable.streamRevision);
      const timeline = timelineAfter(start?.timeline ?? {}, before);
      return { state, currentRevision, streamExists: true, unreadable, timeline };
    }
    const timeline = timelineAfter(start?.timeline ?? {}, events);
    if (currentRevision >= 0) {
      const snapshot = { revision: currentRevision, state, timeline };
      this.hold(key, snapshot);
      if (events.length >= this.every) {
        // Not awaited: the command does not wait on the read store; a lost write costs a fold.
        this.stored
          ?.keep(tenantId, streamId, objectiveFoldVersion, snapshot)
          .catch(() => undefined);
      }
    }
    return { state, currentRevision, streamExists: currentRevision >= 0, timeline };
  }

  /** The `load` the command handler takes, for the streams of one organisation. */
  loaderFor(tenantId: string): (streamId: string) => Promise<AggregatedStream<ObjectiveState>> {
    return (streamId) => this.load(tenantId, streamId);
  }

  private hold(key: string, snapshot: ObjectiveSnapshot): void {
    this.held.delete(key);
    this.held.set(key, snapshot);
    if (this.held.size > this.streamsHeld) {
      const oldest = this.held.keys().next().value;
      if (oldest !== undefined) this.held.delete(oldest);
    }
  }
}
