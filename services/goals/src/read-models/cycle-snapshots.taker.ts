import { Inject, Injectable, Optional } from '@nestjs/common';
import { LeasedSchedule, postgresLease } from '@rhythm/coordination';
import type { EventStore, RecordedEvent } from '@rhythm/event-sourcing';
import { noted, ServiceLogger, type BackgroundWork, type HealthCheck } from '@rhythm/operability';
import { TenantId } from '@rhythm/projections';
import type { GoalsConfiguration } from '../goals-configuration';
import {
  emptyCycleFold,
  foldIntoCycle,
  isCycleEvent,
  isObjectiveEvent,
  segmentRecords,
  type CycleFold,
} from '../goals-domain';
import { GOALS_CONFIGURATION, GOALS_EVENT_STORE } from '../infrastructure/goals-tokens';
import { CycleSnapshotStore } from './cycle-snapshots.store';

export type CycleSnapshotTakerOptions = Readonly<{
  /** A snapshot after this many events of a cycle (and at the end of each day with events). */
  every?: number;
  /** Pause between two rounds. */
  everyMs?: number;
}>;

export const CYCLE_SNAPSHOT_TAKER_OPTIONS = Symbol('CycleSnapshotTakerOptions');

/** Events a round folds at most, so that a long catch-up still saves its checkpoint. */
const eventsPerRound = 20_000;
/** A cycle with events older than this many positions and no snapshot gets one: bounds a resume. */
const resumeWithin = 10_000n;

/** One cycle as the taker follows it. */
type FollowedCycle = {
  readonly tenantId: string;
  fold: CycleFold;
  /** Events after `fold`, folded at the next snapshot or at the end of the round. */
  unfolded: RecordedEvent[];
  latestOf: Record<string, number>;
  snapshotPosition: bigint;
  lastPosition: bigint;
  /** The latest time any of its events occurred. */
  latest: number;
  /** Since the last snapshot: how many events, the earliest time, the first position. */
  segment: { events: number; earliest: number; from: bigint };
  /** The records of the segment's events, kept beside its snapshot (ADR 0061). */
  records: ReturnType<typeof segmentRecords>;
  day: string | undefined;
};

const dayOf = (at: number) => new Date(at).toISOString().slice(0, 10);

/**
 * Takes the time-travel snapshots (ADR 0045): follows the cycle and objective streams of every
 * organisation in global order and keeps, per cycle, its fold after every `every` events of that
 * cycle and at the end of each day with events (when the cycle's next event is of a later day).
 * Runs on one replica at a time under the lease `snapshots:<database>:goals-cycles:v<n>`, every `everyMs`; its
 * checkpoint is the position up to which every event is in a snapshot of its cycle.
 */
@Injectable()
export class CycleSnapshotTaker implements BackgroundWork {
  readonly name = 'cycle-snapshots';
  private readonly schedule: LeasedSchedule;
  private readonly every: number;
  private readonly cycles = new Map<string, FollowedCycle>();
  /** The cycle of each objective stream seen defined. */
  private readonly cycleOfStream = new Map<string, string>();
  private position: bigint | undefined;
  private taken = 0;

  constructor(
    @Inject(GOALS_CONFIGURATION) config: Pick<GoalsConfiguration, 'DATABASE_URL'>,
    @Inject(GOALS_EVENT_STORE) private readonly store: EventStore,
    @Inject(CycleSnapshotStore) private readonly snapshots: CycleSnapshotStore,
    @Optional() @Inject(ServiceLogger) logger?: ServiceLogger,
    @Optional() @Inject(CYCLE_SNAPSHOT_TAKER_OPTIONS) options: CycleSnapshotTakerOptions = {},
  ) {
    this.every = options.every ?? 500;
    this.schedule = new LeasedSchedule({
      lease: postgresLease({
        name: snapshots.leaseName,
        connectionString: config.DATABASE_URL,
        ...(logger ? { logger: logger.pino } : {}),
      }),
      everyMs: options.everyMs ?? 1_000,
      tick: (signal) => this.round(signal).then(() => undefined),
      ...(logger ? { logger: logger.pino } : {}),
    });
  }

  onApplicationBootstrap(): Promise<void> {
    return this.schedule.start();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.schedule.stop();
  }

  drain(): Promise<void> {
    return this.schedule.stop();
  }

  healthCheck(): HealthCheck {
    return {
      name: this.name,
      check: () =>
        Promise.resolve(
          noted(
            `${this.schedule.lease.describe()}; at position ${String(this.position ?? '-')}, ${this.taken} snapshots taken`,
          ),
        ),
    };
  }

  /**
   * One round: the events since the last, then the checkpoint. Public so that a test (or the
   * benchmark) can bring the snapshots up to the head without waiting for the schedule.
   */
  async round(signal?: AbortSignal): Promise<Readonly<{ events: number }>> {
    if (this.position === undefined) await this.resume();
    let events = 0;
    for await (const event of this.store.readAll({
      after: this.position,
      streamPrefixes: ['cycle-', 'objective-'],
    })) {
      await this.take(event);
      this.position = event.globalPosition;
      if (++events >= eventsPerRound || signal?.aborted) break;
    }
    const at = this.position ?? 0n;
    for (const cycle of this.cycles.values()) {
      if (cycle.segment.events > 0 && at - cycle.segment.from > resumeWithin) {
        await this.snapshotOf(cycle);
      } else {
        cycle.fold = foldIntoCycle(cycle.fold, cycle.unfolded);
        cycle.unfolded = [];
      }
    }
    await this.snapshots.saveCheckpoint(this.resumePoint());
    return { events };
  }

  /** Where a new run starts: the latest snapshot of each cycle, from the checkpoint on. */
  private async resume(): Promise<void> {
    this.cycles.clear();
    this.cycleOfStream.clear();
    const checkpoint = await this.snapshots.checkpoint();
    for (const { tenantId, cycleId, moment } of await this.snapshots.latestOfEveryCycle()) {
      const { fold, latestOf } = await this.snapshots.snapshot(TenantId.of(tenantId), moment);
      this.cycles.set(`${tenantId}/${cycleId}`, {
        tenantId,
        fold,
        unfolded: [],
        latestOf: { ...latestOf },
        snapshotPosition: moment.position,
        lastPosition: moment.position,
        latest: moment.latest,
        segment: { events: 0, earliest: Number.POSITIVE_INFINITY, from: moment.position },
        records: segmentRecords(),
        day: dayOf(moment.latest),
      });
      for (const streamId of Object.keys(fold.objectives))
        this.cycleOfStream.set(streamId, cycleId);
    }
    this.position = checkpoint;
  }

  private async take(event: RecordedEvent): Promise<void> {
    const cycleId = this.cycleOf(event);
    if (cycleId === undefined) return;
    const { tenantId } = event.metadata;
    const key = `${tenantId}/${cycleId}`;
    const cycle = this.cycles.get(key) ?? this.followed(key, tenantId, cycleId);
    // Already in the cycle's snapshot: a run resumed from a checkpoint behind it.
    if (event.globalPosition <= cycle.snapshotPosition) return;
    const at = Date.parse(event.metadata.occurredAt);
    if (cycle.segment.events > 0 && cycle.day !== dayOf(at)) await this.snapshotOf(cycle);
    cycle.unfolded.push(event);
    cycle.records.add(event);
    cycle.latestOf[event.streamId] = Math.max(cycle.latestOf[event.streamId] ?? at, at);
    cycle.latest = Math.max(cycle.latest, at);
    if (cycle.segment.events === 0) cycle.segment.from = event.globalPosition;
    cycle.segment.events += 1;
    cycle.segment.earliest = Math.min(cycle.segment.earliest, at);
    cycle.day = dayOf(at);
    cycle.lastPosition = event.globalPosition;
    if (cycle.segment.events >= this.every) await this.snapshotOf(cycle);
  }

  private cycleOf(event: RecordedEvent): string | undefined {
    if (isCycleEvent(event)) return event.data.cycleId;
    if (!isObjectiveEvent(event)) return undefined;
    if (event.type === 'ObjectiveDefined') {
      this.cycleOfStream.set(event.streamId, event.data.cycleId);
      return event.data.cycleId;
    }
    return this.cycleOfStream.get(event.streamId);
  }

  private followed(key: string, tenantId: string, cycleId: string): FollowedCycle {
    const cycle: FollowedCycle = {
      tenantId,
      fold: emptyCycleFold(cycleId),
      unfolded: [],
      latestOf: {},
      snapshotPosition: 0n,
      lastPosition: 0n,
      latest: Number.NEGATIVE_INFINITY,
      segment: { events: 0, earliest: Number.POSITIVE_INFINITY, from: 0n },
      records: segmentRecords(),
      day: undefined,
    };
    this.cycles.set(key, cycle);
    return cycle;
  }

  private async snapshotOf(cycle: FollowedCycle): Promise<void> {
    cycle.fold = foldIntoCycle(cycle.fold, cycle.unfolded);
    cycle.unfolded = [];
    await this.snapshots.keep(
      cycle.tenantId,
      {
        position: cycle.lastPosition,
        latest: cycle.latest,
        earliest: cycle.segment.earliest,
        events: cycle.segment.events,
      },
      { fold: cycle.fold, latestOf: cycle.latestOf },
      cycle.records.taken(),
    );
    cycle.snapshotPosition = cycle.lastPosition;
    cycle.segment = { events: 0, earliest: Number.POSITIVE_INFINITY, from: cycle.lastPosition };
    cycle.records = segmentRecords();
    this.taken += 1;
  }

  /** Every event up to here is in a snapshot: before any cycle's events that are not yet. */
  private resumePoint(): bigint {
    let point = this.position ?? 0n;
    for (const cycle of this.cycles.values()) {
      if (cycle.segment.events > 0 && cycle.snapshotPosition < point) {
        point = cycle.snapshotPosition;
      }
    }
    return point;
  }
}
