import { AlreadyExists, NotFound, RuleViolated } from '@rhythm/event-sourcing';
import type { AlignmentGraph } from '../alignment/alignment-graph';
import { alignmentLoop } from '../alignment/alignment-graph';
import type { Command } from '../command';
import type { CycleStanding } from '../cycle/cycle.state';
import type { ObjectiveAligned } from './objective.events';
import { changeableObjective } from './objective.rules';
import type { ObjectiveState, ObjectiveStatus } from './objective.state';

/** What the alignment read model knows about the proposed parent. */
export type ParentFacts = Readonly<{ cycleId: string; status: ObjectiveStatus }>;

export type AlignObjective = Command<
  'AlignObjective',
  { objectiveId: string; parentObjectiveId: string },
  {
    cycle: CycleStanding;
    /** 'none' when there is no such objective. */
    parent: ParentFacts | 'none';
    /** At least the ancestors of the proposed parent. */
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
  const objective = changeableObjective(
    state,
    data.objectiveId,
    facts.cycle,
    command.actor,
    'align this objective',
  );
  if (objective.parents.includes(data.parentObjectiveId)) {
    throw new AlreadyExists(
      `"${objective.title}" already contributes to ${data.parentObjectiveId}`,
    );
  }
  const loop = alignmentLoop(facts.alignment, objective.objectiveId, data.parentObjectiveId);
  if (loop !== undefined) {
    throw new RuleViolated(`Aligning would create a loop: ${loop.join(' → ')}`, {
      parentObjectiveId: 'would create a loop',
    });
  }
  if (facts.parent === 'none') {
    throw new NotFound(`Objective ${data.parentObjectiveId} not found`);
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
