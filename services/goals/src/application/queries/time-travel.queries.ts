import { Injectable } from '@nestjs/common';
import type { Objective, OkrChange, OkrTree } from '@rhythm/goals-domain';
import { CycleSnapshots } from '../../read-models/cycle-snapshots.reader';
import { VisibilityGate, type Reader } from '../visibility/visibility.gate';
import { OkrQueries, cycleView, type CycleTree } from './okr.queries';

export type OkrChanges = Readonly<{
  cycleId: string;
  from: string;
  to: string;
  changes: readonly OkrChange[];
}>;

/**
 * Time travel (ADR 0020): the OKR tree as it stood on a past date and what changed between two
 * dates, folded from the event store by the domain's own functions — never from the current read
 * model. From snapshots (ADR 0045): the cycle's fold at the latest snapshot whose events had all
 * occurred by the date, and the events after it up to the date; exactly what folding each stream
 * up to the date gives.
 *
 * A hidden objective stays hidden: the reader must be allowed to see it as it is now AND as it
 * stood at each date shown, so that neither a past private state nor a now-private objective
 * shows through.
 */
@Injectable()
export class TimeTravelQueries {
  constructor(
    private readonly snapshots: CycleSnapshots,
    private readonly okrs: OkrQueries,
    private readonly visibility: VisibilityGate,
  ) {}

  async treeAsOf(reader: Reader, cycleId: string, asOf: Date): Promise<CycleTree> {
    const cycle = await this.okrs.cycleDocument(reader.tenantId, cycleId);
    const [tree, visibleNow] = await Promise.all([
      this.snapshots.treeAt(reader.tenantId, cycleId, asOf),
      this.visibleNow(reader, cycleId),
    ]);
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
    const [{ before, after, diff }, visibleNow] = await Promise.all([
      this.snapshots.window(reader.tenantId, cycleId, from, to),
      this.visibleNow(reader, cycleId),
    ]);
    const atFrom = before.objectives.map((node) => node.objective);
    const seenAtFrom = new Set(
      (await this.visibility.visible(reader, atFrom)).map((objective) => objective.objectiveId),
    );
    const hiddenAtFrom = new Set(
      atFrom
        .map((objective) => objective.objectiveId)
        .filter((objectiveId) => !seenAtFrom.has(objectiveId)),
    );
    const shown = new Set(
      (await this.visibleAt(reader, after, visibleNow))
        .map((objective) => objective.objectiveId)
        .filter((objectiveId) => !hiddenAtFrom.has(objectiveId)),
    );
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

  /**
   * The objectives of the cycle the reader may see as they are now: the cycle's current cards
   * (ADR 0043), the domain's fold of every objective stream up to the store's head, held in memory.
   */
  private async visibleNow(reader: Reader, cycleId: string): Promise<Set<string>> {
    const objectives = await this.okrs.visibleOfCycle(reader, cycleId);
    return new Set(objectives.map((objective) => objective.objectiveId));
  }
}
