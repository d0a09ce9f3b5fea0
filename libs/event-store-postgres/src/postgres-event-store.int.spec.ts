import type { NewEvent, RecordedEvent } from '@rhythm/event-sourcing';
// The depConstraints keep adapters off type:testing; their specs need the shared contract suite.
import { eventStoreContract, pollUntil, testInfrastructure, uniqueName } from '@rhythm/testing';
import { Client } from 'pg';
import { createPostgresEventStore, type PostgresEventStore } from './postgres-event-store';

/** Each store lives in a schema of its own, dropped afterwards. */
const postgresStore = async (
  options: Readonly<{
    readPageSize?: number;
    safetyPollIntervalMs?: number;
    liveTailCapacity?: number;
  }> = {},
) => {
  const schema = uniqueName('es');
  const store = createPostgresEventStore({
    connectionString: testInfrastructure.databaseUrl(),
    schema,
    ...options,
  });
  await store.migrate();
  return {
    store,
    // Another process's client of the same store: its appends meet ours only in the database.
    connect: () =>
      Promise.resolve(
        createPostgresEventStore({
          connectionString: testInfrastructure.databaseUrl(),
          schema,
          poolSize: 2,
        }),
      ),
    dispose: async () => {
      await store.close();
      await admin((client) => client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`));
    },
  };
};

const admin = async <T>(work: (client: Client) => Promise<T>): Promise<T> => {
  const client = new Client({ connectionString: testInfrastructure.databaseUrl() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
};

// A small page size so that paging and catch-up cross many pages.
eventStoreContract('PostgreSQL', () => postgresStore({ readPageSize: 250 }));

describe('PostgreSQL event store', () => {
  const event = (type: string): NewEvent => ({
    type,
    data: {},
    metadata: {
      eventId: crypto.randomUUID(),
      tenantId: 'org-1',
      actor: 'person-1',
      correlationId: 'c-1',
      causationId: 'c-1',
      occurredAt: new Date().toISOString(),
    },
  });

  const listenerBackends = (schema: string) =>
    admin(async (client) => {
      const result = await client.query<{ pid: number }>(
        `SELECT pid FROM pg_stat_activity WHERE application_name = $1`,
        [`rhythm-event-store-listener:${schema}`],
      );
      return result.rows.map((row) => row.pid);
    });

  const consume = (store: PostgresEventStore, signal: AbortSignal) => {
    const seen: RecordedEvent[] = [];
    const ended = (async () => {
      for await (const recorded of store.subscribeToAll({ signal })) seen.push(recorded);
    })();
    return { seen, ended };
  };

  it('migrates concurrently and repeatedly without error', async () => {
    const schema = uniqueName('es');
    const stores = [1, 2, 3, 4].map(() =>
      createPostgresEventStore({ connectionString: testInfrastructure.databaseUrl(), schema }),
    );
    try {
      await Promise.all(stores.map((store) => store.migrate()));
      await stores[0].migrate();
      await stores[1].append('squad-1', [event('SquadFormed')], { expectedRevision: 'no_stream' });
      expect(await stores[2].readStream('squad-1')).toHaveLength(1);
    } finally {
      await Promise.all(stores.map((store) => store.close()));
      await admin((client) => client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`));
    }
  });

  it('keeps stores in different schemas apart', async () => {
    const one = await postgresStore();
    const two = await postgresStore();
    try {
      await one.store.append('squad-1', [event('SquadFormed')], { expectedRevision: 'no_stream' });
      expect(await two.store.readStream('squad-1')).toEqual([]);
      expect(await two.store.headPosition()).toBeUndefined();
      expect(await one.store.headPosition()).toBe(1n);
    } finally {
      await one.dispose();
      await two.dispose();
    }
  });

  it('refuses an invalid schema name', () => {
    expect(() =>
      createPostgresEventStore({ connectionString: 'postgres://x', schema: 'x"; DROP TABLE' }),
    ).toThrow(/Invalid event store schema name/);
  });

  it('reconnects its listener when the connection drops, and still pushes', async () => {
    // The safety poll is pushed out of the way: only a notification can deliver in time.
    const { store, dispose } = await postgresStore({ safetyPollIntervalMs: 60_000 });
    const controller = new AbortController();
    const { seen, ended } = consume(store, controller.signal);
    try {
      const [pid] = await pollUntil(
        () => listenerBackends(store.schema),
        (pids) => pids.length === 1,
      );
      await store.append('squad-1', [event('BeforeDrop')], { expectedRevision: 'no_stream' });
      await pollUntil(
        () => seen.length,
        (count) => count === 1,
      );

      await admin((client) => client.query('SELECT pg_terminate_backend($1)', [pid]));
      // Appended while nobody listens: the reconnect must make the subscriber look again.
      await store.append('squad-1', [event('WhileDropped')], { expectedRevision: 0 });
      await pollUntil(
        () => seen.length,
        (count) => count === 2,
        { timeoutMs: 5_000 },
      );

      const [newPid] = await pollUntil(
        () => listenerBackends(store.schema),
        (pids) => pids.length === 1 && pids[0] !== pid,
      );
      expect(newPid).not.toBe(pid);
      const appendedAt = Date.now();
      await store.append('squad-1', [event('AfterReconnect')], { expectedRevision: 1 });
      await pollUntil(
        () => seen.length,
        (count) => count === 3,
        { timeoutMs: 5_000 },
      );
      expect(Date.now() - appendedAt).toBeLessThan(1_000);
      expect(seen.map((recorded) => recorded.type)).toEqual([
        'BeforeDrop',
        'WhileDropped',
        'AfterReconnect',
      ]);
    } finally {
      controller.abort();
      await ended;
      await dispose();
    }
  }, 20_000);

  it('releases the listener connection when a subscription ends, and ends subscriptions on close', async () => {
    const { store, dispose } = await postgresStore();
    try {
      const controller = new AbortController();
      const first = consume(store, controller.signal);
      await pollUntil(
        () => listenerBackends(store.schema),
        (pids) => pids.length === 1,
      );
      controller.abort();
      await first.ended;
      await pollUntil(
        () => listenerBackends(store.schema),
        (pids) => pids.length === 0,
      );

      const second = consume(store, new AbortController().signal);
      await pollUntil(
        () => listenerBackends(store.schema),
        (pids) => pids.length === 1,
      );
      await store.close();
      await second.ended;
      await pollUntil(
        () => listenerBackends(store.schema),
        (pids) => pids.length === 0,
      );
    } finally {
      await dispose();
    }
  }, 20_000);

  it('serves the subscriptions at the head from one shared tail, and a slow one from its own pages', async () => {
    // A tail of 4 events and pages of 3: the slow subscriber falls behind the tail and back.
    const { store, dispose } = await postgresStore({ readPageSize: 3, liveTailCapacity: 4 });
    const controller = new AbortController();
    const reads = jest.spyOn(store as unknown as { readPage: () => unknown }, 'readPage');
    const follow = (streamPrefixes?: readonly string[], pause?: () => Promise<void>) => {
      const seen: string[] = [];
      const ended = (async () => {
        for await (const recorded of store.subscribeToAll({
          signal: controller.signal,
          ...(streamPrefixes ? { streamPrefixes } : {}),
        })) {
          seen.push(`${recorded.streamId}/${recorded.type}`);
          await pause?.();
        }
      })();
      return { seen, ended };
    };
    const appended: string[] = [];
    const append = async (streamId: string, type: string) => {
      await store.append(streamId, [event(type)], { expectedRevision: 'any' });
      appended.push(`${streamId}/${type}`);
    };
    try {
      for (let n = 0; n < 5; n++) await append(n % 2 ? 'squad-b' : 'tribe-a', `Before${n}`);
      const all = follow();
      const squads = follow(['squad-']);
      let slowGate = Promise.resolve();
      const slow = follow(undefined, () => slowGate);
      const others = [follow(), follow(), follow()];
      await pollUntil(
        () => listenerBackends(store.schema),
        (pids) => pids.length === 1,
      );
      await pollUntil(
        () => Math.min(all.seen.length, slow.seen.length, ...others.map((o) => o.seen.length)),
        (count) => count === 5,
      );

      // The slow one stops taking events while twelve more commit one by one.
      let release = () => undefined as void;
      slowGate = new Promise<void>((resolve) => (release = resolve));
      reads.mockClear();
      for (let n = 0; n < 12; n++) {
        await append(n % 3 ? 'squad-b' : 'tribe-a', `After${n}`);
        // The five at the head take each commit before the next.
        await pollUntil(
          () => Math.min(all.seen.length, ...others.map((o) => o.seen.length)),
          (count) => count === appended.length,
        );
      }
      // One read per commit for the five at the head (a safety poll may add one), not one each.
      expect(reads.mock.calls.length).toBeLessThanOrEqual(12 + 2);
      release();
      slowGate = Promise.resolve();
      await pollUntil(
        () => slow.seen.length,
        (count) => count === appended.length,
      );
      await pollUntil(
        () => squads.seen.length,
        (count) => count === appended.filter((id) => id.startsWith('squad-')).length,
      );

      expect(all.seen).toEqual(appended);
      for (const other of others) expect(other.seen).toEqual(appended);
      expect(slow.seen).toEqual(appended);
      expect(squads.seen).toEqual(appended.filter((id) => id.startsWith('squad-')));
    } finally {
      controller.abort();
      await dispose();
    }
  }, 30_000);

  it('fails only the append that repeats an event id when appends run together', async () => {
    const { store, dispose } = await postgresStore();
    try {
      const original = event('SquadFormed');
      await store.append('squad-1', [original], { expectedRevision: 'no_stream' });

      // Sent while others run, these travel in one group: the repeat must not sink the rest.
      const outcomes = await Promise.allSettled([
        store.append('squad-2', [event('SquadFormed')], { expectedRevision: 'no_stream' }),
        store.append('squad-3', [event('SquadFormed')], { expectedRevision: 'no_stream' }),
        store.append('squad-4', [original], { expectedRevision: 'no_stream' }),
        store.append('squad-5', [event('SquadFormed')], { expectedRevision: 'no_stream' }),
      ]);

      expect(outcomes.map((outcome) => outcome.status)).toEqual([
        'fulfilled',
        'fulfilled',
        'rejected',
        'fulfilled',
      ]);
      expect(String((outcomes[2] as PromiseRejectedResult).reason)).toMatch(/already stored/);
      expect(await store.readStream('squad-4')).toEqual([]);
      expect(await store.readStream('squad-5')).toHaveLength(1);
    } finally {
      await dispose();
    }
  });

  it('hands out gapless positions and reports the head', async () => {
    const { store, dispose } = await postgresStore();
    try {
      await store.append('squad-1', [event('A'), event('B')], { expectedRevision: 'no_stream' });
      await store.append('squad-1', [event('C')], { expectedRevision: 'no_stream' }).catch(() => 0);
      await store.append('squad-2', [event('D')], { expectedRevision: 'no_stream' });
      const positions: bigint[] = [];
      for await (const recorded of store.readAll()) positions.push(recorded.globalPosition);
      expect(positions).toEqual([1n, 2n, 3n]);
      expect(await store.headPosition()).toBe(3n);
    } finally {
      await dispose();
    }
  });
});
