import { Lease, type LeaseOptions } from './lease';
import type { LockSession } from './lock-session';
import { pause } from './pause';

/** A session whose lock nobody else asks for. */
const uncontendedSession = (): LockSession => ({
  tryAcquire: () => Promise.resolve(true),
  verify: () => Promise.resolve(true),
  release: () => Promise.resolve(),
  waitForRelease: (ms, signal) => pause(ms, signal),
  onLost: () => undefined,
  close: () => Promise.resolve(),
});

/**
 * A lease always held, for a process known to be the only one running the work (an in-process
 * test, a one-off script): the same start/stop shape, no database.
 */
export const soleLease = (options: Omit<LeaseOptions, 'openSession'>): Lease =>
  new Lease({ ...options, openSession: uncontendedSession });
