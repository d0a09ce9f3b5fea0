import { RuleViolated, rejectInvalid } from '@rhythm/event-sourcing';
import type { Command } from '../command';
import { change } from '../change';
import type { CycleStanding } from '../cycle/cycle.state';
import { cleanReason, reasonProblem } from '../input-rules';
import type { Owner } from '../owner';
import { describeOwner, ownerProblem, sameOwner } from '../owner';
import type { ObjectiveOwnerChanged } from './objective.events';
import { changeableObjective } from './objective.rules';
import type { ObjectiveState } from './objective.state';

export type ChangeObjectiveOwner = Command<
  'ChangeObjectiveOwner',
  { objectiveId: string; owner: Owner; reason?: string },
  { cycle: CycleStanding; ownerExists: boolean }
>;

/** The current owner's lead hands the objective over (e.g. to the squad now accountable). */
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
