import { Inject, Injectable, Optional } from '@nestjs/common';
import { LeasedSchedule, postgresLease } from '@rhythm/coordination';
import type { EventStore, RecordedEvent } from '@rhythm/event-sourcing';
import {
  degraded,
  noted,
  ServiceLogger,
  type BackgroundWork,
  type HealthCheck,
} from '@rhythm/operability';
import { TenantId } from '@rhythm/projections';
import type { GoalsConfiguration } from '../goals-configuration';
import {
  cycleFolding,
  emptyCycleFold,
  isCycleEvent,
  isObjectiveEvent,
  segmentRecords,
  type CycleFold,
} from '../goals-domain';
import { GOALS_CONFIGURATION, GOALS_EVENT_STORE } from '../infrastructure/goals-tokens';
import { CycleSnapshotStore, everyCycle, type ParkedCycle } from './cycle-snapshots.store';

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

/** The fold with these events, or the first of them it cannot take and why. */
const foldOrCulprit = (
  fold: CycleFold,
  events: readonly RecordedEvent[],
): Readonly<{ fold: CycleFold } | { culprit: RecordedEvent; error: unknown }> => {
  const folding = cycleFolding(fold);
  for (const event of events) {
    try {
      folding.add(event);
    } catch (error) {
      return { culprit: event, error };
    }
  }
  return { fold: folding.fold() };
};

const reasonOf = (error: unknown): string =>
  (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).slice(0, 1_000);

/**
 * Takes the time-travel snapshots (ADR 0045): follows the cycle and objective streams of every
 * organisation in global order and keeps, per cycle, its fold after every `every` events of that
 * cycle and at the end of each day with events (when the cycle's next event is of a later day).
 * Runs on one replica at a time under the lease `snapshots:<database>:goals-cycles:v<n>`, every `everyMs`; its
 * checkpoint is the position up to which every event is in a snapshot of its cycle.
 *
 * An event it cannot fold (ADR 0064) parks its cycle: the cycle keeps the snapshots it had, the
 * taker follows it no further, and every other cycle and organisation carries on. An event whose
 * cycle cannot even be told parks every cycle of its organisation. Parked cycles are kept in the
 * store, so a restart does not fold the event again, and readiness reports them.
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
  /** `tenant/cycle` (or `tenant/*`) of the cycles parked, with why. */
  private readonly parked = new Map<string, ParkedCycle>();

  constructor(
    @Inject(GOALS_CONFIGURATION) config: Pick<GoalsConfiguration, 'DATABASE_URL'>,
    @Inject(GOALS_EVENT_STORE) private readonly store: EventStore,
    @Inject(CycleSnapshotStore) private readonly snapshots: CycleSnapshotStore,
    @Optional() @Inject(ServiceLogger) private readonly logger?: ServiceLogger,
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
      check: () => {
        const state = `${this.schedule.lease.describe()}; at position ${String(this.position ?? '-')}, ${this.taken} snapshots taken`;
        return Promise.resolve(
          this.parked.size === 0
            ? noted(state)
            : // Counts only, as the other checks: which organisations is in the log and the table.
              degraded(`${state}; ${this.parked.size} parked (events the taker could not fold)`),
        );
      },
    };
  }

  /** The cycles (and organisations) this taker stopped following, with why. */
  parkedCycles(): ParkedCycle[] {
    return [...this.parked.values()];
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
    for (const cycle of [...this.cycles.values()]) {
      if (cycle.segment.events > 0 && at - cycle.segment.from > resumeWithin) {
        await this.snapshotOf(cycle);
      } else {
        await this.folded(cycle);
      }
    }
    await this.snapshots.saveCheckpoint(this.resumePoint());
    return { events };
  }

  /** Where a new run starts: the latest snapshot of each cycle, from the checkpoint on. */
  private async resume(): Promise<void> {
    this.cycles.clear();
    this.cycleOfStream.clear();
    this.parked.clear();
    const checkpoint = await this.snapshots.checkpoint();
    for (const parked of await this.snapshots.parkedCycles()) {
      this.parked.set(`${parked.tenantId}/${parked.cycleId}`, parked);
    }
    for (const { tenantId, cycleId, moment } of await this.snapshots.latestOfEveryCycle()) {
      // Its later events are not followed: its streams stay unknown, its cycle events skipped.
      if (this.isParked(tenantId, cycleId)) continue;
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
    const { tenantId } = event.metadata;
    if (this.isParked(tenantId)) return;
    let cycleId: string | undefined;
    try {
      cycleId = this.cycleOf(event);
    } catch (error) {
      // Not even its cycle can be told: the organisation's snapshots stop here.
      return this.park(tenantId, everyCycle, event, error);
    }
    if (cycleId === undefined || this.isParked(tenantId, cycleId)) return;
    const key = `${tenantId}/${cycleId}`;
    const cycle = this.cycles.get(key) ?? this.followed(key, tenantId, cycleId);
    // Already in the cycle's snapshot: a run resumed from a checkpoint behind it.
    if (event.globalPosition <= cycle.snapshotPosition) return;
    let at: number;
    let day: string;
    try {
      at = Date.parse(event.metadata.occurredAt);
      day = dayOf(at);
    } catch (error) {
      return this.park(tenantId, cycleId, event, error);
    }
    if (cycle.segment.events > 0 && cycle.day !== day) {
      await this.snapshotOf(cycle);
      if (this.isParked(tenantId, cycleId)) return;
    }
    try {
      cycle.records.add(event);
    } catch (error) {
      return this.park(tenantId, cycleId, event, error);
    }
    cycle.unfolded.push(event);
    cycle.latestOf[event.streamId] = Math.max(cycle.latestOf[event.streamId] ?? at, at);
    cycle.latest = Math.max(cycle.latest, at);
    if (cycle.segment.events === 0) cycle.segment.from = event.globalPosition;
    cycle.segment.events += 1;
    cycle.segment.earliest = Math.min(cycle.segment.earliest, at);
    cycle.day = day;
    cycle.lastPosition = event.globalPosition;
    if (cycle.segment.events >= this.every) await this.snapshotOf(cycle);
  }

  private isParked(tenantId: string, cycleId?: string): boolean {
    return (
      this.parked.has(`${tenantId}/${everyCycle}`) ||
      (cycleId !== undefined && this.parked.has(`${tenantId}/${cycleId}`))
    );
  }

  /**
   * Stops following a cycle (or every cycle of the organisation) at an event it cannot fold: what
   * it gathered since its last snapshot is dropped, so the checkpoint no longer waits for it.
   */
  private async park(
    tenantId: string,
    cycleId: string,
    event: RecordedEvent,
    error: unknown,
  ): Promise<void> {
    const parked: ParkedCycle = {
      tenantId,
      cycleId,
      position: event.globalPosition,
      streamId: event.streamId,
      eventType: event.type,
      reason: reasonOf(error),
    };
    await this.snapshots.park(parked);
    this.parked.set(`${tenantId}/${cycleId}`, parked);
    for (const [key, cycle] of this.cycles) {
      if (
        cycle.tenantId === tenantId &&
        (cycleId === everyCycle || key === `${tenantId}/${cycleId}`)
      ) {
        this.cycles.delete(key);
      }
    }
    this.logger?.pino.error(
      {
        tenantId,
        cycleId,
        position: String(event.globalPosition),
        streamId: event.streamId,
        eventType: event.type,
        reason: parked.reason,
      },
      cycleId === everyCycle
        ? 'cycle snapshots: an event names no cycle the taker can tell; the organisation is parked'
        : 'cycle snapshots: an event the taker cannot fold; its cycle is parked',
    );
  }

  /** Folds what the cycle gathered; parks the cycle instead when an event of it cannot be. */
  private async folded(cycle: FollowedCycle): Promise<boolean> {
    const outcome = foldOrCulprit(cycle.fold, cycle.unfolded);
    if ('culprit' in outcome) {
      await this.park(cycle.tenantId, cycle.fold.cycleId, outcome.culprit, outcome.error);
      return false;
    }
    cycle.fold = outcome.fold;
    cycle.unfolded = [];
    return true;
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
    if (!(await this.folded(cycle))) return;
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
