import { expectEventually, testInfrastructure, uniqueName } from '@rhythm/testing';
import { Client } from 'pg';
import { Registry } from 'prom-client';
import type { Lease, LeaseTerm } from './lease';
import { LeasedSchedule } from './leased-schedule';
import { postgresLease, type PostgresLeaseOptions } from './postgres-lease';
import { leaseKey, PostgresLockSession } from './postgres-lock-session';

// Two replicas of one process contend for a lease on the real PostgreSQL: one session each,
// an advisory lock between them.
describe('a lease on PostgreSQL', () => {
  let admin: Client;
  const leases: Lease[] = [];

  beforeAll(async () => {
    admin = new Client({ connectionString: testInfrastructure.databaseUrl() });
    await admin.connect();
  });

  afterEach(async () => {
    for (const lease of leases.splice(0)) await lease.stop();
  });

  afterAll(async () => {
    await admin?.end();
  });

  const contender = (name: string, options: Partial<PostgresLeaseOptions> = {}) => {
    const lease = postgresLease({
      name,
      connectionString: testInfrastructure.databaseUrl(),
      pollIntervalMs: 100,
      checkIntervalMs: 100,
      ...options,
    });
    leases.push(lease);
    const running = { terms: 0, stopped: 0 };
    const work = (): Promise<LeaseTerm> => {
      running.terms++;
      return Promise.resolve({ stop: () => Promise.resolve(void running.stopped++) });
    };
    return { lease, running, start: () => lease.start(work) };
  };

  /** The backend pids that hold the advisory lock of `name`, as PostgreSQL sees them. */
  const holders = async (name: string): Promise<number[]> => {
    const key = BigInt.asUintN(64, leaseKey(name));
    const result = await admin.query<{ pid: number }>(
      `SELECT pid FROM pg_locks
       WHERE locktype = 'advisory' AND granted AND objsubid = 1
         AND classid = $1::oid AND objid = $2::oid`,
      [(key >> 32n).toString(), (key & 0xffff_ffffn).toString()],
    );
    return result.rows.map((row) => row.pid);
  };

  const sessionOf = async (name: string): Promise<number> => {
    const [pid] = await holders(name);
    expect(pid).toEqual(expect.any(Number));
    return pid;
  };

  it('lets exactly one of two contenders hold it', async () => {
    const name = uniqueName('lease:exclusive');
    const a = contender(name);
    const b = contender(name);

    await a.start();
    await b.start();

    expect([a.lease.state, b.lease.state]).toEqual(['held', 'standby']);
    expect([a.running.terms, b.running.terms]).toEqual([1, 0]);
    expect(await holders(name)).toHaveLength(1);
  });

  it('is taken over when the holder’s session dies, and the holder stops its work', async () => {
    const name = uniqueName('lease:crash');
    // After losing its session a replica waits a poll before contending again: a long one here.
    const a = contender(name, { pollIntervalMs: 60_000 });
    const b = contender(name);
    await a.start();
    await b.start();
    const crashed = await sessionOf(name);

    // What kill -9 of the holder looks like to PostgreSQL: its session ends, the lock is free.
    await admin.query('SELECT pg_terminate_backend($1)', [crashed]);

    await expectEventually(() => expect(b.lease.state).toBe('held'));
    expect(b.running.terms).toBe(1);
    expect(a.running.stopped).toBe(1);
    const [holder] = await holders(name);
    expect(holder).not.toBe(crashed);
    expect(a.lease.state).toBe('standby');
    expect(await holders(name)).toHaveLength(1);
  });

  it('hands over at once on a clean stop: the standby is told, it does not wait for its poll', async () => {
    const name = uniqueName('lease:handover');
    const a = contender(name);
    // A poll once a minute: only the release notice explains a takeover within this test.
    const b = contender(name, { pollIntervalMs: 60_000 });
    await a.start();
    await b.start();

    await a.lease.stop();

    expect(a.running.stopped).toBe(1);
    await expectEventually(() => expect(b.lease.state).toBe('held'), { timeoutMs: 10_000 });
    expect(b.running.terms).toBe(1);
  });

  it('sees its own lock in pg_locks, whatever the sign of its key', async () => {
    // Names whose keys are negative and positive: the check must map both to pg_locks' oids.
    const names = Array.from({ length: 8 }, (_, n) => `lease:sign:${n}`);
    expect(new Set(names.map((name) => leaseKey(name) < 0n)).size).toBe(2);
    for (const name of names) {
      const session = new PostgresLockSession({
        connectionString: testInfrastructure.databaseUrl(),
        name: `${name}:${uniqueName('run')}`,
      });
      try {
        expect(await session.tryAcquire()).toBe(true);
        expect(await session.verify()).toBe(true);
        await session.release();
        expect(await session.verify()).toBe(false);
      } finally {
        await session.close();
      }
    }
  });

  it('counts who holds it and every takeover in Prometheus metrics', async () => {
    const name = uniqueName('lease:metrics');
    const registries = [new Registry(), new Registry()];
    const a = contender(name, { metrics: registries[0], pollIntervalMs: 60_000 });
    const b = contender(name, { metrics: registries[1] });
    await a.start();
    await b.start();
    await admin.query('SELECT pg_terminate_backend($1)', [await sessionOf(name)]);
    await expectEventually(() => expect(b.lease.state).toBe('held'));

    const sample = async (registry: Registry, metric: string) =>
      (await registry.getSingleMetric(metric)!.get()).values
        .filter((value) => value.labels.lease === name)
        .map((value) => ({ labels: value.labels, value: value.value }));
    expect(await sample(registries[1], 'rhythm_lease_held')).toEqual([
      { labels: { lease: name }, value: 1 },
    ]);
    expect(await sample(registries[1], 'rhythm_lease_acquisitions_total')).toEqual([
      { labels: { lease: name, takeover: 'true' }, value: 1 },
    ]);
    await expectEventually(async () =>
      expect(await sample(registries[0], 'rhythm_lease_held')).toEqual([
        { labels: { lease: name }, value: 0 },
      ]),
    );
    expect(await sample(registries[0], 'rhythm_lease_losses_total')).toEqual([
      { labels: { lease: name }, value: 1 },
    ]);
  });
});

describe('a leased schedule', () => {
  it('ticks on the replica that holds the lease only, and on the other once it stops', async () => {
    const name = uniqueName('scheduler:overdue');
    const ticks: string[] = [];
    const schedule = (replica: string) =>
      new LeasedSchedule({
        lease: postgresLease({
          name,
          connectionString: testInfrastructure.databaseUrl(),
          pollIntervalMs: 100,
          checkIntervalMs: 100,
        }),
        everyMs: 20,
        tick: () => Promise.resolve(void ticks.push(replica)),
      });
    const a = schedule('a');
    const b = schedule('b');
    try {
      await a.start();
      await b.start();
      await expectEventually(() => expect(ticks.length).toBeGreaterThanOrEqual(3));
      expect(new Set(ticks)).toEqual(new Set(['a']));

      await a.stop();
      const ticksOfA = ticks.length;
      await expectEventually(() => expect(ticks.slice(ticksOfA)).toContain('b'));

      expect(ticks.slice(ticksOfA).every((replica) => replica === 'b')).toBe(true);
      expect(b.lease.state).toBe('held');
    } finally {
      await a.stop();
      await b.stop();
    }
  });

  it('never runs two ticks at once across a lost session and the next term', async () => {
    const name = uniqueName('scheduler:lost');
    const admin = new Client({ connectionString: testInfrastructure.databaseUrl() });
    await admin.connect();
    let inFlight = 0;
    let overlapping = false;
    const schedule = new LeasedSchedule({
      lease: postgresLease({
        name,
        connectionString: testInfrastructure.databaseUrl(),
        pollIntervalMs: 100,
        checkIntervalMs: 100,
      }),
      everyMs: 10,
      tick: async () => {
        inFlight++;
        if (inFlight > 1) overlapping = true;
        await new Promise((resolve) => setTimeout(resolve, 5));
        inFlight--;
      },
    });
    try {
      await schedule.start();
      const pid = await admin.query<{ pid: number }>(
        `SELECT pid FROM pg_stat_activity WHERE application_name = $1`,
        [`rhythm-lease ${name}`.slice(0, 63)],
      );
      await admin.query('SELECT pg_terminate_backend($1)', [pid.rows[0].pid]);
      // A new session takes the free lock again and the ticks go on, one at a time.
      await expectEventually(async () => {
        const sessions = await admin.query<{ pid: number }>(
          `SELECT pid FROM pg_stat_activity WHERE application_name = $1`,
          [`rhythm-lease ${name}`.slice(0, 63)],
        );
        expect(sessions.rows.map((row) => row.pid)).not.toContain(pid.rows[0].pid);
        expect(sessions.rows).toHaveLength(1);
        expect(schedule.lease.state).toBe('held');
      });
      expect(overlapping).toBe(false);
    } finally {
      await schedule.stop();
      await admin.end();
    }
  });
});
