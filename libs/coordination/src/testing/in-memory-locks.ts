import type { LockSession } from '../lock-session';

/**
 * A lock server in memory, for the lease's state machine: sessions that can be ended by the
 * "server" (as when a process dies) or cut off from it (a partition: the holder's checks fail
 * while the server still counts the lock as held).
 */
export class InMemoryLocks {
  private readonly holders = new Map<string, InMemoryLockSession>();
  private readonly waiting = new Set<() => void>();
  readonly sessions: InMemoryLockSession[] = [];
  /** When set, opening a session fails to connect (the database is down). */
  refuseConnections = false;

  session(name: string): InMemoryLockSession {
    const session = new InMemoryLockSession(this, name);
    this.sessions.push(session);
    return session;
  }

  holderOf(name: string): InMemoryLockSession | undefined {
    return this.holders.get(name);
  }

  /** @internal */
  take(name: string, session: InMemoryLockSession): boolean {
    const holder = this.holders.get(name);
    if (holder && holder !== session) return false;
    this.holders.set(name, session);
    return true;
  }

  /** @internal */
  free(name: string, session: InMemoryLockSession): void {
    if (this.holders.get(name) !== session) return;
    this.holders.delete(name);
    for (const wake of [...this.waiting]) wake();
  }

  /** @internal */
  wait(wake: () => void): () => void {
    this.waiting.add(wake);
    return () => this.waiting.delete(wake);
  }
}

export class InMemoryLockSession implements LockSession {
  private ended = false;
  private cutOff = false;
  private readonly listeners: ((error: Error) => void)[] = [];

  constructor(
    private readonly locks: InMemoryLocks,
    readonly name: string,
  ) {}

  get holds(): boolean {
    return this.locks.holderOf(this.name) === this;
  }

  tryAcquire(): Promise<boolean> {
    if (this.locks.refuseConnections) return Promise.reject(new Error('connection refused'));
    if (this.ended || this.cutOff) return Promise.reject(new Error('session is gone'));
    return Promise.resolve(this.locks.take(this.name, this));
  }

  verify(): Promise<boolean> {
    if (this.ended || this.cutOff) return Promise.reject(new Error('no answer'));
    return Promise.resolve(this.holds);
  }

  release(): Promise<void> {
    if (this.ended || this.cutOff) return Promise.reject(new Error('session is gone'));
    this.locks.free(this.name, this);
    return Promise.resolve();
  }

  waitForRelease(ms: number, signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        stopWaiting();
        signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      const stopWaiting = this.locks.wait(done);
      signal.addEventListener('abort', done, { once: true });
    });
  }

  onLost(listener: (error: Error) => void): void {
    this.listeners.push(listener);
  }

  close(): Promise<void> {
    this.ended = true;
    // A session cut off from the server cannot tell it: the lock stays until the server notices.
    if (!this.cutOff) this.locks.free(this.name, this);
    return Promise.resolve();
  }

  /** The server ends the session (pg_terminate_backend, the process died): the lock is free. */
  terminate(): void {
    this.ended = true;
    this.locks.free(this.name, this);
    for (const listener of this.listeners.splice(0)) listener(new Error('terminated'));
  }

  /** The holder can no longer reach the server, which still counts the lock as held. */
  cutOffFromServer(): void {
    this.cutOff = true;
  }

  /** The server notices the dead connection at last and frees the lock. */
  serverNoticesCutOff(): void {
    this.locks.free(this.name, this);
  }
}
