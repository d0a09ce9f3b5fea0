import { metrics } from '@rhythm/operability';

/**
 * When a projection runner following a busy store flushes the batch it gathers (ADR 0063).
 *
 * A flush costs about one write per document the batch changed, however many of its events
 * changed that document (ADR 0056 folds them). A runner that flushes every `maxFlushDelayMs`
 * while it is behind writes nearly one document per event and falls further behind; one that
 * gathers for as long as its last flush took spends at most about half its time flushing, and the
 * further behind it is, the more writes each flush folds. A runner that keeps up never waits on
 * this rule: its feed pauses and the idle flush goes first.
 */
export type BatchGathering = Readonly<{
  /** Events applied and not yet flushed. */
  pending: number;
  /** Since the first of them was applied. */
  gatheringMs: number;
  /** How long the previous flush took (0 before the first). */
  lastFlushMs: number;
  batchSize: number;
  maxFlushDelayMs: number;
}>;

/** Whether the batch is due: full, or gathered for the delay or the last flush, the longer. */
export const batchIsDue = ({
  pending,
  gatheringMs,
  lastFlushMs,
  batchSize,
  maxFlushDelayMs,
}: BatchGathering): boolean =>
  pending >= batchSize || gatheringMs >= Math.max(maxFlushDelayMs, lastFlushMs);

/** What operators see of the batches: how long flushes take and how many events each carries. */
export const batchMetrics = () => ({
  flushSeconds: metrics.histogram({
    name: 'rhythm_projection_flush_seconds',
    help: "Time a projection runner's flush of its store subscription's writes took",
    labelNames: ['projection'],
    buckets: [0.005, 0.025, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  }),
  flushEvents: metrics.histogram({
    name: 'rhythm_projection_flush_events',
    help: 'Events applied in one flush of a projection runner (larger while it is behind)',
    labelNames: ['projection'],
    buckets: [1, 10, 50, 200, 500, 1_000, 2_000, 5_000],
  }),
});
