import { Inject, Injectable } from '@nestjs/common';
import type { EventStore, RecordedEvent } from '@rhythm/event-sourcing';
import {
  goalsStreams,
  okrDiff,
  okrTreeAsOf,
  type Objective,
  type OkrChange,
  type OkrTree,
} from '@rhythm/goals-domain';
import { GOALS_EVENT_STORE } from '../../infrastructure/goals-tokens';
import { GoalsReadModels } from '../../read-models/goals-read-models';
import { VisibilityGate, type Reader } from '../visibility/visibility.gate';
import { OkrQueries, cycleView, type CycleTree } from './okr.queries';

export type OkrChanges = Readonly<{
  cycleId: string;
  from: string;
  to: string;
  changes: readonly OkrChange[];
}>;

/** Streams read at once: enough to overlap round trips, few enough to spare the pool. */
const concurrency = 16;

/**
 * Time travel (ADR 0020): the OKR tree as it stood on a past date and what changed between two
 * dates, folded from the event store (readStream with asOf) by the domain's own functions — never
 * from the current read model. The read model only names the streams: the cycle's, and those of
 * the objectives defined in it (an objective never leaves its cycle).
 *
 * A hidden objective stays hidden: the reader must be allowed to see it as it is now AND as it
 * stood at each date shown, so that neither a past private state nor a now-private objective
 * shows through.
 */
@Injectable()
export class TimeTravelQueries {
  constructor(
    @Inject(GOALS_EVENT_STORE) private readonly store: EventStore,
    private readonly readModels: GoalsReadModels,
    private readonly okrs: OkrQueries,
    private readonly visibility: VisibilityGate,
  ) {}

  async treeAsOf(reader: Reader, cycleId: string, asOf: Date): Promise<CycleTree> {
    const cycle = await this.okrs.cycleDocument(reader.tenantId, cycleId);
    const { events, visibleNow } = await this.eventsOfCycle(reader, cycleId, asOf);
    const tree = okrTreeAsOf(events, cycleId, asOf);
    const visible = await this.visibleAt(reader, tree, visibleNow);
    const then = tree.cycle.status === 'none' ? undefined : tree.cycle;
    return {
      cycle: {
        ...cycleView(cycle),
        ...(then === undefined
          ? { status: 'none' as const }
          : {
              name: then.name,
              startsOn: then.startsOn,
              endsOn: then.endsOn,
              status: then.status,
              scoringRule: then.scoringRule,
              reopenings: then.reopenings,
            }),
      },
      asOf: tree.asOf,
      ...(await this.okrs.treeOf(reader, visible)),
    };
  }

  async changes(reader: Reader, cycleId: string, from: Date, to: Date): Promise<OkrChanges> {
    await this.okrs.cycleDocument(reader.tenantId, cycleId);
    const { events, visibleNow } = await this.eventsOfCycle(reader, cycleId, to);
    const atFrom = okrTreeAsOf(events, cycleId, from).objectives.map((node) => node.objective);
    const seenAtFrom = new Set(
      (await this.visibility.visible(reader, atFrom)).map((objective) => objective.objectiveId),
    );
    const hiddenAtFrom = new Set(
      atFrom
        .map((objective) => objective.objectiveId)
        .filter((objectiveId) => !seenAtFrom.has(objectiveId)),
    );
    const shown = new Set(
      (await this.visibleAt(reader, okrTreeAsOf(events, cycleId, to), visibleNow))
        .map((objective) => objective.objectiveId)
        .filter((objectiveId) => !hiddenAtFrom.has(objectiveId)),
    );
    const diff = okrDiff(events, cycleId, from, to);
    return {
      cycleId,
      from: diff.from,
      to: diff.to,
      // The cycle's own changes always; an objective's only when it is shown, alignments only
      // when the other end may be seen too.
      changes: diff.changes.filter(
        (change) =>
          (!('objectiveId' in change) || shown.has(change.objectiveId)) &&
          (!('parentObjectiveId' in change) || visibleNow.has(change.parentObjectiveId)),
      ),
    };
  }

  private visibleAt(
    reader: Reader,
    tree: OkrTree,
    visibleNow: ReadonlySet<string>,
  ): Promise<Objective[]> {
    return this.visibility.visible(
      reader,
      tree.objectives
        .map((node) => node.objective)
        .filter((objective) => visibleNow.has(objective.objectiveId)),
    );
  }

  /** The recorded events of the cycle's streams that had occurred by `until`. */
  private async eventsOfCycle(reader: Reader, cycleId: string, until: Date) {
    const documents = await this.readModels.objectives.ofCycle(reader.tenantId, cycleId);
    const visibleNow = new Set(
      (await this.okrs.visibleObjectives(reader, documents)).map(
        (objective) => objective.objectiveId,
      ),
    );
    // An objective defined after `until` has nothing to show then: its stream is not read.
    const definedBy = documents.filter(
      (document) => new Date(document.definedAt).getTime() <= until.getTime(),
    );
    const streams = [
      goalsStreams.cycle(reader.tenantId, cycleId),
      ...definedBy.map((document) => goalsStreams.objective(reader.tenantId, document.objectiveId)),
    ];
    const events: RecordedEvent[] = [];
    for (let start = 0; start < streams.length; start += concurrency) {
      const batch = await Promise.all(
        streams
          .slice(start, start + concurrency)
          .map((streamId) => this.store.readStream(streamId, { asOf: until })),
      );
      for (const streamEvents of batch) events.push(...streamEvents);
    }
    return { events, visibleNow };
  }
}
