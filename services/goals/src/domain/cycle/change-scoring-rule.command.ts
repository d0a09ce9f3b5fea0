import { rejectInvalid } from '@rhythm/event-sourcing';
import type { Command } from '../command';
import { change } from '../change';
import { cleanReason, reasonProblem } from '../input-rules';
import type { ScoringRule } from '../scoring/scoring-rule';
import { scoringRuleProblem } from '../scoring/scoring-rule';
import type { CycleScoringRuleChanged } from './cycle.events';
import { assertCycleIn, assertMayRunCycles, existingCycle } from './cycle.rules';
import type { CycleState } from './cycle.state';

export type ChangeScoringRule = Command<
  'ChangeScoringRule',
  { cycleId: string; scoringRule: ScoringRule; reason?: string }
>;

/** The rule may change until the cycle closes; a closed cycle can only be re-scored as a view. */
export const changeScoringRule = (
  command: ChangeScoringRule,
  state: CycleState,
): CycleScoringRuleChanged[] => {
  const { data } = command;
  const cycle = existingCycle(state, data.cycleId);
  assertMayRunCycles(command.actor, 'change the scoring rule');
  rejectInvalid({
    scoringRule: scoringRuleProblem(data.scoringRule),
    reason: reasonProblem(data.reason),
  });
  assertCycleIn(cycle, ['planning', 'active', 'review'], 'change the scoring rule');
  if (JSON.stringify(cycle.scoringRule) === JSON.stringify(data.scoringRule)) return [];
  return [
    {
      type: 'CycleScoringRuleChanged',
      data: {
        cycleId: cycle.cycleId,
        scoringRule: change(cycle.scoringRule, data.scoringRule),
        ...cleanReason(data.reason),
      },
    },
  ];
};
