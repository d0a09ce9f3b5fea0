import { rejectInvalid } from '@rhythm/event-sourcing';
import type { Command } from '../command';
import { change } from '../change';
import type { CycleStanding } from '../cycle/cycle.state';
import { cleanReason, oneOfProblem, reasonProblem } from '../input-rules';
import type { Visibility } from './objective-draft';
import { visibilities } from './objective-draft';
import type { ObjectiveVisibilityChanged } from './objective.events';
import { assertChangeable, managedObjective } from './objective.rules';
import type { ObjectiveState } from './objective.state';

export type ChangeObjectiveVisibility = Command<
  'ChangeObjectiveVisibility',
  { objectiveId: string; visibility: Visibility; reason?: string },
  { cycle: CycleStanding }
>;

export const changeObjectiveVisibility = (
  command: ChangeObjectiveVisibility,
  state: ObjectiveState,
): ObjectiveVisibilityChanged[] => {
  const { data } = command;
  const objective = managedObjective(
    state,
    data.objectiveId,
    command.actor,
    'change who sees this objective',
  );
  rejectInvalid({
    visibility: oneOfProblem(visibilities, data.visibility),
    reason: reasonProblem(data.reason),
  });
  assertChangeable(objective, command.facts.cycle, 'change who sees this objective');
  if (objective.visibility === data.visibility) return [];
  return [
    {
      type: 'ObjectiveVisibilityChanged',
      data: {
        objectiveId: objective.objectiveId,
        visibility: change(objective.visibility, data.visibility),
        ...cleanReason(data.reason),
      },
    },
  ];
};
