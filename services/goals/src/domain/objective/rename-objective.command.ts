import { rejectInvalid, textProblem } from '@rhythm/event-sourcing';
import type { Command } from '../command';
import { change } from '../change';
import type { CycleStanding } from '../cycle/cycle.state';
import { clean, cleanReason, limits, reasonProblem } from '../input-rules';
import type { ObjectiveRenamed } from './objective.events';
import { assertChangeable, managedObjective } from './objective.rules';
import type { ObjectiveState } from './objective.state';

export type RenameObjective = Command<
  'RenameObjective',
  { objectiveId: string; title: string; description: string; reason?: string },
  { cycle: CycleStanding }
>;

export const renameObjective = (
  command: RenameObjective,
  state: ObjectiveState,
): ObjectiveRenamed[] => {
  const { data } = command;
  const objective = managedObjective(
    state,
    data.objectiveId,
    command.actor,
    'rename this objective',
  );
  rejectInvalid({
    title: textProblem(data.title, limits.title),
    description: textProblem(data.description, limits.description),
    reason: reasonProblem(data.reason),
  });
  assertChangeable(objective, command.facts.cycle, 'rename this objective');
  const title = clean(data.title);
  const description = clean(data.description);
  if (title === objective.title && description === objective.description) return [];
  return [
    {
      type: 'ObjectiveRenamed',
      data: {
        objectiveId: objective.objectiveId,
        title: change(objective.title, title),
        description: change(objective.description, description),
        ...cleanReason(data.reason),
      },
    },
  ];
};
