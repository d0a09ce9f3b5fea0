import { Forbidden } from '@rhythm/event-sourcing';
import type { Command } from '../command';
import type { CycleStanding } from '../cycle/cycle.state';
import type { ScoringRule } from '../scoring/scoring-rule';
import { scoreObjective as score } from '../scoring/scoring.policy';
import { scoringInputOf } from '../scoring/rescore.view';
import type { ObjectiveScored } from './objective.events';
import { assertCycleAllows, assertObjectiveIn, existingObjective } from './objective.rules';
import type { ObjectiveState } from './objective.state';

export type ScoreObjective = Command<
  'ScoreObjective',
  { objectiveId: string },
  {
    cycle: CycleStanding;
    /** The rule the cycle closed under (CycleClosed). */
    scoringRule: ScoringRule;
  }
>;

/**
 * The cycle-close process scores each active objective of a closed cycle once: every key result
 * from its progress under the cycle's rule unless overridden, the objective as their weighted
 * mean. The score is recorded; other rules are views (rescore.view.ts).
 */
export const scoreObjective = (
  command: ScoreObjective,
  state: ObjectiveState,
): ObjectiveScored[] => {
  const { data, facts } = command;
  const objective = existingObjective(state, data.objectiveId);
  if (!command.actor.isAdmin) {
    throw new Forbidden('Objectives are scored by the cycle-close process or an admin');
  }
  if (objective.status === 'scored') return [];
  assertObjectiveIn(objective, ['active'], 'score the objective');
  assertCycleAllows(facts.cycle, objective.cycleId, ['closed'], 'score an objective');
  const result = score(facts.scoringRule, objective.kind, scoringInputOf(objective));
  return [
    {
      type: 'ObjectiveScored',
      data: { objectiveId: objective.objectiveId, rule: facts.scoringRule, ...result },
    },
  ];
};
