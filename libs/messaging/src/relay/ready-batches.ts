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
  async next(maxSize: number, stop: Promise<void>): Promise<T[]> {
    if (this.ended) return [];
    const first = await Promise.race([this.pull(), stop.then((): typeof stopped => stopped)]);
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

  private pull(): Promise<IteratorResult<T>> {
    this.pending ??= this.iterator.next();
    return this.pending;
  }
}

const nextMacrotask = () => new Promise<void>((resolve) => setImmediate(resolve));
