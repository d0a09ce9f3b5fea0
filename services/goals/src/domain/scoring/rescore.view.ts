import { progressOf } from '../objective/metric';
import type { Objective, RecordedObjectiveScore } from '../objective/objective.state';
import type { Owner } from '../owner';
import type { ScoringRule } from './scoring-rule';
import type { KeyResultScoreInput, ObjectiveScore } from './scoring.policy';
import { roundScore, scoreObjective } from './scoring.policy';

/** What scoring reads from an objective: each key result's weight, progress and override. */
export const scoringInputOf = (objective: Objective): KeyResultScoreInput[] =>
  objective.keyResults.map((keyResult) => ({
    keyResultId: keyResult.keyResultId,
    weight: keyResult.weight,
    progress: progressOf(keyResult.metric, keyResult.current),
    ...(keyResult.scoreOverride === undefined ? {} : { override: keyResult.scoreOverride.score }),
  }));

export type RescoredObjective = Readonly<{
  objectiveId: string;
  title: string;
  owner: Owner;
  /** What the record says (absent when the objective was never scored). */
  recorded?: RecordedObjectiveScore;
  /** The same facts under the other rule. */
  rescored: ObjectiveScore;
}>;

export type CycleRescoring = Readonly<{
  rule: ScoringRule;
  objectives: readonly RescoredObjective[];
  /** Mean of the objectives' scores under the rule; 0 without objectives. */
  meanScore: number;
  /** How many objectives reached the bar for their kind. */
  successes: number;
}>;

/**
 * Re-scores a cycle's objectives under another rule, as a view: a pure function of the folded
 * facts that never touches the record (ADR 0020). Drafts and abandoned objectives are not scored.
 * Overrides set in the review still count: they are people's judgement, not the rule's.
 */
export const rescoreCycle = (
  objectives: readonly Objective[],
  rule: ScoringRule,
): CycleRescoring => {
  const rescored = objectives
    .filter((objective) => objective.status === 'active' || objective.status === 'scored')
    .map((objective): RescoredObjective => ({
      objectiveId: objective.objectiveId,
      title: objective.title,
      owner: objective.owner,
      ...(objective.score === undefined ? {} : { recorded: objective.score }),
      rescored: scoreObjective(rule, objective.kind, scoringInputOf(objective)),
    }));
  const total = rescored.reduce((sum, objective) => sum + objective.rescored.score, 0);
  return {
    rule,
    objectives: rescored,
    meanScore: rescored.length === 0 ? 0 : roundScore(total / rescored.length),
    successes: rescored.filter((objective) => objective.rescored.success).length,
  };
};
