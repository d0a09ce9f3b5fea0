import { backoffDelay, defaultRetryPolicy } from './retry-policy';

describe('backoffDelay', () => {
  it('doubles from the initial delay up to the maximum', () => {
    const policy = { ...defaultRetryPolicy, initialDelayMs: 100, maxDelayMs: 1_000 };

    expect([1, 2, 3, 4, 5, 6].map((attempt) => backoffDelay(policy, attempt))).toEqual([
      100, 200, 400, 800, 1_000, 1_000,
    ]);
  });
});
