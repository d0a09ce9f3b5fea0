/** Durations in milliseconds, with nearest-rank percentiles. */
export class Latencies {
  private readonly values: number[] = [];

  add(ms: number): void {
    this.values.push(ms);
  }

  percentile(p: number): number {
    if (this.values.length === 0) return Number.NaN;
    const sorted = [...this.values].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length))) - 1];
  }
}

/** Milliseconds since a process.hrtime.bigint() reading. */
export const msSince = (startedAt: bigint): number =>
  Number(process.hrtime.bigint() - startedAt) / 1e6;
