import { rejectInvalid } from '@rhythm/event-sourcing';
import type { Command } from '../command';
import { change } from '../change';
import type { CycleStanding } from '../cycle/cycle.state';
import { cleanReason, reasonProblem } from '../input-rules';
import { weightProblem } from './objective-draft';
import type { KeyResultReweighted } from './objective.events';
import {
  assertChangeable,
  assertMayManage,
  existingKeyResult,
  existingObjective,
} from './objective.rules';
import type { ObjectiveState } from './objective.state';

export type ReweighKeyResult = Command<
  'ReweighKeyResult',
  { objectiveId: string; keyResultId: string; weight: number; reason?: string },
  { cycle: CycleStanding }
>;

/** Weights are relative (ADR 0020), so one key result can be reweighed without touching the others. */
export const reweighKeyResult = (
  command: ReweighKeyResult,
  state: ObjectiveState,
): KeyResultReweighted[] => {
  const { data } = command;
  const objective = existingObjective(state, data.objectiveId);
  const keyResult = existingKeyResult(objective, data.keyResultId);
  assertMayManage(command.actor, objective, 'reweigh a key result');
  rejectInvalid({ weight: weightProblem(data.weight), reason: reasonProblem(data.reason) });
  assertChangeable(objective, command.facts.cycle, 'reweigh a key result');
  if (data.weight === keyResult.weight) return [];
  return [
    {
      type: 'KeyResultReweighted',
      data: {
        objectiveId: objective.objectiveId,
        keyResultId: keyResult.keyResultId,
        weight: change(keyResult.weight, data.weight),
        ...cleanReason(data.reason),
      },
    },
  ];
};
