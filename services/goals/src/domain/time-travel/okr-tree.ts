import type { RecordedEvent } from '@rhythm/event-sourcing';
import type { RolledUpProgress } from '../alignment/progress-roll-up';
import { rollUpProgress } from '../alignment/progress-roll-up';
import { isCycleEvent } from '../cycle/cycle.events';
import type { CycleState } from '../cycle/cycle.state';
import { evolveCycle, initialCycleState } from '../cycle/cycle.state';
import { progressOf } from '../objective/metric';
import { isObjectiveEvent } from '../objective/objective.events';
import type { Objective, ObjectiveState } from '../objective/objective.state';
import { evolveObjective, initialObjectiveState } from '../objective/objective.state';

export type OkrTreeNode = Readonly<{
  objective: Objective;
  progress: RolledUpProgress;
  /** Objectives of the cycle aligned to this one. */
  children: readonly string[];
}>;

/** The OKR tree of one cycle as it stood at a moment: values, alignment and owners. */
export type OkrTree = Readonly<{
  cycleId: string;
  asOf: string;
  cycle: CycleState;
  /** In the order they were defined; abandoned ones included, with their status. */
  objectives: readonly OkrTreeNode[];
}>;

const happenedBy = (event: RecordedEvent, moment: Date): boolean =>
  new Date(event.metadata.occurredAt).getTime() <= moment.getTime();

const byStream = (events: readonly RecordedEvent[]): RecordedEvent[][] => {
  const streams = new Map<string, RecordedEvent[]>();
  for (const event of events)
    streams.set(event.streamId, [...(streams.get(event.streamId) ?? []), event]);
  return [...streams.values()].map((stream) =>
    [...stream].sort((a, b) => a.streamRevision - b.streamRevision),
  );
};

/**
 * Time travel (ADR 0020): folds the recorded events that had occurred by `asOf` with the very
 * evolve functions the deciders use, and builds the cycle's tree from them. The application
 * feeds the events of the cycle's streams (more is harmless: other cycles are left out).
 */
export const okrTreeAsOf = (
  events: readonly RecordedEvent[],
  cycleId: string,
  asOf: Date,
): OkrTree => {
  let cycle = initialCycleState();
  const objectives: { objective: Objective; firstPosition: bigint }[] = [];
  for (const stream of byStream(events.filter((event) => happenedBy(event, asOf)))) {
    const cycleEvents = stream.filter(isCycleEvent);
    if (cycleEvents.length > 0 && cycleEvents[0].data.cycleId === cycleId) {
      cycle = cycleEvents.reduce<CycleState>(evolveCycle, cycle);
    }
    const objective = stream
      .filter(isObjectiveEvent)
      .reduce<ObjectiveState>(evolveObjective, initialObjectiveState());
    if (objective.status !== 'none' && objective.cycleId === cycleId) {
      objectives.push({ objective, firstPosition: stream[0].globalPosition });
    }
  }
  objectives.sort((a, b) =>
    a.firstPosition < b.firstPosition ? -1 : a.firstPosition > b.firstPosition ? 1 : 0,
  );

  const counted = objectives
    .map(({ objective }) => objective)
    .filter((o) => o.status !== 'abandoned');
  const progress = rollUpProgress(
    counted.map((objective) => ({
      objectiveId: objective.objectiveId,
      keyResults: objective.keyResults.map((kr) => ({
        weight: kr.weight,
        progress: progressOf(kr.metric, kr.current),
      })),
      parents: objective.parents,
    })),
  );
  const none: RolledUpProgress = { own: undefined, rolledUp: undefined, counted: [] };
  return {
    cycleId,
    asOf: asOf.toISOString(),
    cycle,
    objectives: objectives.map(({ objective }) => ({
      objective,
      progress: progress.get(objective.objectiveId) ?? none,
      children: counted
        .filter((o) => o.parents.includes(objective.objectiveId))
        .map((o) => o.objectiveId),
    })),
  };
};

export const findNode = (tree: OkrTree, objectiveId: string): OkrTreeNode | undefined =>
  tree.objectives.find((node) => node.objective.objectiveId === objectiveId);
