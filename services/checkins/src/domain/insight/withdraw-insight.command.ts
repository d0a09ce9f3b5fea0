import { rejectInvalid } from '@rhythm/event-sourcing';
import type { Command } from '../command';
import { instantProblem, utc } from '../input-rules';
import type { InsightWithdrawn } from './insight.events';
import { assertAuthor, existingInsight } from './insight.rules';
import type { InsightState } from './insight.state';

export type WithdrawInsight = Command<
  'WithdrawInsight',
  { insightId: string; at: string },
  { visible: boolean }
>;

/** The author takes it back: a tombstone. Withdrawing again changes nothing (a retry is harmless). */
export const withdrawInsight = (
  command: WithdrawInsight,
  state: InsightState,
): InsightWithdrawn[] => {
  const { data, actor } = command;
  const insight = existingInsight(state, data.insightId, command.facts.visible);
  assertAuthor(actor, insight, 'withdraw it');
  rejectInvalid({ at: instantProblem(data.at) });
  if (insight.status === 'withdrawn') return [];
  return [
    {
      type: 'InsightWithdrawn',
      data: {
        insightId: insight.insightId,
        objectiveId: insight.objectiveId,
        guildId: insight.guildId,
        withdrawnBy: actor.personId,
        withdrawnAt: utc(data.at),
      },
    },
  ];
};
