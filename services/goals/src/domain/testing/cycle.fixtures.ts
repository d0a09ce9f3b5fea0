import type {
  CycleActivated,
  CycleClosed,
  CyclePlanned,
  CycleReviewStarted,
} from '../cycle/cycle.events';
import { linearRule } from '../scoring/scoring-rule';

export const cycleId = 'q1-2026';

export const cyclePlanned: CyclePlanned = {
  type: 'CyclePlanned',
  data: {
    cycleId,
    name: 'Q1 2026',
    startsOn: '2026-01-01',
    endsOn: '2026-03-31',
    scoringRule: linearRule,
  },
};
export const cycleActivated: CycleActivated = { type: 'CycleActivated', data: { cycleId } };
export const cycleReviewStarted: CycleReviewStarted = {
  type: 'CycleReviewStarted',
  data: { cycleId },
};
export const cycleClosed: CycleClosed = {
  type: 'CycleClosed',
  data: { cycleId, scoringRule: linearRule },
};
