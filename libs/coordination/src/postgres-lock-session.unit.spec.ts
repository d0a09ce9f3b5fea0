import { getEventListeners } from 'node:events';
import { leaseKey, PostgresLockSession } from './postgres-lock-session';

describe('PostgresLockSession', () => {
  it('keys a lease by its name the same way in every version: replicas of two releases agree', () => {
    // Pinned: a rolling deploy runs old and new code side by side on the same locks.
    expect(leaseKey('relay:org:org_event_store')).toBe(-6410262897877704552n);
    expect(leaseKey('relay:goals:goals_event_store')).not.toBe(
      leaseKey('relay:org:org_event_store'),
    );
  });

  it('leaves no listener on the stop signal however often a standby waits', async () => {
    // Never connects: waiting for a release needs no statement.
    const session = new PostgresLockSession({
      connectionString: 'postgres://nobody@127.0.0.1:1/none',
      name: 'scheduler:overdue',
    });
    const stopping = new AbortController();

    for (let poll = 0; poll < 20; poll++) await session.waitForRelease(1, stopping.signal);

    expect(getEventListeners(stopping.signal, 'abort')).toHaveLength(0);
  });
});
