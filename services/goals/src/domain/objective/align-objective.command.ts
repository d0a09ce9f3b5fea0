import { AlreadyExists, RuleViolated } from '@rhythm/event-sourcing';
import type { AlignmentGraph } from '../alignment/alignment-graph';
import { alignmentLoop } from '../alignment/alignment-graph';
import type { Command } from '../command';
import type { CycleStanding } from '../cycle/cycle.state';
import type { ObjectiveAligned } from './objective.events';
import {
  assertChangeable,
  assertMayManage,
  existingObjective,
  objectiveNotFound,
} from './objective.rules';
import type { ObjectiveState, ObjectiveStatus } from './objective.state';

/** What the alignment read model knows about the proposed parent. */
export type ParentFacts = Readonly<{ cycleId: string; status: ObjectiveStatus }>;

export type AlignObjective = Command<
  'AlignObjective',
  { objectiveId: string; parentObjectiveId: string },
  {
    cycle: CycleStanding;
    /** 'none' when there is no such objective, or the actor may not see it (ADR 0030). */
    parent: ParentFacts | 'none';
    /** At least the ancestors of the proposed parent that the actor may see. */
    alignment: AlignmentGraph;
  }
>;

/**
 * This objective contributes to another one, in any unit, of the same cycle (ADR 0020). An
 * alignment that would close a loop is refused.
 */
export const alignObjective = (
  command: AlignObjective,
  state: ObjectiveState,
): ObjectiveAligned[] => {
  const { data, facts } = command;
  const objective = existingObjective(state, data.objectiveId);
  // Before anything about the parent: a parent the actor may not see answers as a missing one.
  if (facts.parent === 'none') throw objectiveNotFound(data.parentObjectiveId);
  assertMayManage(command.actor, objective, 'align this objective');
  assertChangeable(objective, facts.cycle, 'align this objective');
  if (objective.parents.includes(data.parentObjectiveId)) {
    throw new AlreadyExists(
      `Objective ${objective.objectiveId} already contributes to ${data.parentObjectiveId}`,
    );
  }
  const loop = alignmentLoop(facts.alignment, objective.objectiveId, data.parentObjectiveId);
  if (loop !== undefined) {
    throw new RuleViolated(`Aligning would create a loop: ${loop.join(' → ')}`, {
      parentObjectiveId: 'would create a loop',
    });
  }
  if (facts.parent.cycleId !== objective.cycleId) {
    throw new RuleViolated(
      `Objective ${data.parentObjectiveId} belongs to cycle ${facts.parent.cycleId}; align within cycle ${objective.cycleId}`,
      { parentObjectiveId: 'in another cycle' },
    );
  }
  if (facts.parent.status === 'abandoned') {
    throw new RuleViolated(`Objective ${data.parentObjectiveId} was abandoned`, {
      parentObjectiveId: 'abandoned',
    });
  }
  return [
    {
      type: 'ObjectiveAligned',
      data: { objectiveId: objective.objectiveId, parentObjectiveId: data.parentObjectiveId },
    },
  ];
};
