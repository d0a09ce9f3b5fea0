import { Forbidden, identifierProblem, rejectInvalid } from '@rhythm/event-sourcing';
import { isSystem } from '../actor';
import type { Command } from '../command';
import { instantProblem, utc } from '../input-rules';
import type { CheckInWeekCounted, StreakMilestoneReached } from './streak.events';
import type { Streak } from './streak.state';
import { reachedIn, runAround, weekOf } from './streak.state';

export type CountCheckInWeek = Command<
  'CountCheckInWeek',
  { personId: string; checkInId: string; recordedAt: string },
  { streakMilestones: readonly number[] }
>;

/**
 * A check-in (checkins.check-in-recorded) counts its author's week once; the run of consecutive
 * weeks around it reaching a milestone of the day is recorded once per run (ADR 0046). Check-ins
 * of different key results arrive in any order: a late week may join two runs into one, and a
 * milestone either of them reached stays reached by the joined run. A redelivered or replayed
 * check-in finds its week counted and decides nothing.
 */
export const countCheckInWeek = (
  command: CountCheckInWeek,
  state: Streak,
): (CheckInWeekCounted | StreakMilestoneReached)[] => {
  const { data, actor, facts } = command;
  if (!isSystem(actor)) {
    throw new Forbidden('Check-in streaks are counted from the checkins topic, by the service');
  }
  rejectInvalid({
    personId: identifierProblem(data.personId),
    checkInId: identifierProblem(data.checkInId),
    recordedAt: instantProblem(data.recordedAt),
  });
  const week = weekOf(data.recordedAt);
  if (state.weeks.includes(week)) return [];
  const counted: CheckInWeekCounted = {
    type: 'CheckInWeekCounted',
    data: {
      personId: data.personId,
      week,
      checkInId: data.checkInId,
      countedAt: utc(data.recordedAt),
    },
  };
  const weeks = [...state.weeks, week];
  const run = runAround(weeks, week);
  const reached = [...new Set(facts.streakMilestones)]
    .filter((milestone) => milestone <= run.weeks && !reachedIn(state, run, milestone))
    .sort((a, b) => a - b)
    .map((milestone): StreakMilestoneReached => ({
      type: 'StreakMilestoneReached',
      data: {
        personId: data.personId,
        weeks: milestone,
        runStartedOn: run.startedOn,
        reachedInWeek: week,
        reachedAt: utc(data.recordedAt),
      },
    }));
  return [counted, ...reached];
};
