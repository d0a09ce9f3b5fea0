/** A key result counts as achieved when goals scored it at least this (the OKR "0.7 is success"). */
export const achievedFromScore = 0.7;

export const cyclePhases = ['early', 'mid', 'late'] as const;
export type CyclePhase = (typeof cyclePhases)[number];

/** One check-in's confidence, set against what became of its key result. */
export type Forecast = Readonly<{
  /** 0–10, read as the probability confidence / 10 that the key result will be achieved. */
  confidence: number;
  recordedAt: number;
  /** The key result's final score (0–1) at the cycle's close. */
  finalScore: number;
  /** When the key result began (its objective's activation) and when it was scored, in ms. */
  startedAt: number;
  scoredAt: number;
}>;

export type Calibration = Readonly<{
  /** Mean of (confidence / 10 − outcome)²: 0 is perfect, 0.25 is always saying 5; null: none. */
  brierScore: number | null;
  checkIns: number;
  /** Mean confidence / 10 and share of these check-ins whose key result was achieved. */
  meanForecast: number | null;
  achievedShare: number | null;
}>;

/** A check-in's confidence as it read at `asOf`: as recorded, or its last correction by then. */
export const confidenceAsOf = (
  checkIn: Readonly<{
    confidence: number;
    corrections: readonly Readonly<{ confidence: number; at: string }>[];
  }>,
  asOf: string,
): number =>
  checkIn.corrections
    .filter((correction) => correction.at <= asOf)
    .reduce((_, correction) => correction.confidence, checkIn.confidence);

export const outcomeOf = (finalScore: number): 0 | 1 => (finalScore >= achievedFromScore ? 1 : 0);

/** Early, mid or late: the third of the key result's life (activation → score) it fell in. */
export const phaseOf = (forecast: Forecast): CyclePhase => {
  const span = forecast.scoredAt - forecast.startedAt;
  const at = span <= 0 ? 1 : (forecast.recordedAt - forecast.startedAt) / span;
  return at < 1 / 3 ? 'early' : at < 2 / 3 ? 'mid' : 'late';
};

const mean = (values: readonly number[]) =>
  values.length === 0 ? null : values.reduce((sum, value) => sum + value, 0) / values.length;

/** The Brier score of these forecasts against the binary outcome of their key results. */
export const calibrationOf = (forecasts: readonly Forecast[]): Calibration => ({
  brierScore: mean(
    forecasts.map(({ confidence, finalScore }) => (confidence / 10 - outcomeOf(finalScore)) ** 2),
  ),
  checkIns: forecasts.length,
  meanForecast: mean(forecasts.map(({ confidence }) => confidence / 10)),
  achievedShare: mean(forecasts.map(({ finalScore }) => outcomeOf(finalScore))),
});

/** The calibration overall and by phase of the cycle (how early a good forecast came). */
export const calibrationByPhase = (forecasts: readonly Forecast[]) => ({
  ...calibrationOf(forecasts),
  byPhase: Object.fromEntries(
    cyclePhases.map((phase) => [
      phase,
      calibrationOf(forecasts.filter((forecast) => phaseOf(forecast) === phase)),
    ]),
  ) as Record<CyclePhase, Calibration>,
});
