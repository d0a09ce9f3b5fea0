export type RetryPolicy = Readonly<{
  /** Handler runs before the message goes to the dead-letter topic. Default 5. */
  maxAttempts: number;
  /** Delay after the first failure; doubles (factor) per attempt, up to maxDelayMs. */
  initialDelayMs: number;
  maxDelayMs: number;
  factor: number;
}>;

export const defaultRetryPolicy: RetryPolicy = {
  maxAttempts: 5,
  initialDelayMs: 200,
  maxDelayMs: 5_000,
  factor: 2,
};

/** Delay before attempt `failedAttempt + 1`. */
export const backoffDelay = (policy: RetryPolicy, failedAttempt: number): number =>
  Math.min(policy.maxDelayMs, policy.initialDelayMs * policy.factor ** (failedAttempt - 1));
