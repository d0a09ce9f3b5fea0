import { rejectInvalid } from '@rhythm/event-sourcing';
import type { Command } from '../command';
import type { CycleStanding } from '../cycle/cycle.state';
import { clean, finiteProblem, reasonProblem } from '../input-rules';
import type { KeyResultScoreOverridden } from './objective.events';
import {
  assertCycleAllows,
  assertMayManage,
  assertObjectiveIn,
  existingKeyResult,
  existingObjective,
} from './objective.rules';
import type { ObjectiveState } from './objective.state';

export type OverrideKeyResultScore = Command<
  'OverrideKeyResultScore',
  { objectiveId: string; keyResultId: string; score: number; reason: string },
  { cycle: CycleStanding }
>;

/**
 * During the review a lead may set a key result's score by hand (a milestone half done, a metric
 * that was measured wrong). It always needs a reason; at close it wins over the computed score.
 */
export const overrideKeyResultScore = (
  command: OverrideKeyResultScore,
  state: ObjectiveState,
): KeyResultScoreOverridden[] => {
  const { data } = command;
  const objective = existingObjective(state, data.objectiveId);
  const keyResult = existingKeyResult(objective, data.keyResultId);
  assertMayManage(command.actor, objective, 'override a score');
  rejectInvalid({
    score:
      finiteProblem(data.score) ??
      (data.score >= 0 && data.score <= 1 ? undefined : 'must be between 0.0 and 1.0'),
    reason: reasonProblem(data.reason, 'to override a score'),
  });
  assertObjectiveIn(objective, ['active'], 'override a score');
  assertCycleAllows(command.facts.cycle, objective.cycleId, ['review'], 'override a score');
  if (keyResult.scoreOverride?.score === data.score) return [];
  return [
    {
      type: 'KeyResultScoreOverridden',
      data: {
        objectiveId: objective.objectiveId,
        keyResultId: keyResult.keyResultId,
        score: { before: keyResult.scoreOverride?.score ?? null, after: data.score },
        reason: clean(data.reason),
      },
    },
  ];
};
