/**
 * For eventually consistent reads (projections, Kafka consumers): retries the assertion until it
 * passes or the timeout ends, then fails with the last assertion error.
 */
export const expectEventually = async <T>(
  assertion: () => T | Promise<T>,
  options: Readonly<{ timeoutMs?: number; intervalMs?: number }> = {},
): Promise<T> => {
  const timeoutMs = options.timeoutMs ?? 15_000;
  const intervalMs = options.intervalMs ?? 50;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await assertion();
    } catch (error) {
      if (Date.now() >= deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }
};

/** Polls until the value satisfies the predicate; returns it. */
export const pollUntil = async <T>(
  read: () => T | Promise<T>,
  satisfied: (value: T) => boolean,
  options: Readonly<{ timeoutMs?: number; intervalMs?: number; description?: string }> = {},
): Promise<T> =>
  expectEventually(async () => {
    const value = await read();
    if (!satisfied(value)) {
      throw new Error(`Timed out waiting for ${options.description ?? 'condition'}`);
    }
    return value;
  }, options);
