import type { KeyResultAchieved, ObjectiveAchieved, ObjectiveEvent } from './objective.events';
import { meetsTarget } from './metric';
import type { ObjectiveState } from './objective.state';
import { evolveObjective, isAchieved } from './objective.state';

/**
 * What a decision leads to for celebrations: every key result that now meets its target and was
 * not achieved yet is achieved, and the objective is achieved when that made all of them so.
 * Runs after every decision on an active objective, whatever the command (progress, a lowered
 * target, a dropped key result).
 */
export const withAchievements = (
  state: ObjectiveState,
  decided: readonly ObjectiveEvent[],
): readonly ObjectiveEvent[] => {
  if (state.status !== 'active' || decided.length === 0) return decided;
  const after = decided.reduce(evolveObjective, state);
  if (after.status !== 'active') return decided;
  const keyResultsAchieved = after.keyResults
    .filter((keyResult) => !keyResult.achieved && meetsTarget(keyResult.metric, keyResult.current))
    .map((keyResult): KeyResultAchieved => ({
      type: 'KeyResultAchieved',
      data: {
        objectiveId: after.objectiveId,
        keyResultId: keyResult.keyResultId,
        value: keyResult.current,
        target: keyResult.metric.target,
      },
    }));
  const final = keyResultsAchieved.reduce(evolveObjective, after);
  const objectiveAchieved: ObjectiveAchieved[] =
    final.status !== 'none' && !isAchieved(state) && isAchieved(final)
      ? [{ type: 'ObjectiveAchieved', data: { objectiveId: after.objectiveId } }]
      : [];
  return [...decided, ...keyResultsAchieved, ...objectiveAchieved];
};
