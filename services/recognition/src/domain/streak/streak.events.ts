import type { Event } from '@rhythm/event-sourcing';

/**
 * A week in which the person checked in, counted once (stream `streak-<tenant>:<personId>`,
 * ADR 0046). `week` is the Monday (UTC) of the ISO week of the check-in.
 */
export type CheckInWeekCounted = Event<
  'CheckInWeekCounted',
  { personId: string; week: string; checkInId: string; countedAt: string }
>;

/**
 * A run of consecutive weeks with a check-in reached one of the organisation's milestones. Once
 * per milestone per run: `runStartedOn` (the run's first Monday) tells the runs apart.
 */
export type StreakMilestoneReached = Event<
  'StreakMilestoneReached',
  {
    personId: string;
    weeks: number;
    runStartedOn: string;
    reachedInWeek: string;
    reachedAt: string;
  }
>;

export type StreakEvent = CheckInWeekCounted | StreakMilestoneReached;
