/**
 * One connection that can hold one named lock, the port a Lease runs on. The lock lives exactly as
 * long as the session: when the session ends (the process died, the server ended it), the lock is
 * free for the next session.
 */
export interface LockSession {
  /** Takes the lock if it is free; never waits for it. Connects on first use. */
  tryAcquire(): Promise<boolean>;
  /**
   * Whether this session still holds the lock. Rejects when the session is gone or does not
   * answer in time: either way the holder must behave as if it had lost the lock.
   */
  verify(): Promise<boolean>;
  /** Frees the lock and wakes the sessions waiting for it. */
  release(): Promise<void>;
  /** Resolves after `ms`, or earlier when another session releases this lock or `signal` aborts. */
  waitForRelease(ms: number, signal: AbortSignal): Promise<void>;
  /** Called once if the connection drops under the session. */
  onLost(listener: (error: Error) => void): void;
  /** Ends the session; a lock it still holds is freed by the server. */
  close(): Promise<void>;
}
