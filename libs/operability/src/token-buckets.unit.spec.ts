import { TokenBuckets } from './token-buckets';

/** A clock the test moves by hand: no test here waits for real time. */
const manualClock = () => {
  let seconds = 1_000;
  return { now: () => seconds, advance: (by: number) => void (seconds += by) };
};

describe('token buckets', () => {
  it('lets a burst through, then refuses with the whole seconds until a token', () => {
    const clock = manualClock();
    const buckets = new TokenBuckets({ perSecond: 0.5, burst: 3 }, clock.now);
    expect([1, 2, 3].map(() => buckets.take('acme'))).toEqual([0, 0, 0]);
    expect(buckets.take('acme')).toBe(2);
    clock.advance(1);
    expect(buckets.take('acme')).toBe(1);
    clock.advance(1);
    expect(buckets.take('acme')).toBe(0);
  });

  it('keeps one bucket per key: one tenant’s burst leaves another’s whole', () => {
    const clock = manualClock();
    const buckets = new TokenBuckets({ perSecond: 1, burst: 2 }, clock.now);
    buckets.take('acme');
    buckets.take('acme');
    expect(buckets.take('acme')).toBe(1);
    expect(buckets.take('globex')).toBe(0);
  });

  it('refills at the rate up to the burst, never beyond', () => {
    const clock = manualClock();
    const buckets = new TokenBuckets({ perSecond: 10, burst: 5 }, clock.now);
    for (let i = 0; i < 5; i += 1) buckets.take('acme');
    clock.advance(60);
    const taken = Array.from({ length: 7 }, () => buckets.take('acme'));
    expect(taken.filter((wait) => wait === 0)).toHaveLength(5);
  });

  it('tells the wait without taking', () => {
    const clock = manualClock();
    const buckets = new TokenBuckets({ perSecond: 0.25, burst: 1 }, clock.now);
    expect(buckets.wait('acme')).toBe(0);
    expect(buckets.take('acme')).toBe(0);
    expect(buckets.wait('acme')).toBe(4);
    expect(buckets.wait('acme')).toBe(4);
  });

  it('stays bounded in keys: full buckets go first, then the oldest', () => {
    const clock = manualClock();
    const buckets = new TokenBuckets({ perSecond: 1, burst: 1 }, clock.now, 10);
    for (let i = 0; i < 10; i += 1) buckets.take(`client-${i}`);
    expect(buckets.size).toBe(10);
    clock.advance(5); // all refilled: the same as no bucket
    buckets.take('client-new');
    expect(buckets.size).toBe(1);
    for (let i = 0; i < 30; i += 1) buckets.take(`flood-${i}`);
    expect(buckets.size).toBeLessThanOrEqual(10);
  });
});
