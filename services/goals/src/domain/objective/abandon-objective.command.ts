import { rejectInvalid } from '@rhythm/event-sourcing';
import type { Command } from '../command';
import type { CycleStanding } from '../cycle/cycle.state';
import { clean, reasonProblem } from '../input-rules';
import type { ObjectiveAbandoned } from './objective.events';
import { assertChangeable, managedObjective } from './objective.rules';
import type { ObjectiveState } from './objective.state';

export type AbandonObjective = Command<
  'AbandonObjective',
  { objectiveId: string; reason: string },
  { cycle: CycleStanding }
>;

/** Giving up a goal is the strongest change of all: always with a reason. */
export const abandonObjective = (
  command: AbandonObjective,
  state: ObjectiveState,
): ObjectiveAbandoned[] => {
  const { data } = command;
  const objective = managedObjective(
    state,
    data.objectiveId,
    command.actor,
    'abandon this objective',
  );
  rejectInvalid({ reason: reasonProblem(data.reason, 'to abandon an objective') });
  assertChangeable(objective, command.facts.cycle, 'abandon this objective');
  return [
    {
      type: 'ObjectiveAbandoned',
      data: { objectiveId: objective.objectiveId, reason: clean(data.reason) },
    },
  ];
};
