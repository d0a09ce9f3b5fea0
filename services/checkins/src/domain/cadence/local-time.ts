/**
 * Wall-clock time in a named time zone, from the platform's own time-zone database (Intl): no
 * clock is read here, every instant comes in. Dates are `YYYY-MM-DD`, times `HH:MM`, instants
 * milliseconds since the epoch.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

const formatterFor = (timeZone: string): Intl.DateTimeFormat => {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
};

export const isTimeZone = (timeZone: string): boolean => {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
};

type WallClock = Readonly<{ date: string; time: string; utcWall: number }>;

const wallClock = (instant: number, timeZone: string): WallClock => {
  const part = Object.fromEntries(
    formatterFor(timeZone)
      .formatToParts(new Date(instant))
      .map((p) => [p.type, p.value]),
  );
  const [year, month, day, hour, minute, second] = [
    'year',
    'month',
    'day',
    'hour',
    'minute',
    'second',
  ].map((type) => Number(part[type]));
  return {
    date: `${part.year}-${part.month}-${part.day}`,
    time: `${part.hour}:${part.minute}`,
    utcWall: Date.UTC(year, month - 1, day, hour, minute, second),
  };
};

/** How far the zone's clock is ahead of UTC at that instant. */
const offsetAt = (instant: number, timeZone: string): number =>
  wallClock(instant, timeZone).utcWall - Math.floor(instant / 1000) * 1000;

/**
 * The instant the zone's clocks show `date time`. A time skipped by a change to summer time
 * (02:30 on the last Sunday of March in Amsterdam) is the moment after the gap, 03:30; a time
 * shown twice in autumn is its second showing: either way the due moment exists exactly once.
 */
export const zonedInstant = (date: string, time: string, timeZone: string): number => {
  const [year, month, day] = date.split('-').map(Number);
  const [hour, minute] = time.split(':').map(Number);
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  const first = offsetAt(wall, timeZone);
  const guess = wall - first;
  const second = offsetAt(guess, timeZone);
  return second === first ? guess : wall - second;
};

export const localDate = (instant: number, timeZone: string): string =>
  wallClock(instant, timeZone).date;

export const localTime = (instant: number, timeZone: string): string =>
  wallClock(instant, timeZone).time;

const dayMs = 24 * 3600_000;

export const addDays = (date: string, days: number): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * dayMs).toISOString().slice(0, 10);

export const daysBetween = (from: string, to: string): number =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / dayMs);

/** ISO weekday: Monday 1 … Sunday 7. */
export const isoWeekday = (date: string): number => {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
};

/**
 * `days` working days (Monday to Friday in the zone) after an instant, at the same wall-clock
 * time. Public holidays are not known here.
 */
export const addWorkingDays = (instant: number, days: number, timeZone: string): number => {
  let date = localDate(instant, timeZone);
  for (let left = days; left > 0;) {
    date = addDays(date, 1);
    if (isoWeekday(date) <= 5) left -= 1;
  }
  return zonedInstant(date, localTime(instant, timeZone), timeZone);
};
