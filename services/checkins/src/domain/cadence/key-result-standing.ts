import type { Cadence } from './cadence';
import { dueMoments, nextDueMoment } from './cadence';
import { addWorkingDays } from './local-time';

/** A span the owner is out of office: [from, until). */
export type OutOfOffice = Readonly<{ from: string; until: string }>;

/** What the cadence needs to know of one key result: its owner's check-ins and absences. */
export type KeyResultRhythm = Readonly<{
  /** When it began to follow the cadence (activated, or owned by this person): no earlier due. */
  since: string;
  /** When its owner checked in (any order). */
  checkIns: readonly string[];
  outOfOffice: readonly OutOfOffice[];
}>;

export const escalationLevels = ['lead', 'next-lead'] as const;
export type EscalationLevel = (typeof escalationLevels)[number];

/** Working days after the missed due moment at which each level is owed. */
const escalationAfterWorkingDays: Readonly<Record<EscalationLevel, number>> = {
  lead: 2,
  'next-lead': 4,
};

export type KeyResultStanding =
  | Readonly<{ status: 'paused' }>
  | Readonly<{ status: 'due' | 'checked-in'; dueAt: string }>
  | Readonly<{ status: 'overdue'; dueAt: string; escalationsOwed: readonly EscalationLevel[] }>;

const isOut = (absences: readonly OutOfOffice[], instant: number): boolean =>
  absences.some(({ from, until }) => Date.parse(from) <= instant && instant < Date.parse(until));

const checkedInWithin = (checkIns: readonly number[], after: number, upTo: number): boolean =>
  checkIns.some((at) => at > after && at <= upTo);

/** The due moments in (since, now] with the one before each: a check-in in (previous, due] is on time. */
const periods = (cadence: Cadence, rhythm: KeyResultRhythm, now: number) => {
  const since = Date.parse(rhythm.since);
  const moments = dueMoments(cadence, since, now);
  return moments.map((dueAt, i) => ({
    opensAfter: i === 0 ? since : moments[i - 1],
    dueAt,
    paused: isOut(rhythm.outOfOffice, dueAt),
  }));
};

/**
 * Where one key result stands at `now`. It is overdue when the last due moment its owner was
 * not out of office passed without a check-in in its period, and none came since; the lead is
 * owed a word two working days after that moment, the next lead up four. A due moment that
 * falls while the owner is out does not count at all, and nothing is owed while they are out.
 */
export const keyResultStanding = (
  cadence: Cadence,
  rhythm: KeyResultRhythm,
  nowIso: string,
): KeyResultStanding => {
  const now = Date.parse(nowIso);
  if (isOut(rhythm.outOfOffice, now)) return { status: 'paused' };
  const checkIns = rhythm.checkIns.map((at) => Date.parse(at));
  const next = new Date(nextDueMoment(cadence, now)).toISOString();
  const last = periods(cadence, rhythm, now)
    .filter((period) => !period.paused)
    .at(-1);
  if (last === undefined) {
    return {
      status: checkedInWithin(checkIns, Date.parse(rhythm.since), now) ? 'checked-in' : 'due',
      dueAt: next,
    };
  }
  if (checkedInWithin(checkIns, last.dueAt, now)) return { status: 'checked-in', dueAt: next };
  if (checkedInWithin(checkIns, last.opensAfter, last.dueAt)) return { status: 'due', dueAt: next };
  return {
    status: 'overdue',
    dueAt: new Date(last.dueAt).toISOString(),
    escalationsOwed: escalationLevels.filter(
      (level) =>
        addWorkingDays(last.dueAt, escalationAfterWorkingDays[level], cadence.timeZone) <= now,
    ),
  };
};

/**
 * On-time periods in a row, counted back from the last due moment that passed. A period while the
 * owner was out of office neither counts nor breaks the streak; a late check-in does not make a
 * missed period on time.
 */
export const checkInStreak = (
  cadence: Cadence,
  rhythm: KeyResultRhythm,
  nowIso: string,
): number => {
  const checkIns = rhythm.checkIns.map((at) => Date.parse(at));
  let streak = 0;
  for (const period of periods(cadence, rhythm, Date.parse(nowIso)).reverse()) {
    if (period.paused) continue;
    if (!checkedInWithin(checkIns, period.opensAfter, period.dueAt)) break;
    streak += 1;
  }
  return streak;
};
