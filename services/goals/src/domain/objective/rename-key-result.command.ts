import { rejectInvalid, textProblem } from '@rhythm/event-sourcing';
import type { Command } from '../command';
import { change } from '../change';
import type { CycleStanding } from '../cycle/cycle.state';
import { clean, cleanReason, limits, reasonProblem } from '../input-rules';
import type { KeyResultRenamed } from './objective.events';
import {
  assertChangeable,
  assertMayManage,
  existingKeyResult,
  existingObjective,
} from './objective.rules';
import type { ObjectiveState } from './objective.state';

export type RenameKeyResult = Command<
  'RenameKeyResult',
  { objectiveId: string; keyResultId: string; title: string; reason?: string },
  { cycle: CycleStanding }
>;

export const renameKeyResult = (
  command: RenameKeyResult,
  state: ObjectiveState,
): KeyResultRenamed[] => {
  const { data } = command;
  const objective = existingObjective(state, data.objectiveId);
  const keyResult = existingKeyResult(objective, data.keyResultId);
  assertMayManage(command.actor, objective, 'rename a key result');
  rejectInvalid({
    title: textProblem(data.title, limits.title),
    reason: reasonProblem(data.reason),
  });
  assertChangeable(objective, command.facts.cycle, 'rename a key result');
  const title = clean(data.title);
  if (title === keyResult.title) return [];
  return [
    {
      type: 'KeyResultRenamed',
      data: {
        objectiveId: objective.objectiveId,
        keyResultId: keyResult.keyResultId,
        title: change(keyResult.title, title),
        ...cleanReason(data.reason),
      },
    },
  ];
};
