import type { Decider } from '@rhythm/event-sourcing';
import type { CountCheckInWeek } from './count-check-in-week.command';
import { countCheckInWeek } from './count-check-in-week.command';
import type { StreakEvent } from './streak.events';
import type { Streak } from './streak.state';
import { evolveStreak, initialStreak } from './streak.state';

export type StreakCommand = CountCheckInWeek;

/**
 * Stream `streak-<tenant>:<personId>`: the weeks one person checked in, and the milestones
 * their runs reached (ADR 0046). Inside the service only: the celebration is what is published.
 */
export const streakDecider: Decider<StreakCommand, Streak, StreakEvent> = {
  decide: countCheckInWeek,
  evolve: evolveStreak,
  initialState: initialStreak,
};

/** A person id may hold a `.`, never a `:` (ADR 0026): `:` keeps two organisations apart. */
export const streakStream = (tenantId: string, personId: string): string =>
  `streak-${tenantId}:${personId}`;
