/** A request rate: `perSecond` on average, up to `burst` at once. */
export type RateLimit = Readonly<{ perSecond: number; burst: number }>;

type Bucket = { tokens: number; at: number };

const monotonicSeconds = () => performance.now() / 1000;

/**
 * One token bucket per key (a tenant, a client address): `burst` tokens, refilled at `perSecond`;
 * each request takes one. A bucket that has refilled is the same as none, so buckets are dropped
 * when there are more than `maxKeys` (full ones first, then the oldest): memory stays bounded
 * whatever keys arrive.
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly limit: RateLimit,
    private readonly clock: () => number = monotonicSeconds,
    private readonly maxKeys = 100_000,
  ) {}

  /** Takes a token for `key`: 0 when there was one, else the whole seconds until there is. */
  take(key: string): number {
    const bucket = this.refilled(key);
    if (bucket.tokens < 1) return this.secondsUntilToken(bucket);
    bucket.tokens -= 1;
    return 0;
  }

  /** Like take, without taking: 0 when `key` has a token. */
  wait(key: string): number {
    const bucket = this.buckets.get(key);
    return bucket ? this.secondsUntilToken(this.refilled(key)) : 0;
  }

  /** How many keys have a bucket (not full when last used). */
  get size(): number {
    return this.buckets.size;
  }

  private secondsUntilToken(bucket: Bucket): number {
    return bucket.tokens >= 1
      ? 0
      : Math.max(1, Math.ceil((1 - bucket.tokens) / this.limit.perSecond));
  }

  private refilled(key: string): Bucket {
    const now = this.clock();
    let bucket = this.buckets.get(key);
    if (bucket) {
      bucket.tokens = Math.min(
        this.limit.burst,
        bucket.tokens + (now - bucket.at) * this.limit.perSecond,
      );
      bucket.at = now;
      return bucket;
    }
    if (this.buckets.size >= this.maxKeys) this.dropSome(now);
    bucket = { tokens: this.limit.burst, at: now };
    this.buckets.set(key, bucket);
    return bucket;
  }

  private dropSome(now: number) {
    for (const [key, bucket] of this.buckets) {
      if (bucket.tokens + (now - bucket.at) * this.limit.perSecond >= this.limit.burst) {
        this.buckets.delete(key);
      }
    }
    // Still full: the oldest go (insertion order). Their clients start again with a full bucket.
    for (const key of this.buckets.keys()) {
      if (this.buckets.size < this.maxKeys * 0.9) break;
      this.buckets.delete(key);
    }
  }
}
