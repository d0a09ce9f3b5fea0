import { Inject, Injectable, Optional } from '@nestjs/common';
import { ServiceLogger } from '@rhythm/operability';
import type { EventStore, RecordedEvent } from '@rhythm/event-sourcing';
import type { TenantId } from '@rhythm/projections';
import {
  cycleFolding,
  emptyCycleFold,
  goalsStreams,
  isCycleEvent,
  isObjectiveEvent,
  okrDiffOf,
  okrTreeOf,
  windowRecords,
  type CycleFold,
  type CycleFolding,
  type OkrDiff,
  type OkrTree,
  type SegmentRecords,
} from '../goals-domain';
import { GOALS_EVENT_STORE } from '../infrastructure/goals-tokens';
import { EventsSetAside } from './events-set-aside';
import { CycleSnapshotStore, type CycleSnapshot } from './cycle-snapshots.store';

/**
 * What a read of the cycle's streams feeds: first the snapshot's fold (every stream of it had only
 * events of the date or before), then the events after it in global order, each stream's up to its
 * first one after the tail's end, with the time it occurred (milliseconds). Nothing is kept here:
 * a window of thousands of events is folded as it is read.
 */
type CycleReader = Readonly<{
  base: (fold: CycleFold) => void;
  /**
   * A reader that folds up to the tail's end too may take, before the events, the latest
   * snapshot by that end (when later than the base) and, for that fold, only the events after
   * its position: every event of the cycle up to it is in it.
   */
  laterBase?: (fold: CycleFold, position: bigint) => void;
  /**
   * A reader that takes the records of a segment every event of which occurred after the date
   * and by the tail's end (all of them in the later base's fold, none in the base's) is handed
   * those instead of the segment's events, in the segment's place (ADR 0061).
   */
  segment?: (records: SegmentRecords) => void;
  event: (event: RecordedEvent, occurredAt: number) => void;
}>;

const never = Number.POSITIVE_INFINITY;

/**
 * Time travel from snapshots (ADR 0045). A stream as of a date is its events up to the first one
 * that occurred after it (the event store's `readStream(asOf)`). So: the latest snapshot whose
 * events all occurred by the date, then the events after it, stream by stream up to the first
 * later one. Segments between two later snapshots whose events all occurred after the date are
 * not read; a stream that had such an event is closed from the next snapshot's `latestOf`.
 */
@Injectable()
export class CycleSnapshots {
  /**
   * An event of the cycle's streams that cannot be read is left out of the answer, with its
   * stream's later events (ADR 0065), and logged once; the snapshot taker has parked its cycle
   * (ADR 0064).
   */
  private readonly setAside: EventsSetAside;

  constructor(
    @Inject(GOALS_EVENT_STORE) private readonly store: EventStore,
    @Inject(CycleSnapshotStore) private readonly snapshots: CycleSnapshotStore,
    @Optional() @Inject(ServiceLogger) logger?: ServiceLogger,
  ) {
    this.setAside = new EventsSetAside(
      'time travel: an event that cannot be read is left out, with its stream after it',
      logger,
    );
  }

  /**
   * Reads the cycle's streams as of `asOf` (without it, as they are now) into `reader`. With
   * `tailUntil` (later than `asOf`), the events go on to that date: a window's events after the
   * snapshot by its start.
   */
  private async read(
    tenantId: TenantId,
    cycleId: string,
    reader: CycleReader,
    asOf?: Date,
    tailUntil: Date | undefined = asOf,
  ): Promise<void> {
    const baseBy = asOf?.getTime() ?? never;
    const until = tailUntil?.getTime() ?? never;
    const moments = await this.snapshots.moments(tenantId, cycleId);
    // `latest` never decreases along the cycle's snapshots: the last one by the date is the base.
    let baseIndex = -1;
    while (baseIndex + 1 < moments.length && moments[baseIndex + 1].latest <= baseBy) baseIndex++;
    let laterIndex = baseIndex;
    if (reader.laterBase) {
      while (laterIndex + 1 < moments.length && moments[laterIndex + 1].latest <= until) {
        laterIndex++;
      }
    }
    // Segments wholly inside the window: after the base, within the later base, each of their
    // events after the date and by the tail's end. Their records stand for their events.
    const inside = reader.segment
      ? moments
          .slice(baseIndex + 1, laterIndex + 1)
          .filter((moment) => moment.earliest > baseBy && moment.latest <= until)
      : [];
    const [base, later, recorded] = await Promise.all([
      baseIndex < 0
        ? { fold: emptyCycleFold(cycleId), latestOf: {} }
        : this.snapshots.snapshot(tenantId, moments[baseIndex]),
      laterIndex > baseIndex ? this.snapshots.snapshot(tenantId, moments[laterIndex]) : undefined,
      this.snapshots.segmentRecords(tenantId, inside),
    ]);
    reader.base(base.fold);
    if (later) reader.laterBase?.(later.fold, moments[laterIndex].position);
    const belongs = new Set([
      goalsStreams.cycle(tenantId, cycleId),
      ...Object.keys(base.fold.objectives),
      // Objectives defined in a segment whose records stand for its events.
      ...Object.keys(later?.fold.objectives ?? {}),
    ]);
    const closed = new Set<string>();
    let contiguous = true;
    // Segment j holds the cycle's events after snapshot j-1 up to snapshot j; the last is open.
    for (let j = baseIndex + 1; j <= moments.length; j++) {
      const open = j === moments.length;
      if (!open && j > baseIndex + 1 && moments[j].earliest > until) {
        contiguous = false;
        continue;
      }
      const records = open ? undefined : recorded.get(moments[j].id);
      if (records) {
        // No stream closes in it: every event up to its end occurred by the tail's end.
        reader.segment!(records);
        continue;
      }
      const start = j === 0 ? undefined : moments[j - 1];
      if (!contiguous && start) {
        // Segments were skipped: their streams stand as the snapshot before this one says.
        const before = await this.snapshots.snapshot(tenantId, start);
        this.closeLater(before, until, closed, belongs);
      }
      contiguous = true;
      // A closed segment holds at most as many events as positions: the read stops there (and
      // reads no page beyond it) instead of reading on to be cut short.
      const within = open ? undefined : Number(moments[j].position - (start?.position ?? 0n));
      for await (const event of this.store.readAll({
        ...(start ? { after: start.position } : {}),
        ...(within === undefined ? {} : { maxCount: within }),
        streamPrefixes: [
          goalsStreams.cycle(tenantId, cycleId),
          goalsStreams.objective(tenantId, ''),
        ],
      })) {
        if (!open && event.globalPosition > moments[j].position) break;
        if (closed.has(event.streamId)) continue;
        try {
          if (!this.ofCycle(event, cycleId, belongs)) continue;
          const occurredAt = Date.parse(event.metadata.occurredAt);
          if (Number.isNaN(occurredAt)) throw new TypeError('occurredAt is not a date');
          if (occurredAt > until) closed.add(event.streamId);
          else reader.event(event, occurredAt);
        } catch (error) {
          // An event that cannot be read (ADR 0065): its stream stands as it was before it, as
          // in the projections, which park it and the stream's later events behind it.
          closed.add(event.streamId);
          this.setAside.record({ tenantId, cycleId }, event, error);
        }
      }
    }
  }

  /** The fold as of the date (or now). */
  async foldAt(tenantId: TenantId, cycleId: string, asOf?: Date): Promise<CycleFold> {
    let folding: CycleFolding | undefined;
    await this.read(
      tenantId,
      cycleId,
      {
        base: (fold) => (folding = cycleFolding(fold)),
        event: (event) => folding!.add(event),
      },
      asOf,
    );
    return folding!.fold();
  }

  /** The OKR tree as of the date: `okrTreeAsOf` of the cycle's streams read up to it. */
  async treeAt(tenantId: TenantId, cycleId: string, asOf: Date): Promise<OkrTree> {
    return okrTreeOf(await this.foldAt(tenantId, cycleId, asOf), asOf);
  }

  /**
   * What changed between two dates: `okrDiff` of the cycle's streams read up to `to` (the tree
   * at `from` of those of their events that had occurred by then), from the snapshot by `from`
   * and the events after it, which hold every event of the window. With both trees. One read
   * folds both trees and takes the window's records; no event is kept. The tree at `to` starts
   * from the latest snapshot by `to`: it folds only the events after that one.
   */
  async window(
    tenantId: TenantId,
    cycleId: string,
    from: Date,
    to: Date,
  ): Promise<Readonly<{ before: OkrTree; after: OkrTree; diff: OkrDiff }>> {
    const by = from.getTime();
    const records = windowRecords(from, to);
    let before: CycleFolding | undefined;
    let after: CycleFolding | undefined;
    // Without a later snapshot, the tree at `to` folds every event read.
    let afterFrom = -1n;
    await this.read(
      tenantId,
      cycleId,
      {
        base: (fold) => {
          before = cycleFolding(fold);
          after = cycleFolding(fold);
        },
        laterBase: (fold, position) => {
          after = cycleFolding(fold);
          afterFrom = position;
        },
        segment: (taken) => records.addSegment(taken),
        event: (event, occurredAt) => {
          // Few of them: the snapshot is the latest by `from`. Staged in both folds and recorded
          // before either takes it: an event that cannot be read changes neither tree.
          const takeBefore = occurredAt <= by ? before!.stage(event) : undefined;
          const takeAfter = event.globalPosition > afterFrom ? after!.stage(event) : undefined;
          records.add(event, occurredAt);
          takeBefore?.();
          takeAfter?.();
        },
      },
      from,
      to,
    );
    const then = okrTreeOf(before!.fold(), from);
    const now = okrTreeOf(after!.fold(), to);
    return { before: then, after: now, diff: okrDiffOf(then, now, records) };
  }

  /** Streams of the cycle with an event after the date, by a snapshot's account of them. */
  private closeLater(
    snapshot: CycleSnapshot,
    until: number,
    closed: Set<string>,
    belongs: Set<string>,
  ): void {
    for (const [streamId, latest] of Object.entries(snapshot.latestOf)) {
      belongs.add(streamId);
      if (latest > until) closed.add(streamId);
    }
  }

  /** The cycle's own stream (not another whose id it begins), or one of its objectives'. */
  private ofCycle(event: RecordedEvent, cycleId: string, belongs: Set<string>): boolean {
    if (belongs.has(event.streamId)) return true;
    if (isCycleEvent(event)) return false;
    if (
      isObjectiveEvent(event) &&
      event.type === 'ObjectiveDefined' &&
      event.data.cycleId === cycleId
    ) {
      belongs.add(event.streamId);
      return true;
    }
    return false;
  }
}
