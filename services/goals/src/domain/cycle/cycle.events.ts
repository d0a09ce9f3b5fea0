import type { Event } from '@rhythm/event-sourcing';
import type { Change } from '../change';
import type { ScoringRule } from '../scoring/scoring-rule';

/** Dates of a cycle are calendar days, `YYYY-MM-DD`; the cycle runs from start to end inclusive. */
export type CyclePlanned = Event<
  'CyclePlanned',
  { cycleId: string; name: string; startsOn: string; endsOn: string; scoringRule: ScoringRule }
>;

export type CycleRescheduled = Event<
  'CycleRescheduled',
  { cycleId: string; startsOn: Change<string>; endsOn: Change<string>; reason?: string }
>;

export type CycleScoringRuleChanged = Event<
  'CycleScoringRuleChanged',
  { cycleId: string; scoringRule: Change<ScoringRule>; reason?: string }
>;

export type CycleActivated = Event<'CycleActivated', { cycleId: string }>;

export type CycleReviewStarted = Event<'CycleReviewStarted', { cycleId: string }>;

/** Back from review to active: the only step back in the lifecycle, and it needs a reason. */
export type CycleReopened = Event<'CycleReopened', { cycleId: string; reason: string }>;

/** Final. The rule is the one the cycle's objectives are scored by. */
export type CycleClosed = Event<'CycleClosed', { cycleId: string; scoringRule: ScoringRule }>;

export type CycleEvent =
  | CyclePlanned
  | CycleRescheduled
  | CycleScoringRuleChanged
  | CycleActivated
  | CycleReviewStarted
  | CycleReopened
  | CycleClosed;

const cycleEventTypeSet: Readonly<Record<CycleEvent['type'], true>> = {
  CyclePlanned: true,
  CycleRescheduled: true,
  CycleScoringRuleChanged: true,
  CycleActivated: true,
  CycleReviewStarted: true,
  CycleReopened: true,
  CycleClosed: true,
};

export const isCycleEvent = <E extends Event>(event: E): event is E & CycleEvent =>
  Object.hasOwn(cycleEventTypeSet, event.type);
