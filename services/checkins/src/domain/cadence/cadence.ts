import type { Problem } from '@rhythm/event-sourcing';
import { addDays, daysBetween, isTimeZone, isoWeekday, zonedInstant } from './local-time';

export const cadenceIntervals = [1, 2, 4] as const;

/**
 * A unit's expected rhythm: a check-in on every key result by `weekday` (ISO: Monday 1) at
 * `time` in `timeZone`, every 1, 2 or 4 weeks, counted from the first such day on or after
 * `startsOn`.
 */
export type Cadence = Readonly<{
  everyWeeks: (typeof cadenceIntervals)[number];
  weekday: number;
  time: string;
  timeZone: string;
  startsOn: string;
}>;

/** What a unit that has set nothing follows: weekly, Fridays at 17:00 in the organisation's zone. */
export const defaultCadence = (timeZone: string, startsOn: string): Cadence => ({
  everyWeeks: 1,
  weekday: 5,
  time: '17:00',
  timeZone,
  startsOn,
});

export const cadenceProblems = (cadence: Cadence): Record<string, Problem> => ({
  everyWeeks: (cadenceIntervals as readonly number[]).includes(cadence.everyWeeks)
    ? undefined
    : 'must be 1, 2 or 4',
  weekday:
    Number.isInteger(cadence.weekday) && cadence.weekday >= 1 && cadence.weekday <= 7
      ? undefined
      : 'must be 1 (Monday) to 7 (Sunday)',
  time: /^([01]\d|2[0-3]):[0-5]\d$/.test(cadence.time) ? undefined : 'must be HH:MM',
  timeZone: isTimeZone(cadence.timeZone) ? undefined : 'must be an IANA time zone',
  startsOn:
    /^\d{4}-\d{2}-\d{2}$/.test(cadence.startsOn) &&
    addDays(cadence.startsOn, 0) === cadence.startsOn
      ? undefined
      : 'must be a date (YYYY-MM-DD)',
});

export const sameCadence = (a: Cadence, b: Cadence): boolean =>
  a.everyWeeks === b.everyWeeks &&
  a.weekday === b.weekday &&
  a.time === b.time &&
  a.timeZone === b.timeZone &&
  a.startsOn === b.startsOn;

/** The first due day: the cadence's weekday on or after `startsOn`. */
const firstDueDate = (cadence: Cadence): string =>
  addDays(cadence.startsOn, (cadence.weekday - isoWeekday(cadence.startsOn) + 7) % 7);

/**
 * The due moments in (after, upTo], oldest first (instants in ms). Each is the wall-clock
 * `time` of its day in the cadence's zone, so it stays 17:00 in Amsterdam across summer time.
 */
export const dueMoments = (cadence: Cadence, after: number, upTo: number): number[] => {
  const first = firstDueDate(cadence);
  const step = 7 * cadence.everyWeeks;
  // Start a period before `after`'s date: a due moment later that day still counts.
  const fromDate = new Date(after).toISOString().slice(0, 10);
  let index = Math.max(0, Math.floor(daysBetween(first, fromDate) / step) - 1);
  const moments: number[] = [];
  for (;;) {
    const moment = zonedInstant(addDays(first, index * step), cadence.time, cadence.timeZone);
    if (moment > upTo) return moments;
    if (moment > after) moments.push(moment);
    index += 1;
  }
};

/** The first due moment after an instant (a cadence that starts later: its first one). */
export const nextDueMoment = (cadence: Cadence, after: number): number => {
  const from = Math.max(after, Date.parse(`${cadence.startsOn}T00:00:00Z`));
  const [next] = dueMoments(cadence, after, from + (7 * cadence.everyWeeks + 2) * 24 * 3600_000);
  if (next === undefined) throw new Error(`No due moment after ${new Date(after).toISOString()}`);
  return next;
};
