/** Durations in milliseconds, with nearest-rank percentiles. */
export class LatencySamples {
  private readonly values: number[] = [];
  private sorted = true;

  add(ms: number): void {
    this.values.push(ms);
    this.sorted = false;
  }

  get count(): number {
    return this.values.length;
  }

  percentile(p: number): number {
    if (this.values.length === 0) return Number.NaN;
    if (!this.sorted) {
      this.values.sort((a, b) => a - b);
      this.sorted = true;
    }
    const rank = Math.ceil((p / 100) * this.values.length);
    return this.values[Math.min(this.values.length, Math.max(1, rank)) - 1];
  }

  merge(other: LatencySamples): this {
    for (const value of other.values) this.add(value);
    return this;
  }
}

/** Samples per label (a command, a query), in first-seen order. */
export class LatencyTable {
  readonly rows = new Map<string, LatencySamples>();

  add(label: string, ms: number): void {
    let samples = this.rows.get(label);
    if (samples === undefined) {
      samples = new LatencySamples();
      this.rows.set(label, samples);
    }
    samples.add(ms);
  }

  all(): LatencySamples {
    const merged = new LatencySamples();
    for (const samples of this.rows.values()) merged.merge(samples);
    return merged;
  }
}

/** Milliseconds since a process.hrtime.bigint() reading. */
export const msSince = (startedAt: bigint): number =>
  Number(process.hrtime.bigint() - startedAt) / 1e6;
