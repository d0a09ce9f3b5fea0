/**
 * Event store benchmark: our PostgreSQL adapter against Emmett's (@event-driven-io/emmett-postgresql)
 * on the same PostgreSQL server, each in a fresh database and in a process of its own (Emmett's
 * pool sets process-wide pg type parsers, which would otherwise change what our adapter measures).
 *
 *   npm run bench:event-store
 *
 * Environment: DATABASE_URL (admin connection on 127.0.0.1; default: the local stack),
 * BENCH_SINGLE_APPENDS (4000), BENCH_NEW_STREAMS (1000), BENCH_WRITERS (8), BENCH_BATCHES (200),
 * BENCH_BATCH_SIZE (100), BENCH_READ_PASSES (5; one more unmeasured pass warms up first),
 * BENCH_ROUNDS (2: the adapters take turns, each round in fresh databases; the best figure of
 * each adapter is reported, since other work on a shared machine only ever slows a run down).
 */
import { STREAM_DOES_NOT_EXIST } from '@event-driven-io/emmett';
import { getPostgreSQLEventStore, readMessagesBatch } from '@event-driven-io/emmett-postgresql';
import { dumbo } from '@event-driven-io/dumbo';
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { Client } from 'pg';
import { postgresDurability } from '@rhythm/tools/postgres-durability';
import { createPostgresEventStore } from '../src';

type Figure = 'single' | 'concurrent' | 'batched' | 'readAll';
type Figures = Readonly<Record<Figure, number> & { events: number }>;
type Adapter = 'rhythm' | 'emmett';
type BenchEvent = ReturnType<typeof payload>;

const sizes = {
  singleAppends: intFromEnv('BENCH_SINGLE_APPENDS', 4_000),
  newStreams: intFromEnv('BENCH_NEW_STREAMS', 1_000),
  writers: intFromEnv('BENCH_WRITERS', 8),
  batches: intFromEnv('BENCH_BATCHES', 200),
  batchSize: intFromEnv('BENCH_BATCH_SIZE', 100),
  readPasses: intFromEnv('BENCH_READ_PASSES', 5),
  rounds: intFromEnv('BENCH_ROUNDS', 2),
};
const readPageSize = 1_000;
const warmUpAppends = 50;

function intFromEnv(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer`);
  return value;
}

const payload = (n: number) => ({
  type: 'KeyResultProgressed',
  data: {
    objectiveId: `objective-${n % 97}`,
    keyResultId: `kr-${n}`,
    progress: { from: n % 100, to: (n % 100) + 1, unit: 'percent' },
    comment: 'Steady progress after the guild sync; two blockers cleared this week.',
  },
  metadata: {
    eventId: randomUUID(),
    tenantId: 'org-bench',
    actor: 'person-42',
    correlationId: randomUUID(),
    causationId: randomUUID(),
    occurredAt: new Date().toISOString(),
  },
});

/** What the workload needs from a store; each adapter tracks its own expected versions. */
type BenchDriver = Readonly<{
  /** Appends with the stream's expected version (new stream the first time). */
  append: (streamId: string, events: BenchEvent[]) => Promise<void>;
  /** Reads the whole global log once; returns the number of events. */
  readEverything: () => Promise<number>;
  close: () => Promise<void>;
}>;

const perSecond = (count: number, startedAt: bigint) =>
  count / (Number(process.hrtime.bigint() - startedAt) / 1e9);

const timed = async (count: number, work: () => Promise<void>) => {
  const startedAt = process.hrtime.bigint();
  await work();
  return perSecond(count, startedAt);
};

/**
 * The same workload for every adapter: sequential 1-event appends (the first `newStreams` create
 * streams, the rest go to those existing streams with their expected version), the same spread
 * over concurrent writers, appends of `batchSize` events to new streams, and read-all passes.
 */
const measure = async (driver: BenchDriver): Promise<Figures> => {
  try {
    for (let n = 0; n < warmUpAppends; n++) await driver.append(`warmup-${n}`, [payload(n)]);

    const single = await timed(sizes.singleAppends, async () => {
      for (let n = 0; n < sizes.singleAppends; n++) {
        await driver.append(`objective-${n % sizes.newStreams}`, [payload(n)]);
      }
    });

    const perWriter = Math.ceil(sizes.singleAppends / sizes.writers);
    const concurrent = await timed(perWriter * sizes.writers, async () => {
      await Promise.all(
        Array.from({ length: sizes.writers }, async (_, writer) => {
          for (let n = 0; n < perWriter; n++) {
            const stream = n % Math.ceil(sizes.newStreams / sizes.writers);
            await driver.append(`squad-${writer}x${stream}`, [payload(n)]);
          }
        }),
      );
    });

    const batched = await timed(sizes.batches * sizes.batchSize, async () => {
      for (let b = 0; b < sizes.batches; b++) {
        const events = Array.from({ length: sizes.batchSize }, (_, i) => payload(b * 1_000 + i));
        await driver.append(`cycle-${b}`, events);
      }
    });

    const events = await driver.readEverything(); // also warms the read path up
    let read = 0;
    const readAll = await timed(events * sizes.readPasses, async () => {
      for (let pass = 0; pass < sizes.readPasses; pass++) read += await driver.readEverything();
    });
    if (read !== events * sizes.readPasses) throw new Error('Read passes saw different logs');
    return { single, concurrent, batched, readAll, events };
  } finally {
    await driver.close();
  }
};

const rhythmDriver = async (connectionString: string): Promise<BenchDriver> => {
  const store = createPostgresEventStore({ connectionString, schema: 'bench', readPageSize });
  await store.migrate();
  const revisions = new Map<string, number>();
  return {
    append: async (streamId, events) => {
      const result = await store.append(streamId, events, {
        expectedRevision: revisions.get(streamId) ?? 'no_stream',
      });
      revisions.set(streamId, result.nextExpectedRevision);
    },
    readEverything: async () => {
      let read = 0;
      for await (const event of store.readAll()) if (event.globalPosition > 0n) read++;
      return read;
    },
    close: () => store.close(),
  };
};

const emmettDriver = async (connectionString: string): Promise<BenchDriver> => {
  const store = getPostgreSQLEventStore(connectionString);
  await store.schema.migrate();
  // Emmett's own reader of the global log (what its consumers and processors page with).
  const pool = dumbo({ connectionString });
  const versions = new Map<string, bigint>();
  return {
    append: async (streamId, events) => {
      const result = await store.appendToStream(streamId, events, {
        expectedStreamVersion: versions.get(streamId) ?? STREAM_DOES_NOT_EXIST,
      });
      versions.set(streamId, result.nextExpectedStreamVersion);
    },
    readEverything: async () => {
      let read = 0;
      let after = 0n;
      for (;;) {
        const batch = await readMessagesBatch(pool.execute, { after, batchSize: readPageSize });
        for (const message of batch.messages) if (message.metadata.globalPosition > 0n) read++;
        if (!batch.areMessagesLeft) return read;
        after = batch.currentGlobalPosition;
      }
    },
    close: async () => {
      await store.close();
      await pool.close();
    },
  };
};

/** Child process: measure one adapter against the given database and print the figures. */
const child = async (adapter: Adapter, connectionString: string) => {
  const driver =
    adapter === 'rhythm'
      ? await rhythmDriver(connectionString)
      : await emmettDriver(connectionString);
  const figures = await measure(driver);
  process.stdout.write(`RESULT ${JSON.stringify(figures)}\n`);
};

const rounded = (figures: Figures) =>
  Object.fromEntries(Object.entries(figures).map(([key, value]) => [key, Math.round(value)]));

const withDatabase = (adminUrl: string, database: string) => {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
};

const admin = async (adminUrl: string, statement: string) => {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
};

const runChild = (adapter: Adapter, connectionString: string): Figures => {
  const output = execFileSync(
    process.execPath,
    ['-r', path.join(__dirname, '..', '..', '..', 'tools', 'register.js'), __filename],
    {
      env: { ...process.env, BENCH_CHILD: adapter, BENCH_DATABASE_URL: connectionString },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 16 * 1024 * 1024,
    },
  );
  const line = output.split('\n').find((candidate) => candidate.startsWith('RESULT '));
  if (!line) throw new Error(`The ${adapter} run printed no result:\n${output}`);
  return JSON.parse(line.slice('RESULT '.length)) as Figures;
};

const main = async () => {
  const adminUrl = process.env.DATABASE_URL ?? 'postgres://rhythm:rhythm@127.0.0.1:55432/rhythm';
  const host = new URL(adminUrl).hostname;
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(host)) {
    throw new Error(`The benchmark only runs against a local PostgreSQL, not ${host}`);
  }
  console.log(
    `Event store benchmark on ${host}: ${sizes.singleAppends} single-event appends ` +
      `(${sizes.newStreams} new streams), sequential and from ${sizes.writers} concurrent writers; ` +
      `${sizes.batches} appends of ${sizes.batchSize} events; ` +
      `${sizes.readPasses} timed read-all passes (pages of ${readPageSize}); ` +
      `${sizes.rounds} rounds, fresh databases each.`,
  );
  const probe = new Client({ connectionString: adminUrl });
  await probe.connect();
  console.log(`Durability: ${await postgresDurability(probe).finally(() => probe.end())}.`);
  const runs: Record<Adapter, Figures[]> = { rhythm: [], emmett: [] };
  for (let round = 1; round <= sizes.rounds; round++) {
    for (const adapter of ['rhythm', 'emmett'] as const) {
      const database = `bench_${adapter}_${Date.now().toString(36)}_${process.pid}`;
      await admin(adminUrl, `CREATE DATABASE ${database}`);
      try {
        const figures = runChild(adapter, withDatabase(adminUrl, database));
        runs[adapter].push(figures);
        console.log(`round ${round} ${adapter.padEnd(6)} ${JSON.stringify(rounded(figures))}`);
      } finally {
        await admin(adminUrl, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`).catch(
          (error: unknown) => console.error(`Could not drop ${database}:`, error),
        );
      }
    }
  }
  const best = (figures: Figures[]): Figures => ({
    single: Math.max(...figures.map((f) => f.single)),
    concurrent: Math.max(...figures.map((f) => f.concurrent)),
    batched: Math.max(...figures.map((f) => f.batched)),
    readAll: Math.max(...figures.map((f) => f.readAll)),
    events: figures[0].events,
  });
  const ours = best(runs.rhythm);
  const emmett = best(runs.emmett);
  const rows: [string, Figure][] = [
    ['single-event appends', 'single'],
    [`  same, ${sizes.writers} concurrent writers`, 'concurrent'],
    [`batched appends (${sizes.batchSize}/append)`, 'batched'],
    ['read all', 'readAll'],
  ];
  const format = (value: number) => Math.round(value).toLocaleString('en-US').padStart(12);
  console.log(
    `\n${`events/s, best of ${sizes.rounds} rounds`.padEnd(32)}${'rhythm'.padStart(12)}${'emmett'.padStart(12)}  rhythm/emmett`,
  );
  for (const [label, key] of rows) {
    console.log(
      `${label.padEnd(32)}${format(ours[key])}${format(emmett[key])}  ${(ours[key] / emmett[key]).toFixed(2)}x`,
    );
  }
  const appended =
    warmUpAppends +
    sizes.singleAppends +
    Math.ceil(sizes.singleAppends / sizes.writers) * sizes.writers +
    sizes.batches * sizes.batchSize;
  console.log(
    `\nappended ${appended} events each; one read-all pass returned: ` +
      runs.rhythm.map((run) => `rhythm ${run.events}`).join(', ') +
      ', ' +
      runs.emmett.map((run) => `emmett ${run.events}`).join(', '),
  );
  if ([...runs.rhythm, ...runs.emmett].some((run) => run.events !== appended)) {
    console.log(
      'a count that differs means the reader skipped or repeated events (emmett pages by ' +
        'global_position but orders by transaction id).',
    );
  }
  console.log(
    'emmett read all = readMessagesBatch (its global-log reader, used by its consumers) in pages.',
  );
};

const childAdapter = process.env.BENCH_CHILD as Adapter | undefined;
(childAdapter ? child(childAdapter, process.env.BENCH_DATABASE_URL!) : main()).catch(
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
