import { Forbidden, ValidationFailed } from '@rhythm/event-sourcing';
// Specs only: the domain's own code depends on the kernel alone.
import { DeciderSpecification } from '@rhythm/testing';
import { bob, celebrations } from '../testing/people.fixtures';
import type { CountCheckInWeek } from './count-check-in-week.command';
import { streakDecider } from './streak.decider';
import type { CheckInWeekCounted, StreakEvent, StreakMilestoneReached } from './streak.events';
import { runAround, weekOf } from './streak.state';

const spec = DeciderSpecification.for(streakDecider);
const milestones = [2, 4];

/** A check-in by bob on the Wednesday of the week starting on the given Monday. */
const checkIn = (monday: string, checkInId = `ci-${monday}`, weeks = milestones) =>
  ({
    type: 'CountCheckInWeek',
    actor: celebrations,
    data: { personId: 'bob', checkInId, recordedAt: `${wednesday(monday)}T10:00:00.000Z` },
    facts: { streakMilestones: weeks },
  }) satisfies CountCheckInWeek;
const wednesday = (monday: string) =>
  new Date(Date.parse(`${monday}T00:00:00Z`) + 2 * 86_400_000).toISOString().slice(0, 10);

const counted = (monday: string, checkInId = `ci-${monday}`): CheckInWeekCounted => ({
  type: 'CheckInWeekCounted',
  data: {
    personId: 'bob',
    week: monday,
    checkInId,
    countedAt: `${wednesday(monday)}T10:00:00.000Z`,
  },
});
const reached = (weeks: number, runStartedOn: string, inWeek: string): StreakMilestoneReached => ({
  type: 'StreakMilestoneReached',
  data: {
    personId: 'bob',
    weeks,
    runStartedOn,
    reachedInWeek: inWeek,
    reachedAt: `${wednesday(inWeek)}T10:00:00.000Z`,
  },
});

describe('Check-in streaks', () => {
  it('take the Monday of the ISO week, in UTC, as the week', () => {
    expect(weekOf('2026-03-04T10:00:00.000Z')).toBe('2026-03-02'); // a Wednesday
    expect(weekOf('2026-03-08T23:59:59.999Z')).toBe('2026-03-02'); // the Sunday
    expect(weekOf('2026-03-09T00:00:00.000Z')).toBe('2026-03-09'); // the next Monday
    expect(weekOf('2026-01-01T08:00:00+01:00')).toBe('2025-12-29'); // across the year
  });

  it("count a person's week once: a second check-in that week, or the same again, adds nothing", () =>
    spec
      .given([counted('2026-03-02')])
      .when(checkIn('2026-03-02', 'another'))
      .then([]));

  it('record a milestone when the run of consecutive weeks reaches it', () =>
    spec
      .given([counted('2026-03-02')])
      .when(checkIn('2026-03-09'))
      .then([counted('2026-03-09'), reached(2, '2026-03-02', '2026-03-09')]));

  it('record a milestone once per run, and again for a new run after a gap', () => {
    const history: StreakEvent[] = [
      counted('2026-03-02'),
      counted('2026-03-09'),
      reached(2, '2026-03-02', '2026-03-09'),
    ];
    spec
      .given(history)
      .when(checkIn('2026-03-16'))
      .then([counted('2026-03-16')]);
    spec
      .given([...history, counted('2026-03-30')])
      .when(checkIn('2026-04-06'))
      .then([counted('2026-04-06'), reached(2, '2026-03-30', '2026-04-06')]);
  });

  it('keep a milestone reached when a late week joins two runs, and reach the longer one', () => {
    // Weeks 1–2 reached 2; weeks 4–5 reached 2; week 3 arrives late: one run of 5 weeks.
    const history: StreakEvent[] = [
      counted('2026-03-02'),
      counted('2026-03-09'),
      reached(2, '2026-03-02', '2026-03-09'),
      counted('2026-03-23'),
      counted('2026-03-30'),
      reached(2, '2026-03-23', '2026-03-30'),
    ];
    spec
      .given(history)
      .when(checkIn('2026-03-16'))
      .then([counted('2026-03-16'), reached(4, '2026-03-02', '2026-03-16')]);
  });

  it("only reach the organisation's milestones of the day", () =>
    spec
      .given([counted('2026-03-02')])
      .when(checkIn('2026-03-09', 'ci-2026-03-09', [4]))
      .then([counted('2026-03-09')]));

  it('are counted by the service only, from a valid check-in', () => {
    spec
      .given([])
      .when({ ...checkIn('2026-03-02'), actor: bob })
      .thenThrows(Forbidden);
    spec
      .given([])
      .when({
        ...checkIn('2026-03-02'),
        data: { ...checkIn('2026-03-02').data, recordedAt: 'soon' },
      })
      .thenThrows(ValidationFailed);
  });

  it('find the run around a week', () => {
    expect(runAround(['2026-03-02', '2026-03-09', '2026-03-23'], '2026-03-09')).toEqual({
      startedOn: '2026-03-02',
      endedOn: '2026-03-09',
      weeks: 2,
    });
  });
});
