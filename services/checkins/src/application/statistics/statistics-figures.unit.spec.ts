import {
  checkInStreak,
  defaultCadence,
  dueMoments,
  type Cadence,
  type KeyResultRhythm,
} from '../../checkins-domain';
import { cadenceHealthOf, dueMomentsKept, streakOf, type CadenceSpan } from './cadence-record';
import {
  calibrationByPhase,
  calibrationOf,
  confidenceAsOf,
  outcomeOf,
  phaseOf,
  type Forecast,
} from './confidence-calibration';
import { durationsOf, percentile } from './percentile';

const hour = 3600_000;
const day = 24 * hour;
const at = (iso: string) => Date.parse(iso);
const weekly: Cadence = defaultCadence('UTC', '2026-01-05');
const history: CadenceSpan[] = [{ cadence: weekly, from: 0 }];
// Fridays 17:00 UTC: 9, 16, 23, 30 January 2026.
const fridays = dueMoments(weekly, at('2026-01-05T00:00:00Z'), at('2026-01-31T00:00:00Z'));

describe('percentiles (nearest rank)', () => {
  it('takes a value that occurred: the smallest with p % at or below it', () => {
    const values = [40, 10, 30, 20, 50, 60, 70, 80, 90, 100];
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 90)).toBe(90);
    expect(percentile([7], 90)).toBe(7);
    expect(percentile([3, 1], 50)).toBe(1);
    expect(percentile([3, 1], 90)).toBe(3);
    expect(percentile([], 50)).toBeNull();
  });

  it('reports the pending ones beside the figures of those that ended', () => {
    expect(durationsOf([4 * hour, hour, 2 * hour], 2)).toEqual({
      count: 3,
      pending: 2,
      p50Ms: 2 * hour,
      p90Ms: 4 * hour,
    });
  });
});

describe('confidence calibration (Brier score)', () => {
  const forecast = (
    confidence: number,
    finalScore: number,
    recordedAt = '2026-02-01',
  ): Forecast => ({
    confidence,
    finalScore,
    recordedAt: at(`${recordedAt}T12:00:00Z`),
    startedAt: at('2026-01-01T00:00:00Z'),
    scoredAt: at('2026-04-01T00:00:00Z'),
  });

  it('reads a score of 0.7 or more as achieved', () => {
    expect(outcomeOf(0.7)).toBe(1);
    expect(outcomeOf(0.69)).toBe(0);
    expect(outcomeOf(1)).toBe(1);
  });

  it('is the mean of (confidence / 10 − outcome)²', () => {
    // (0.8 − 1)² = 0.04, (0.3 − 0)² = 0.09, (0.5 − 1)² = 0.25: mean 0.38 / 3.
    const calibration = calibrationOf([forecast(8, 0.9), forecast(3, 0.2), forecast(5, 0.7)]);
    expect(calibration.brierScore).toBeCloseTo(0.38 / 3);
    expect(calibration.checkIns).toBe(3);
    expect(calibration.meanForecast).toBeCloseTo(16 / 30);
    expect(calibration.achievedShare).toBeCloseTo(2 / 3);
    expect(calibrationOf([forecast(10, 1), forecast(0, 0.1)]).brierScore).toBe(0);
    expect(calibrationOf([forecast(10, 0.1)]).brierScore).toBe(1);
    expect(calibrationOf([]).brierScore).toBeNull();
  });

  it('splits the check-ins by the third of the key result’s life they fell in', () => {
    expect(phaseOf(forecast(5, 1, '2026-01-15'))).toBe('early');
    expect(phaseOf(forecast(5, 1, '2026-02-15'))).toBe('mid');
    expect(phaseOf(forecast(5, 1, '2026-03-20'))).toBe('late');
    const byPhase = calibrationByPhase([
      forecast(2, 1, '2026-01-10'),
      forecast(9, 1, '2026-03-25'),
    ]);
    expect(byPhase.byPhase.early.brierScore).toBeCloseTo(0.64);
    expect(byPhase.byPhase.mid).toMatchObject({ brierScore: null, checkIns: 0 });
    expect(byPhase.byPhase.late.brierScore).toBeCloseTo(0.01);
    expect(byPhase.brierScore).toBeCloseTo(0.325);
  });

  it('takes the confidence as it read then: corrections made after the date do not count yet', () => {
    const checkIn = {
      confidence: 8,
      corrections: [
        { confidence: 6, at: '2026-02-02T10:00:00.000Z' },
        { confidence: 4, at: '2026-02-05T10:00:00.000Z' },
      ],
    };
    expect(confidenceAsOf(checkIn, '2026-02-01T00:00:00.000Z')).toBe(8);
    expect(confidenceAsOf(checkIn, '2026-02-03T00:00:00.000Z')).toBe(6);
    expect(confidenceAsOf(checkIn, '2026-03-01T00:00:00.000Z')).toBe(4);
  });
});

describe('due moments kept, streaks and cadence health', () => {
  const since = at('2026-01-05T09:00:00Z');
  // On time for the 9th and the 16th, nothing by the 23rd, a late one on the 24th, on time the 30th.
  const checkIns = [
    at('2026-01-08T10:00:00Z'),
    at('2026-01-16T16:59:00Z'),
    at('2026-01-24T10:00:00Z'),
    at('2026-01-29T10:00:00Z'),
  ];

  it('meets a due moment with a check-in in its period, as checkInStreak does', () => {
    const kept = dueMomentsKept(history, { since, checkIns }, at('2026-01-31T00:00:00Z'));
    expect(kept).toEqual([
      { dueAt: fridays[0], met: true },
      { dueAt: fridays[1], met: true },
      { dueAt: fridays[2], met: false },
      { dueAt: fridays[3], met: true },
    ]);
    const rhythm: KeyResultRhythm = {
      since: new Date(since).toISOString(),
      checkIns: checkIns.map((t) => new Date(t).toISOString()),
      outOfOffice: [],
    };
    for (const asOf of ['2026-01-17T00:00:00Z', '2026-01-24T00:00:00Z', '2026-01-31T00:00:00Z']) {
      const kept = dueMomentsKept(history, { since, checkIns }, at(asOf));
      expect(streakOf([kept])).toBe(checkInStreak(weekly, rhythm, asOf));
    }
  });

  it('knows only what had happened by the date asked', () => {
    const asOf = at('2026-01-20T00:00:00Z');
    const kept = dueMomentsKept(
      history,
      { since, checkIns: checkIns.filter((t) => t <= asOf) },
      asOf,
    );
    expect(kept.map((moment) => moment.met)).toEqual([true, true]);
    expect(streakOf([kept])).toBe(2);
  });

  it('owes nothing after the key result was dropped or scored, nor while its owner was away', () => {
    const until = at('2026-01-20T00:00:00Z');
    expect(
      dueMomentsKept(history, { since, until, checkIns }, at('2026-01-31T00:00:00Z')),
    ).toHaveLength(2);
    const away = dueMomentsKept(
      history,
      {
        since,
        checkIns,
        outOfOffice: [{ from: '2026-01-19T00:00:00Z', until: '2026-01-26T00:00:00Z' }],
      },
      at('2026-01-31T00:00:00Z'),
    );
    expect(away.map((moment) => moment.dueAt)).toEqual([fridays[0], fridays[1], fridays[3]]);
    expect(streakOf([away])).toBe(3);
  });

  it('follows each cadence from the moment it was set', () => {
    const biweeklyFromThe20th: CadenceSpan[] = [
      ...history,
      {
        cadence: { ...weekly, everyWeeks: 2, startsOn: '2026-01-19' },
        from: at('2026-01-20T00:00:00Z'),
      },
    ];
    const kept = dueMomentsKept(
      biweeklyFromThe20th,
      { since, checkIns: [] },
      at('2026-02-07T00:00:00Z'),
    );
    // Weekly until the 20th (9th, 16th), then every two weeks from Friday the 23rd (23rd, 6 Feb).
    expect(kept.map((moment) => new Date(moment.dueAt).toISOString().slice(0, 10))).toEqual([
      '2026-01-09',
      '2026-01-16',
      '2026-01-23',
      '2026-02-06',
    ]);
  });

  it('counts a period of a unit or person only when every key result due then was met', () => {
    const one = [
      { dueAt: 1, met: true },
      { dueAt: 2, met: true },
      { dueAt: 3, met: true },
    ];
    const other = [
      { dueAt: 1, met: false },
      { dueAt: 2, met: true },
      { dueAt: 3, met: true },
    ];
    // A key result that began later does not break the others' streak.
    const newer = [{ dueAt: 3, met: true }];
    expect(streakOf([one, other, newer])).toBe(2);
    expect(streakOf([one, newer])).toBe(3);
    expect(streakOf([one, [{ dueAt: 3, met: false }]])).toBe(0);
    expect(streakOf([])).toBe(0);
  });

  it('shares met over owed within the window', () => {
    const kept = [
      [
        { dueAt: 1 * day, met: false },
        { dueAt: 2 * day, met: true },
        { dueAt: 3 * day, met: false },
      ],
      [{ dueAt: 3 * day, met: true }],
    ];
    expect(cadenceHealthOf(kept, 1.5 * day)).toEqual({ share: 2 / 3, met: 2, owed: 3 });
    expect(cadenceHealthOf(kept, 0)).toEqual({ share: 0.5, met: 2, owed: 4 });
    expect(cadenceHealthOf(kept, 10 * day)).toEqual({ share: null, met: 0, owed: 0 });
  });
});
