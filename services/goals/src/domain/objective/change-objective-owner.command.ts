import { RuleViolated, rejectInvalid } from '@rhythm/event-sourcing';
import type { Command } from '../command';
import { change } from '../change';
import type { CycleStanding } from '../cycle/cycle.state';
import { cleanReason, reasonProblem } from '../input-rules';
import type { Owner } from '../owner';
import { describeOwner, ownerProblem, sameOwner } from '../owner';
import type { ObjectiveOwnerChanged } from './objective.events';
import { assertMayManageGoalsOf, changeableObjective } from './objective.rules';
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
  const objective = changeableObjective(
    state,
    data.objectiveId,
    facts.cycle,
    command.actor,
    'hand this objective over',
  );
  rejectInvalid({ owner: ownerProblem(data.owner), reason: reasonProblem(data.reason) });
  const owner: Owner = { kind: data.owner.kind, id: data.owner.id.trim() };
  if (sameOwner(owner, objective.owner)) return [];
  assertMayManageGoalsOf(command.actor, owner, `hand objectives over to ${describeOwner(owner)}`);
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
