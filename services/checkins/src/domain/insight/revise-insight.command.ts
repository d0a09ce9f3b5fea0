import { rejectInvalid } from '@rhythm/event-sourcing';
import type { Command } from '../command';
import { clean, instantProblem, utc } from '../input-rules';
import type { InsightRevised } from './insight.events';
import { assertAuthor, assertPosted, existingInsight, insightTextProblems } from './insight.rules';
import type { InsightState } from './insight.state';

export type ReviseInsight = Command<
  'ReviseInsight',
  { insightId: string; title: string; body: string; at: string },
  { visible: boolean }
>;

/** The author rewrites their insight; the event keeps the words before and after. */
export const reviseInsight = (command: ReviseInsight, state: InsightState): InsightRevised[] => {
  const { data, actor } = command;
  const insight = existingInsight(state, data.insightId, command.facts.visible);
  assertAuthor(actor, insight, 'revise it');
  rejectInvalid({ ...insightTextProblems(data), at: instantProblem(data.at) });
  assertPosted(insight, 'revise it');
  const title = clean(data.title);
  const body = clean(data.body);
  if (title === insight.title && body === insight.body) return [];
  return [
    {
      type: 'InsightRevised',
      data: {
        insightId: insight.insightId,
        objectiveId: insight.objectiveId,
        guildId: insight.guildId,
        title: { before: insight.title, after: title },
        body: { before: insight.body, after: body },
        revisedAt: utc(data.at),
      },
    },
  ];
};
