import type { RecordedEvent } from '@rhythm/event-sourcing';
import type { CommitNotifications } from './commit-notifications';

export type LiveTailOptions = Readonly<{
  notifications: CommitNotifications;
  /** Events after a position, every stream, in global order (at most `pageSize`). */
  readPage: (after: bigint, limit: number) => Promise<RecordedEvent[]>;
  /** The position every event up to which is committed and visible when the tail starts. */
  head: () => Promise<bigint>;
  pageSize: number;
  /** Events held: a subscriber further behind reads its own pages. */
  capacity: number;
  safetyPollIntervalMs: number;
}>;

/** What a subscriber takes from the tail: the events after its checkpoint, and how far they go. */
export type TailSlice = Readonly<{
  events: readonly RecordedEvent[];
  /** Every event up to this position is in `events` or was at or before the checkpoint. */
  upTo: bigint;
}>;

/**
 * The head of the store, read once for every subscription of the process (ADR 0058). One loop
 * LISTENs for commits and reads the new events of every stream; the subscriptions at the head (a
 * service's projections, its relay) take theirs from memory instead of each reading the same
 * events with a query of its own at every commit. A subscription further behind than the tail
 * holds reads its own pages, as before, until it reaches the tail.
 *
 * It reads when a subscriber waits at its end: while they are all busy with what they took, the
 * commits pile up and the next read takes them together.
 *
 * The tail holds the events after `from` up to `upTo`: all of them, in global order. `upTo` moves
 * to the position announced before a read that came back short (every position announced before
 * a read is visible to it), so a subscriber never waits for events it has already seen.
 */
export class LiveTail {
  private events: RecordedEvent[] = [];
  private start = 0n;
  private end = 0n;
  private failure: Error | undefined;
  private readonly waiters = new Set<() => void>();
  private readonly stopping = new AbortController();
  private loop: Promise<void> | undefined;
  /** The loop's wait for a subscriber to want more. */
  private demand: (() => void) | undefined;

  constructor(private readonly options: LiveTailOptions) {}

  /** Positions after this one are in the tail (up to `upTo`). */
  get from(): bigint {
    return this.start;
  }

  get upTo(): bigint {
    return this.end;
  }

  /** Listens, then starts at the head: nothing committed before is read. */
  async open(): Promise<void> {
    await this.options.notifications.start();
    try {
      this.start = this.end = await this.options.head();
    } catch (error) {
      await this.options.notifications.close();
      throw error;
    }
    this.loop = this.follow();
  }

  /** The events after `checkpoint` (which is at or after `from`), and how far they go. */
  after(checkpoint: bigint): TailSlice {
    this.throwIfFailed();
    const events = this.events;
    // Binary search for the first event after the checkpoint.
    let low = 0;
    let high = events.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (events[middle].globalPosition <= checkpoint) low = middle + 1;
      else high = middle;
    }
    return { events: low === events.length ? [] : events.slice(low), upTo: this.end };
  }

  /** Resolves when the tail goes beyond `position`, fails, stops, or the signal aborts. */
  waitBeyond(position: bigint, signal: AbortSignal): Promise<void> {
    if (this.end > position || this.failure || this.stopping.signal.aborted || signal.aborted) {
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = () => {
        signal.removeEventListener('abort', done);
        this.waiters.delete(wake);
        resolve();
      };
      const wake = () => {
        if (this.end > position || this.failure || this.stopping.signal.aborted) done();
      };
      signal.addEventListener('abort', done, { once: true });
      this.waiters.add(wake);
      this.demand?.();
    });
  }

  /** Whether the tail stopped on a failed read: a new one must be opened. */
  get failed(): boolean {
    return this.failure !== undefined;
  }

  throwIfFailed(): void {
    if (this.failure) throw this.failure;
  }

  async close(): Promise<void> {
    this.stopping.abort();
    this.wake();
    await this.options.notifications.close();
    await this.loop;
  }

  private async follow(): Promise<void> {
    const { notifications, readPage, pageSize, capacity, safetyPollIntervalMs } = this.options;
    const signal = this.stopping.signal;
    try {
      let readOn = false;
      while (!signal.aborted) {
        // Only for a subscriber waiting at the end: while they are all busy, commits pile up and
        // the next read takes them together.
        await this.demanded(signal);
        // After a full page more is committed already: read on without waiting.
        if (!readOn) await notifications.waitBeyond(this.end, safetyPollIntervalMs, signal);
        if (signal.aborted) return;
        // Every position announced before this read is visible to it.
        const announced = notifications.latestAnnounced;
        const page = await readPage(this.end, pageSize);
        if (signal.aborted) return;
        readOn = page.length === pageSize;
        if (page.length > 0) {
          const kept = this.events.concat(page);
          const dropped = kept.length - capacity;
          if (dropped > 0) this.start = kept[dropped - 1].globalPosition;
          this.events = dropped > 0 ? kept.slice(dropped) : kept;
          this.end = page[page.length - 1].globalPosition;
        }
        if (!readOn && announced > this.end) this.end = announced;
        this.wake();
      }
    } catch (error) {
      this.failure = error instanceof Error ? error : new Error(String(error));
      this.wake();
    }
  }

  /** Resolves when a subscriber waits for events beyond the end, or the tail stops. */
  private demanded(signal: AbortSignal): Promise<void> {
    if (this.waiters.size > 0 || signal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        signal.removeEventListener('abort', done);
        this.demand = undefined;
        resolve();
      };
      this.demand = done;
      signal.addEventListener('abort', done, { once: true });
    });
  }

  private wake(): void {
    for (const wake of [...this.waiters]) wake();
  }
}
