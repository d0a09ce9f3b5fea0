const notReady: unique symbol = Symbol('not ready');
const stopped: unique symbol = Symbol('stopped');

/**
 * Turns a one-at-a-time async iterator (an event store subscription) into batches: wait for one
 * item, then take every item that is already available, up to a maximum, without waiting for more.
 * During catch-up a batch fills up; live, a single new event goes out on its own without delay.
 */
export class ReadyBatches<T> {
  private pending: Promise<IteratorResult<T>> | undefined;
  private ended = false;

  constructor(private readonly iterator: AsyncIterator<T>) {}

  /**
   * The next batch; empty once the iterator ended or `stop` resolved while waiting for the first
   * item. Items already taken are returned, never dropped.
   */
  async next(maxSize: number, stop: AbortSignal): Promise<T[]> {
    if (this.ended) return [];
    const first = await this.firstOrStopped(stop);
    if (first === stopped) return [];
    this.pending = undefined;
    if (first.done) {
      this.ended = true;
      return [];
    }
    const batch = [first.value];
    while (batch.length < maxSize) {
      // An item the iterator already holds resolves within microtasks, before the next macrotask.
      const next = await Promise.race([
        this.pull(),
        nextMacrotask().then((): typeof notReady => notReady),
      ]);
      if (next === notReady) break;
      this.pending = undefined;
      if (next.done) {
        this.ended = true;
        break;
      }
      batch.push(next.value);
    }
    return batch;
  }

  /** Releases the iterator without waiting for an item it may still be waiting for. */
  close(): void {
    this.ended = true;
    this.pending?.catch(() => undefined);
    this.iterator.return?.().catch(() => undefined);
  }

  /**
   * The next item, or `stopped` once `stop` aborts. The listener is removed when the wait ends: a
   * relay that runs for months takes millions of batches with the same signal (a `Promise.race`
   * with a stop promise left a reaction on it per batch, until the process stopped).
   */
  private firstOrStopped(stop: AbortSignal): Promise<IteratorResult<T> | typeof stopped> {
    if (stop.aborted) return Promise.resolve(stopped);
    return new Promise((resolve, reject) => {
      const onStop = () => resolve(stopped);
      stop.addEventListener('abort', onStop, { once: true });
      this.pull()
        .then(resolve, reject)
        .finally(() => stop.removeEventListener('abort', onStop));
    });
  }

  private pull(): Promise<IteratorResult<T>> {
    this.pending ??= this.iterator.next();
    return this.pending;
  }
}

const nextMacrotask = () => new Promise<void>((resolve) => setImmediate(resolve));
