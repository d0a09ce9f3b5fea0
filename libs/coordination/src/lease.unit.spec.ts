import { expectEventually } from '@rhythm/testing';
import { Lease, type LeaseOptions, type LeaseTerm } from './lease';
import type { LeaseObserver } from './lease-observer';
import { InMemoryLocks } from './testing/in-memory-locks';

/** What the replicas did, in order: who started and stopped the work. */
type Journal = string[];

const fast = { pollIntervalMs: 10, checkIntervalMs: 10, restMs: 10 } as const;

const replica = (
  locks: InMemoryLocks,
  id: string,
  journal: Journal,
  options: Partial<LeaseOptions> = {},
) => {
  let ended: (error: Error) => void = () => undefined;
  const lease = new Lease({
    name: 'relay:org',
    openSession: () => locks.session('relay:org'),
    ...fast,
    ...options,
  });
  const work = (): Promise<LeaseTerm> => {
    journal.push(`${id} started`);
    return Promise.resolve({
      stop: () => {
        journal.push(`${id} stopped`);
        return Promise.resolve();
      },
      ended: new Promise<never>((_, reject) => (ended = reject)),
    });
  };
  return {
    lease,
    start: () => lease.start(work),
    /** The work fails by itself (a projection that cannot go on). */
    fail: (error = new Error('boom')) => ended(error),
  };
};

describe('Lease', () => {
  const running: Lease[] = [];
  afterEach(async () => {
    for (const lease of running.splice(0)) await lease.stop();
  });
  const started = async (...replicas: ReturnType<typeof replica>[]) => {
    for (const each of replicas) {
      running.push(each.lease);
      await each.start();
    }
  };

  it('runs the work on exactly one of two replicas; the other stands by', async () => {
    const locks = new InMemoryLocks();
    const journal: Journal = [];
    const a = replica(locks, 'a', journal);
    const b = replica(locks, 'b', journal);
    await started(a, b);

    expect([a.lease.state, b.lease.state]).toEqual(['held', 'standby']);
    expect(journal).toEqual(['a started']);
  });

  it('hands over when the holder’s session ends (kill -9): the standby takes the lease', async () => {
    const locks = new InMemoryLocks();
    const journal: Journal = [];
    const a = replica(locks, 'a', journal);
    const b = replica(locks, 'b', journal);
    await started(a, b);

    locks.holderOf('relay:org')!.terminate();

    await expectEventually(() => expect(b.lease.state).toBe('held'));
    expect(journal).toEqual(['a started', 'a stopped', 'b started']);
    // The old holder contends again with a new session and now stands by.
    await expectEventually(() => expect(a.lease.state).toBe('standby'));
  });

  it('stops the work when its checks fail, before the server frees the lock for another', async () => {
    const locks = new InMemoryLocks();
    const journal: Journal = [];
    const a = replica(locks, 'a', journal);
    const b = replica(locks, 'b', journal);
    await started(a, b);
    const cutOff = locks.holderOf('relay:org')!;

    cutOff.cutOffFromServer();
    await expectEventually(() => expect(journal).toContain('a stopped'));
    expect(b.lease.state).toBe('standby');
    expect(journal).toEqual(['a started', 'a stopped']);
    cutOff.serverNoticesCutOff();

    // Whichever replica wins the freed lock runs the work again, once.
    await expectEventually(() => expect(journal).toHaveLength(3));
    expect(journal[2]).toMatch(/^[ab] started$/);
  });

  it('hands over at once on a clean stop: the standby is woken, not left to its next poll', async () => {
    const locks = new InMemoryLocks();
    const journal: Journal = [];
    const a = replica(locks, 'a', journal);
    // Polls once a minute: only the release notice can explain a takeover within the test.
    const b = replica(locks, 'b', journal, { pollIntervalMs: 60_000 });
    await started(a, b);

    await a.lease.stop();

    expect(a.lease.state).toBe('stopped');
    await expectEventually(() => expect(b.lease.state).toBe('held'), { timeoutMs: 5_000 });
    expect(journal).toEqual(['a started', 'a stopped', 'b started']);
  });

  it('releases the lease when the work ends by itself, so another replica may run it', async () => {
    const locks = new InMemoryLocks();
    const journal: Journal = [];
    const a = replica(locks, 'a', journal, { restMs: 60_000 });
    const b = replica(locks, 'b', journal);
    await started(a, b);

    a.fail();

    await expectEventually(() => expect(b.lease.state).toBe('held'));
    expect(a.lease.state).toBe('resting');
    expect(journal).toEqual(['a started', 'a stopped', 'b started']);
  });

  it('gives the boot a clear failure when the work cannot start on the first term', async () => {
    const locks = new InMemoryLocks();
    const lease = new Lease({
      name: 'relay:org',
      openSession: () => locks.session('relay:org'),
      ...fast,
    });

    await expect(lease.start(() => Promise.reject(new Error('no broker')))).rejects.toThrow(
      'no broker',
    );

    expect(lease.state).toBe('stopped');
    expect(locks.holderOf('relay:org')).toBeUndefined();
  });

  it('gives the boot a clear failure when the database cannot be reached', async () => {
    const locks = new InMemoryLocks();
    locks.refuseConnections = true;
    const a = replica(locks, 'a', []);

    await expect(a.start()).rejects.toThrow('connection refused');
    expect(a.lease.state).toBe('stopped');
  });

  it('keeps contending after the database went away and came back', async () => {
    const locks = new InMemoryLocks();
    const journal: Journal = [];
    const a = replica(locks, 'a', journal);
    await started(a);

    locks.refuseConnections = true;
    locks.holderOf('relay:org')!.terminate();
    await expectEventually(() => expect(journal).toEqual(['a started', 'a stopped']));
    locks.refuseConnections = false;

    await expectEventually(() => expect(journal).toEqual(['a started', 'a stopped', 'a started']));
    expect(a.lease.state).toBe('held');
  });

  it('aborts work that is still starting when the replica stops, and waits for it', async () => {
    const locks = new InMemoryLocks();
    const journal: string[] = [];
    const lease = new Lease({
      name: 'projection:org_structure',
      openSession: () => locks.session('projection:org_structure'),
      ...fast,
    });
    let starting: () => void = () => undefined;
    const boot = lease.start(
      (signal) =>
        new Promise<LeaseTerm>((resolve) => {
          starting = () => {
            // A rebuild gives up when the signal aborts and reports itself stopped.
            signal.addEventListener('abort', () => {
              journal.push('start aborted');
              resolve({ stop: () => Promise.resolve(void journal.push('stopped')) });
            });
          };
          starting();
        }),
    );
    await expectEventually(() => expect(lease.state).toBe('held'));

    await lease.stop();
    await boot;

    expect(journal).toEqual(['start aborted', 'stopped']);
    expect(locks.holderOf('projection:org_structure')).toBeUndefined();
  });

  it('tells the observer who holds the lease and counts takeovers', async () => {
    const locks = new InMemoryLocks();
    const seen: string[] = [];
    const observer: LeaseObserver = {
      acquired: (lease, takeover) => seen.push(`${lease} acquired${takeover ? ' (takeover)' : ''}`),
      standingBy: (lease) => seen.push(`${lease} standby`),
      released: (lease) => seen.push(`${lease} released`),
      lost: (lease) => seen.push(`${lease} lost`),
    };
    const a = replica(locks, 'a', [], { observer });
    const b = replica(locks, 'b', [], { observer });
    await started(a, b);

    locks.holderOf('relay:org')!.terminate();
    await expectEventually(() => expect(b.lease.state).toBe('held'));

    // The server freed the lock at once: b may take it before a has reported its loss.
    await expectEventually(() =>
      expect([...seen].sort()).toEqual([
        'relay:org acquired',
        'relay:org acquired (takeover)',
        'relay:org lost',
        'relay:org standby',
        'relay:org standby',
      ]),
    );
  });
});
