import { assertNever } from '@rhythm/event-sourcing';
import type { ScoringRule } from '../scoring/scoring-rule';
import type { CycleEvent } from './cycle.events';

/** planning → active → review → closed; review may go back to active once reopened (ADR 0020). */
export type CycleStatus = 'planning' | 'active' | 'review' | 'closed';

/**
 * What a goal command knows about its cycle: the cycle's status, or 'none' when there is no such
 * cycle. The application folds the cycle's stream and passes `state.status`.
 */
export type CycleStanding = CycleStatus | 'none';

export type Cycle = Readonly<{
  status: CycleStatus;
  cycleId: string;
  name: string;
  startsOn: string;
  endsOn: string;
  scoringRule: ScoringRule;
  /** How often review went back to active. */
  reopenings: number;
}>;

export type CycleState = Readonly<{ status: 'none' }> | Cycle;

export const initialCycleState = (): CycleState => ({ status: 'none' });

export const evolveCycle = (state: CycleState, event: CycleEvent): CycleState => {
  if (event.type === 'CyclePlanned') {
    return { status: 'planning', ...event.data, reopenings: 0 };
  }
  if (state.status === 'none') return state;
  switch (event.type) {
    case 'CycleRescheduled':
      return { ...state, startsOn: event.data.startsOn.after, endsOn: event.data.endsOn.after };
    case 'CycleScoringRuleChanged':
      return { ...state, scoringRule: event.data.scoringRule.after };
    case 'CycleActivated':
      return { ...state, status: 'active' };
    case 'CycleReviewStarted':
      return { ...state, status: 'review' };
    case 'CycleReopened':
      return { ...state, status: 'active', reopenings: state.reopenings + 1 };
    case 'CycleClosed':
      return { ...state, status: 'closed', scoringRule: event.data.scoringRule };
    default:
      return assertNever(event);
  }
};
