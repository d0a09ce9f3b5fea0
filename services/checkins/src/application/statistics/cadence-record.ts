import { dueMoments, type Cadence, type OutOfOffice } from '../../checkins-domain';

/** A cadence in force from `from` (ms) until the next one; the first entry's `from` is ignored. */
export type CadenceSpan = Readonly<{ cadence: Cadence; from: number }>;

/** One key result's life under a cadence, as the statistics see it as of a date. */
export type KeyResultLife = Readonly<{
  /** When its owner began to owe check-ins (activation, or a change of owner), in ms. */
  since: number;
  /** When it stopped owing them (dropped, or scored at the cycle's close), in ms. */
  until?: number;
  /** Its check-ins, any order (ms). */
  checkIns: readonly number[];
  outOfOffice?: readonly OutOfOffice[];
}>;

/** A due moment and whether a check-in came in its period. */
export type DueMomentKept = Readonly<{ dueAt: number; met: boolean }>;

/** The due moments of a cadence history in (after, upTo], each by the cadence in force then. */
const momentsOf = (history: readonly CadenceSpan[], after: number, upTo: number): number[] =>
  history.flatMap((span, i) => {
    const from = i === 0 ? after : Math.max(after, span.from);
    const next = history[i + 1];
    const to = next === undefined ? upTo : Math.min(upTo, next.from);
    return from < to ? dueMoments(span.cadence, from, to) : [];
  });

/**
 * The due moments a key result owed up to `asOf`, oldest first, with checkInStreak's semantics:
 * a check-in in (previous due moment, due moment] meets it (the first period opens at `since`);
 * a due moment while the owner was out of office is left out (neither met nor missed).
 */
export const dueMomentsKept = (
  history: readonly CadenceSpan[],
  life: KeyResultLife,
  asOf: number,
): DueMomentKept[] => {
  const upTo = Math.min(asOf, life.until ?? asOf);
  const moments = momentsOf(history, life.since, upTo);
  const absences = life.outOfOffice ?? [];
  const isOut = (at: number) =>
    absences.some(({ from, until }) => Date.parse(from) <= at && at < Date.parse(until));
  return moments.flatMap((dueAt, i) => {
    if (isOut(dueAt)) return [];
    const opensAfter = i === 0 ? life.since : moments[i - 1];
    const met = life.checkIns.some((at) => at > opensAfter && at <= dueAt);
    return [{ dueAt, met }];
  });
};

/**
 * On-time periods in a row, counted back from the last due moment: due moments of several key
 * results are grouped by instant, and a period counts only when every key result due then was
 * checked in on time. One key result's streak is checkInStreak's.
 */
export const streakOf = (kept: readonly (readonly DueMomentKept[])[]): number => {
  const periods = new Map<number, boolean>();
  for (const moment of kept.flat()) {
    periods.set(moment.dueAt, (periods.get(moment.dueAt) ?? true) && moment.met);
  }
  let streak = 0;
  for (const dueAt of [...periods.keys()].sort((a, b) => b - a)) {
    if (!periods.get(dueAt)) break;
    streak += 1;
  }
  return streak;
};

export type CadenceHealth = Readonly<{
  /** Due moments met on time / due moments owed; null when none was owed. */
  share: number | null;
  met: number;
  owed: number;
}>;

/** The share of due moments in (after, …] that were met on time, over all key results. */
export const cadenceHealthOf = (
  kept: readonly (readonly DueMomentKept[])[],
  after: number,
): CadenceHealth => {
  const inWindow = kept.flat().filter((moment) => moment.dueAt > after);
  const met = inWindow.filter((moment) => moment.met).length;
  return {
    share: inWindow.length === 0 ? null : met / inWindow.length,
    met,
    owed: inWindow.length,
  };
};
