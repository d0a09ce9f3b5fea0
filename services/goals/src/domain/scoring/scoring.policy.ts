import { assertNever } from '@rhythm/event-sourcing';
import { clampProgress } from '../objective/metric';
import type { ObjectiveKind } from '../objective/objective-draft';
import type { ScoringRule, ZonesRule } from './scoring-rule';

/**
 * The scoring policy (ADR 0020): pure functions from recorded progress to scores. The same
 * functions score a cycle at close and re-score a past cycle under another rule as a view.
 */

/** Google-style colours: 0.0–0.3 red, 0.4–0.6 yellow, 0.7–1.0 green. */
export type Grade = 'red' | 'yellow' | 'green';

/** Scores are kept to two decimals: what people read and what events record. */
export const roundScore = (score: number): number => Math.round(score * 100) / 100;

export const scoreFromProgress = (rule: ScoringRule, progress: number): number => {
  switch (rule.kind) {
    case 'linear':
      return roundScore(clampProgress(progress));
    case 'zones':
      return zoneFor(rule, progress).score;
    default:
      return assertNever(rule);
  }
};

/** Progress is a quotient of decimals: (8 - 5.9) / (8 - 5) is 0.6999…98, and must reach 0.7. */
const tolerance = 1e-9;

const zoneFor = (rule: ZonesRule, progress: number) => {
  const reached = rule.zones.filter((zone) => Math.max(0, progress) + tolerance >= zone.from);
  return reached[reached.length - 1] ?? rule.zones[0];
};

export const gradeOf = (score: number): Grade =>
  score < 0.4 ? 'red' : score < 0.7 ? 'yellow' : 'green';

/** Committed objectives succeed at 1.0; aspirational ones are graded against 0.7. */
export const successBar = (kind: ObjectiveKind): number => {
  switch (kind) {
    case 'committed':
      return 1;
    case 'aspirational':
      return 0.7;
    default:
      return assertNever(kind);
  }
};

export type KeyResultScoreInput = Readonly<{
  keyResultId: string;
  weight: number;
  /** Unclamped progress towards the target (see progressOf). */
  progress: number;
  /** A score a person set in the review, with a reason; it wins over the computed one. */
  override?: number;
}>;

export type KeyResultScore = Readonly<{
  keyResultId: string;
  weight: number;
  progress: number;
  /** What the rule gives for the progress. */
  computed: number;
  /** What counts: the override if there is one, else the computed score. */
  score: number;
  overridden: boolean;
}>;

export type ObjectiveScore = Readonly<{
  /** Weighted mean of the key results' scores. */
  score: number;
  grade: Grade;
  /** Reached the bar for its kind (see successBar). */
  success: boolean;
  keyResults: readonly KeyResultScore[];
}>;

export const scoreKeyResult = (rule: ScoringRule, input: KeyResultScoreInput): KeyResultScore => {
  const computed = scoreFromProgress(rule, input.progress);
  return {
    keyResultId: input.keyResultId,
    weight: input.weight,
    progress: input.progress,
    computed,
    score: input.override ?? computed,
    overridden: input.override !== undefined,
  };
};

export const scoreObjective = (
  rule: ScoringRule,
  kind: ObjectiveKind,
  keyResults: readonly KeyResultScoreInput[],
): ObjectiveScore => {
  const scored = keyResults.map((keyResult) => scoreKeyResult(rule, keyResult));
  const totalWeight = scored.reduce((sum, keyResult) => sum + keyResult.weight, 0);
  const score =
    totalWeight === 0
      ? 0
      : roundScore(scored.reduce((sum, kr) => sum + kr.weight * kr.score, 0) / totalWeight);
  return { score, grade: gradeOf(score), success: score >= successBar(kind), keyResults: scored };
};
