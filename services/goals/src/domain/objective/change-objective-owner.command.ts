import { RuleViolated, rejectInvalid } from '@rhythm/event-sourcing';
import type { Command } from '../command';
import { change } from '../change';
import type { CycleStanding } from '../cycle/cycle.state';
import { cleanReason, reasonProblem } from '../input-rules';
import type { Owner } from '../owner';
import { describeOwner, ownerProblem, sameOwner } from '../owner';
import type { ObjectiveOwnerChanged } from './objective.events';
import { assertChangeable, assertMayManageGoalsOf, managedObjective } from './objective.rules';
import type { ObjectiveState } from './objective.state';

export type ChangeObjectiveOwner = Command<
  'ChangeObjectiveOwner',
  { objectiveId: string; owner: Owner; reason?: string },
  { cycle: CycleStanding; ownerExists: boolean }
>;

/**
 * The objective is handed over (e.g. to the squad now accountable) by one who sets the goals of
 * both its current and its new owner, or an admin: nobody puts a goal on a unit they do not lead.
 */
export const changeObjectiveOwner = (
  command: ChangeObjectiveOwner,
  state: ObjectiveState,
): ObjectiveOwnerChanged[] => {
  const { data, facts } = command;
  const objective = managedObjective(
    state,
    data.objectiveId,
    command.actor,
    'hand this objective over',
  );
  rejectInvalid({ owner: ownerProblem(data.owner), reason: reasonProblem(data.reason) });
  const owner: Owner = { kind: data.owner.kind, id: data.owner.id.trim() };
  // The power over the new owner too: for the same owner, the one just weighed.
  assertMayManageGoalsOf(command.actor, owner, `hand objectives over to ${describeOwner(owner)}`);
  assertChangeable(objective, facts.cycle, 'hand this objective over');
  if (sameOwner(owner, objective.owner)) return [];
  if (!facts.ownerExists) {
    throw new RuleViolated(`${describeOwner(owner)} is not known in this organisation`, {
      owner: 'unknown owner',
    });
  }
  return [
    {
      type: 'ObjectiveOwnerChanged',
      data: {
        objectiveId: objective.objectiveId,
        owner: change(objective.owner, owner),
        ...cleanReason(data.reason),
      },
    },
  ];
};
