import { AlreadyExists, rejectInvalid, textProblem } from '@rhythm/event-sourcing';
import type { Command } from '../command';
import { clean, limits } from '../input-rules';
import type { ScoringRule } from '../scoring/scoring-rule';
import { scoringRuleProblem } from '../scoring/scoring-rule';
import type { CyclePlanned } from './cycle.events';
import { assertMayRunCycles, datesProblems } from './cycle.rules';
import type { CycleState } from './cycle.state';

export type PlanCycle = Command<
  'PlanCycle',
  { cycleId: string; name: string; startsOn: string; endsOn: string; scoringRule: ScoringRule }
>;

export const planCycle = (command: PlanCycle, state: CycleState): CyclePlanned[] => {
  const { data } = command;
  assertMayRunCycles(command.actor, 'plan a cycle');
  rejectInvalid({
    name: textProblem(data.name, limits.name),
    ...datesProblems(data.startsOn, data.endsOn),
    scoringRule: scoringRuleProblem(data.scoringRule),
  });
  if (state.status !== 'none') throw new AlreadyExists(`Cycle ${data.cycleId} already exists`);
  return [
    {
      type: 'CyclePlanned',
      data: {
        cycleId: data.cycleId,
        name: clean(data.name),
        startsOn: data.startsOn,
        endsOn: data.endsOn,
        scoringRule: data.scoringRule,
      },
    },
  ];
};
