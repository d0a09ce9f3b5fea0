import { NotFound, rejectInvalid } from '@rhythm/event-sourcing';
import type { Command } from '../command';
import type { CycleStanding } from '../cycle/cycle.state';
import { cleanReason, reasonProblem } from '../input-rules';
import type { ObjectiveUnaligned } from './objective.events';
import { assertChangeable, managedObjective } from './objective.rules';
import type { ObjectiveState } from './objective.state';

export type UnalignObjective = Command<
  'UnalignObjective',
  { objectiveId: string; parentObjectiveId: string; reason?: string },
  {
    cycle: CycleStanding;
    /** The parent exists and the actor may see it: otherwise it is no parent to them (ADR 0030). */
    parentSeen: boolean;
  }
>;

export const unalignObjective = (
  command: UnalignObjective,
  state: ObjectiveState,
): ObjectiveUnaligned[] => {
  const { data } = command;
  const doing = 'change what this objective contributes to';
  const objective = managedObjective(state, data.objectiveId, command.actor, doing);
  rejectInvalid({ reason: reasonProblem(data.reason) });
  assertChangeable(objective, command.facts.cycle, doing);
  if (!command.facts.parentSeen || !objective.parents.includes(data.parentObjectiveId)) {
    throw new NotFound(
      `Objective ${objective.objectiveId} does not contribute to ${data.parentObjectiveId}`,
    );
  }
  return [
    {
      type: 'ObjectiveUnaligned',
      data: {
        objectiveId: objective.objectiveId,
        parentObjectiveId: data.parentObjectiveId,
        ...cleanReason(data.reason),
      },
    },
  ];
};
