import type { RecordedEvent } from '@rhythm/event-sourcing';
import type { RolledUpProgress } from '../alignment/progress-roll-up';
import { rollUpProgress } from '../alignment/progress-roll-up';
import { isCycleEvent } from '../cycle/cycle.events';
import type { CycleState } from '../cycle/cycle.state';
import { evolveCycle, initialCycleState } from '../cycle/cycle.state';
import { progressOf } from '../objective/metric';
import { isObjectiveEvent } from '../objective/objective.events';
import type { Objective } from '../objective/objective.state';
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
 * A cycle's streams folded up to some moment: the cycle, and each objective of the cycle with the
 * position of its stream's first event (the tree lists objectives in that order). What a
 * time-travel snapshot keeps (ADR 0045); positions as decimal strings, so that it is plain JSON.
 */
export type CycleFold = Readonly<{
  cycleId: string;
  cycle: CycleState;
  objectives: Readonly<Record<string, Readonly<{ objective: Objective; firstPosition: string }>>>;
}>;

export const emptyCycleFold = (cycleId: string): CycleFold => ({
  cycleId,
  cycle: initialCycleState(),
  objectives: {},
});

/** A cycle's fold taking one event at a time: a long read folds as it goes and keeps no events. */
export type CycleFolding = Readonly<{
  add: (event: RecordedEvent) => void;
  /**
   * Folds the event without taking it yet: throws, changing nothing, when it cannot be folded
   * (its data is not what its type says); otherwise returns what takes it. A reader folding one
   * event into several folds stages it in each before it takes it in any.
   */
  stage: (event: RecordedEvent) => () => void;
  /** The fold of what was added so far. */
  fold: () => CycleFold;
}>;

const unchanged = (): void => undefined;

/**
 * Folds more events of the cycle's streams (each stream's in revision order; streams may
 * interleave) with the very evolve functions the deciders use. Events of other cycles' streams
 * are left out; an objective joins the fold with its first event that makes it one of the cycle.
 * A fold of a snapshot and the events after it is the fold of the whole: each event changes its
 * own stream's entry only.
 */
export const cycleFolding = (from: CycleFold): CycleFolding => {
  const { cycleId } = from;
  let cycle = from.cycle;
  const objectives = { ...from.objectives };
  const stage = (event: RecordedEvent): (() => void) => {
    if (isCycleEvent(event)) {
      if (event.data.cycleId !== cycleId) return unchanged;
      const next = evolveCycle(cycle, event);
      return () => (cycle = next);
    }
    if (!isObjectiveEvent(event)) return unchanged;
    const known = objectives[event.streamId];
    const objective = evolveObjective(known?.objective ?? initialObjectiveState(), event);
    if (objective.status === 'none' || objective.cycleId !== cycleId) return unchanged;
    const entry = {
      objective,
      firstPosition: known?.firstPosition ?? String(event.globalPosition),
    };
    return () => (objectives[event.streamId] = entry);
  };
  return {
    add: (event) => stage(event)(),
    stage,
    fold: () => ({ cycleId, cycle, objectives: { ...objectives } }),
  };
};

/** `cycleFolding` of a fold and events at hand. */
export const foldIntoCycle = (fold: CycleFold, events: Iterable<RecordedEvent>): CycleFold => {
  const folding = cycleFolding(fold);
  for (const event of events) folding.add(event);
  return folding.fold();
};

/** The OKR tree of a fold: objectives in the order they were defined, roll-up and children. */
export const okrTreeOf = (fold: CycleFold, asOf: Date): OkrTree => {
  const objectives = Object.values(fold.objectives)
    .map(({ objective, firstPosition }) => ({ objective, firstPosition: BigInt(firstPosition) }))
    .sort((a, b) =>
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
  // Each parent's children in the tree's order, in one pass over the counted objectives.
  const childrenOf = new Map<string, string[]>();
  for (const child of counted) {
    for (const parentId of new Set(child.parents)) {
      const children = childrenOf.get(parentId) ?? [];
      children.push(child.objectiveId);
      childrenOf.set(parentId, children);
    }
  }
  return {
    cycleId: fold.cycleId,
    asOf: asOf.toISOString(),
    cycle: fold.cycle,
    objectives: objectives.map(({ objective }) => ({
      objective,
      progress: progress.get(objective.objectiveId) ?? none,
      children: childrenOf.get(objective.objectiveId) ?? [],
    })),
  };
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
): OkrTree =>
  okrTreeOf(
    foldIntoCycle(
      emptyCycleFold(cycleId),
      byStream(events.filter((event) => happenedBy(event, asOf))).flat(),
    ),
    asOf,
  );

export const findNode = (tree: OkrTree, objectiveId: string): OkrTreeNode | undefined =>
  tree.objectives.find((node) => node.objective.objectiveId === objectiveId);
