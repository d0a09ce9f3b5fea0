import { RuleViolated, rejectInvalid } from '@rhythm/event-sourcing';
import type { Command } from '../command';
import { change } from '../change';
import type { CycleStanding } from '../cycle/cycle.state';
import { cleanReason, reasonProblem } from '../input-rules';
import { personIdProblem } from './objective-draft';
import type { KeyResultOwnerChanged } from './objective.events';
import {
  assertChangeable,
  assertMayManage,
  existingKeyResult,
  existingObjective,
} from './objective.rules';
import type { ObjectiveState } from './objective.state';

export type ChangeKeyResultOwner = Command<
  'ChangeKeyResultOwner',
  { objectiveId: string; keyResultId: string; owner: string; reason?: string },
  { cycle: CycleStanding; ownerExists: boolean }
>;

export const changeKeyResultOwner = (
  command: ChangeKeyResultOwner,
  state: ObjectiveState,
): KeyResultOwnerChanged[] => {
  const { data, facts } = command;
  const objective = existingObjective(state, data.objectiveId);
  const keyResult = existingKeyResult(objective, data.keyResultId);
  assertMayManage(command.actor, objective, 'change who owns a key result');
  rejectInvalid({ owner: personIdProblem(data.owner), reason: reasonProblem(data.reason) });
  assertChangeable(objective, facts.cycle, 'change who owns a key result');
  const owner = data.owner.trim();
  if (owner === keyResult.owner) return [];
  if (!facts.ownerExists) {
    throw new RuleViolated(`Person ${owner} is not known in this organisation`, {
      owner: 'unknown person',
    });
  }
  return [
    {
      type: 'KeyResultOwnerChanged',
      data: {
        objectiveId: objective.objectiveId,
        keyResultId: keyResult.keyResultId,
        owner: change(keyResult.owner, owner),
        ...cleanReason(data.reason),
      },
    },
  ];
};
