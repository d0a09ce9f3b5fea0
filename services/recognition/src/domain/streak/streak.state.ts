import { assertNever } from '@rhythm/event-sourcing';
import type { StreakEvent } from './streak.events';

export type ReachedMilestone = Readonly<{ weeks: number; runStartedOn: string; reachedAt: string }>;

/** The weeks a person checked in (Mondays, ascending) and the milestones their runs reached. */
export type Streak = Readonly<{
  weeks: readonly string[];
  reached: readonly ReachedMilestone[];
}>;

export const initialStreak = (): Streak => ({ weeks: [], reached: [] });

export const evolveStreak = (state: Streak, event: StreakEvent): Streak => {
  switch (event.type) {
    case 'CheckInWeekCounted':
      return { ...state, weeks: [...state.weeks, event.data.week].sort() };
    case 'StreakMilestoneReached':
      return {
        ...state,
        reached: [
          ...state.reached,
          {
            weeks: event.data.weeks,
            runStartedOn: event.data.runStartedOn,
            reachedAt: event.data.reachedAt,
          },
        ],
      };
    default:
      return assertNever(event);
  }
};

const dayMs = 86_400_000;

/** The Monday (UTC) of the ISO week an instant falls in, as YYYY-MM-DD. */
export const weekOf = (at: string): string => {
  const date = new Date(at);
  const sinceMonday = (date.getUTCDay() + 6) % 7;
  const monday = new Date(
    Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()) - sinceMonday * dayMs,
  );
  return monday.toISOString().slice(0, 10);
};

const weekAfter = (monday: string, n: number): string =>
  new Date(Date.parse(`${monday}T00:00:00.000Z`) + n * 7 * dayMs).toISOString().slice(0, 10);

export type Run = Readonly<{ startedOn: string; endedOn: string; weeks: number }>;

/** The run of consecutive weeks with a check-in that holds `week` (which must be counted). */
export const runAround = (weeks: readonly string[], week: string): Run => {
  const counted = new Set(weeks);
  let startedOn = week;
  while (counted.has(weekAfter(startedOn, -1))) startedOn = weekAfter(startedOn, -1);
  let endedOn = week;
  while (counted.has(weekAfter(endedOn, 1))) endedOn = weekAfter(endedOn, 1);
  const length = Math.round((Date.parse(endedOn) - Date.parse(startedOn)) / (7 * dayMs)) + 1;
  return { startedOn, endedOn, weeks: length };
};

/** The milestones reached by runs that are now part of `run`. */
export const reachedWithin = (state: Streak, run: Run): ReachedMilestone[] =>
  state.reached.filter(
    (milestone) => milestone.runStartedOn >= run.startedOn && milestone.runStartedOn <= run.endedOn,
  );

/** Whether a milestone was already reached by a run that is now part of `run`. */
export const reachedIn = (state: Streak, run: Run, weeks: number): boolean =>
  reachedWithin(state, run).some((milestone) => milestone.weeks === weeks);
