import { assertNever } from '@rhythm/event-sourcing';
import type { InsightEvent } from './insight.events';

export type Insight = Readonly<{
  status: 'posted' | 'withdrawn';
  insightId: string;
  objectiveId: string;
  guildId: string;
  authorId: string;
  /** Empty once withdrawn: the tombstone takes the words out of every read. */
  title: string;
  body: string;
  postedAt: string;
  revisedAt?: string;
  withdrawnAt?: string;
}>;

export type InsightState = Readonly<{ status: 'none' }> | Insight;

export const initialInsight = (): InsightState => ({ status: 'none' });

export const evolveInsight = (state: InsightState, event: InsightEvent): InsightState => {
  if (event.type === 'InsightPosted') return { status: 'posted', ...event.data };
  if (state.status === 'none') return state;
  switch (event.type) {
    case 'InsightRevised':
      return {
        ...state,
        title: event.data.title.after,
        body: event.data.body.after,
        revisedAt: event.data.revisedAt,
      };
    case 'InsightWithdrawn':
      return {
        ...state,
        status: 'withdrawn',
        title: '',
        body: '',
        withdrawnAt: event.data.withdrawnAt,
      };
    default:
      return assertNever(event);
  }
};
