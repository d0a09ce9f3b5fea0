/**
 * The nearest-rank percentile: the smallest value with at least p % of the values at or below
 * it. A value that occurred, never an interpolation between two; null for no values.
 */
export const percentile = (values: readonly number[], p: number): number | null => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1];
};

export type Durations = Readonly<{
  /** How many of them ended as of the date: the figures below are of these. */
  count: number;
  /** Still waiting as of the date: not in the figures, said so a slow answer is not hidden. */
  pending: number;
  p50Ms: number | null;
  p90Ms: number | null;
}>;

/** p50 and p90 of the durations that ended, with how many are still pending. */
export const durationsOf = (ended: readonly number[], pending: number): Durations => ({
  count: ended.length,
  pending,
  p50Ms: percentile(ended, 50),
  p90Ms: percentile(ended, 90),
});
