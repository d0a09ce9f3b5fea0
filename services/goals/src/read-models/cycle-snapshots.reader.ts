import { Inject, Injectable } from '@nestjs/common';
import type { EventStore, RecordedEvent } from '@rhythm/event-sourcing';
import type { TenantId } from '@rhythm/projections';
import {
  emptyCycleFold,
  foldIntoCycle,
  goalsStreams,
  isCycleEvent,
  isObjectiveEvent,
  okrDiffOf,
  okrTreeOf,
  type CycleFold,
  type OkrDiff,
  type OkrTree,
} from '../goals-domain';
import { GOALS_EVENT_STORE } from '../infrastructure/goals-tokens';
import { CycleSnapshotStore, type CycleSnapshot } from './cycle-snapshots.store';

/** A cycle's streams as they stood at a date, and the events after the snapshot it started from. */
export type CycleAt = Readonly<{
  /** The snapshot's fold: every stream of it had only events of the date or before. */
  base: CycleFold;
  /** After the snapshot, in global order: each stream's events up to its first one after the date. */
  tail: readonly RecordedEvent[];
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
  constructor(
    @Inject(GOALS_EVENT_STORE) private readonly store: EventStore,
    @Inject(CycleSnapshotStore) private readonly snapshots: CycleSnapshotStore,
  ) {}

  /**
   * The cycle's streams as of `asOf` (without it, as they are now). With `tailUntil` (later than
   * `asOf`), the tail goes on to that date: a window's events after the snapshot by its start.
   */
  async at(
    tenantId: TenantId,
    cycleId: string,
    asOf?: Date,
    tailUntil: Date | undefined = asOf,
  ): Promise<CycleAt> {
    const baseBy = asOf?.getTime() ?? never;
    const until = tailUntil?.getTime() ?? never;
    const moments = await this.snapshots.moments(tenantId, cycleId);
    // `latest` never decreases along the cycle's snapshots: the last one by the date is the base.
    let baseIndex = -1;
    while (baseIndex + 1 < moments.length && moments[baseIndex + 1].latest <= baseBy) baseIndex++;
    const base =
      baseIndex < 0
        ? { fold: emptyCycleFold(cycleId), latestOf: {} }
        : await this.snapshots.snapshot(tenantId, moments[baseIndex]);
    const belongs = new Set([
      goalsStreams.cycle(tenantId, cycleId),
      ...Object.keys(base.fold.objectives),
    ]);
    const closed = new Set<string>();
    const tail: RecordedEvent[] = [];
    let contiguous = true;
    // Segment j holds the cycle's events after snapshot j-1 up to snapshot j; the last is open.
    for (let j = baseIndex + 1; j <= moments.length; j++) {
      const open = j === moments.length;
      if (!open && j > baseIndex + 1 && moments[j].earliest > until) {
        contiguous = false;
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
        if (!this.ofCycle(event, cycleId, belongs) || closed.has(event.streamId)) continue;
        if (Date.parse(event.metadata.occurredAt) > until) closed.add(event.streamId);
        else tail.push(event);
      }
    }
    return { base: base.fold, tail };
  }

  /** The fold as of the date (or now). */
  async foldAt(tenantId: TenantId, cycleId: string, asOf?: Date): Promise<CycleFold> {
    const { base, tail } = await this.at(tenantId, cycleId, asOf);
    return foldIntoCycle(base, tail);
  }

  /** The OKR tree as of the date: `okrTreeAsOf` of the cycle's streams read up to it. */
  async treeAt(tenantId: TenantId, cycleId: string, asOf: Date): Promise<OkrTree> {
    return okrTreeOf(await this.foldAt(tenantId, cycleId, asOf), asOf);
  }

  /**
   * What changed between two dates: `okrDiff` of the cycle's streams read up to `to` (the tree
   * at `from` of those of their events that had occurred by then), from the snapshot by `from`
   * and the events after it, which hold every event of the window. With both trees.
   */
  async window(
    tenantId: TenantId,
    cycleId: string,
    from: Date,
    to: Date,
  ): Promise<Readonly<{ before: OkrTree; after: OkrTree; diff: OkrDiff }>> {
    const { base, tail } = await this.at(tenantId, cycleId, from, to);
    const by = from.getTime();
    const before = okrTreeOf(
      foldIntoCycle(
        base,
        tail.filter((event) => Date.parse(event.metadata.occurredAt) <= by),
      ),
      from,
    );
    const after = okrTreeOf(foldIntoCycle(base, tail), to);
    return { before, after, diff: okrDiffOf(before, after, tail) };
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
