/**
 * Event store benchmark: our PostgreSQL adapter against Emmett's (@event-driven-io/emmett-postgresql)
 * on the same PostgreSQL server, each in a fresh database and in a process of its own (Emmett's
 * pool sets process-wide pg type parsers, which would otherwise change what our adapter measures).
 *
 *   npm run bench:event-store
 *
 * Environment: DATABASE_URL (admin connection on 127.0.0.1; default: the local stack),
 * BENCH_SINGLE_APPENDS (2000), BENCH_NEW_STREAMS (500), BENCH_BATCHES (100),
 * BENCH_BATCH_SIZE (100), BENCH_READ_PASSES (5; one more unmeasured pass warms up first).
 */
import { STREAM_DOES_NOT_EXIST } from '@event-driven-io/emmett';
import { getPostgreSQLEventStore, readMessagesBatch } from '@event-driven-io/emmett-postgresql';
import { dumbo } from '@event-driven-io/dumbo';
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { Client } from 'pg';
import { createPostgresEventStore } from '../src';

type Figures = Readonly<{ single: number; batched: number; readAll: number; events: number }>;
type Adapter = 'rhythm' | 'emmett';

const sizes = {
  singleAppends: intFromEnv('BENCH_SINGLE_APPENDS', 2_000),
  newStreams: intFromEnv('BENCH_NEW_STREAMS', 500),
  batches: intFromEnv('BENCH_BATCHES', 100),
  batchSize: intFromEnv('BENCH_BATCH_SIZE', 100),
  readPasses: intFromEnv('BENCH_READ_PASSES', 5),
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

const perSecond = (count: number, startedAt: bigint) =>
  count / (Number(process.hrtime.bigint() - startedAt) / 1e9);

/** Sequential 1-event appends: `newStreams` to new streams, the rest to those existing ones. */
const streamFor = (n: number) => n % sizes.newStreams;

const measureRhythm = async (connectionString: string): Promise<Figures> => {
  const store = createPostgresEventStore({ connectionString, schema: 'bench', readPageSize });
  await store.migrate();
  try {
    for (let n = 0; n < warmUpAppends; n++) {
      await store.append(`warmup-${n}`, [payload(n)], { expectedRevision: 'no_stream' });
    }
    const revisions = new Map<number, number>();
    let startedAt = process.hrtime.bigint();
    for (let n = 0; n < sizes.singleAppends; n++) {
      const stream = streamFor(n);
      const result = await store.append(`objective-${stream}`, [payload(n)], {
        expectedRevision: revisions.get(stream) ?? 'no_stream',
      });
      revisions.set(stream, result.nextExpectedRevision);
    }
    const single = perSecond(sizes.singleAppends, startedAt);

    startedAt = process.hrtime.bigint();
    for (let b = 0; b < sizes.batches; b++) {
      const events = Array.from({ length: sizes.batchSize }, (_, i) => payload(b * 1_000 + i));
      await store.append(`cycle-${b}`, events, { expectedRevision: 'no_stream' });
    }
    const batched = perSecond(sizes.batches * sizes.batchSize, startedAt);

    const readEverything = async () => {
      let read = 0;
      for await (const event of store.readAll()) if (event.globalPosition > 0n) read++;
      return read;
    };
    await readEverything();
    let read = 0;
    startedAt = process.hrtime.bigint();
    for (let pass = 0; pass < sizes.readPasses; pass++) read += await readEverything();
    return {
      single,
      batched,
      readAll: perSecond(read, startedAt),
      events: read / sizes.readPasses,
    };
  } finally {
    await store.close();
  }
};

const measureEmmett = async (connectionString: string): Promise<Figures> => {
  const store = getPostgreSQLEventStore(connectionString);
  await store.schema.migrate();
  // Emmett's own reader of the global log (what its consumers and processors page with).
  const pool = dumbo({ connectionString });
  try {
    for (let n = 0; n < warmUpAppends; n++) {
      await store.appendToStream(`warmup-${n}`, [payload(n)], {
        expectedStreamVersion: STREAM_DOES_NOT_EXIST,
      });
    }
    const versions = new Map<number, bigint>();
    let startedAt = process.hrtime.bigint();
    for (let n = 0; n < sizes.singleAppends; n++) {
      const stream = streamFor(n);
      const result = await store.appendToStream(`objective-${stream}`, [payload(n)], {
        expectedStreamVersion: versions.get(stream) ?? STREAM_DOES_NOT_EXIST,
      });
      versions.set(stream, result.nextExpectedStreamVersion);
    }
    const single = perSecond(sizes.singleAppends, startedAt);

    startedAt = process.hrtime.bigint();
    for (let b = 0; b < sizes.batches; b++) {
      const events = Array.from({ length: sizes.batchSize }, (_, i) => payload(b * 1_000 + i));
      await store.appendToStream(`cycle-${b}`, events, {
        expectedStreamVersion: STREAM_DOES_NOT_EXIST,
      });
    }
    const batched = perSecond(sizes.batches * sizes.batchSize, startedAt);

    const readEverything = async () => {
      let read = 0;
      let after = 0n;
      for (;;) {
        const batch = await readMessagesBatch(pool.execute, { after, batchSize: readPageSize });
        for (const message of batch.messages) if (message.metadata.globalPosition > 0n) read++;
        if (!batch.areMessagesLeft) return read;
        after = batch.currentGlobalPosition;
      }
    };
    await readEverything();
    let read = 0;
    startedAt = process.hrtime.bigint();
    for (let pass = 0; pass < sizes.readPasses; pass++) read += await readEverything();
    return {
      single,
      batched,
      readAll: perSecond(read, startedAt),
      events: read / sizes.readPasses,
    };
  } finally {
    await store.close();
    await pool.close();
  }
};

/** Child process: measure one adapter against the given database and print the figures. */
const child = async (adapter: Adapter, connectionString: string) => {
  const figures =
    adapter === 'rhythm'
      ? await measureRhythm(connectionString)
      : await measureEmmett(connectionString);
  process.stdout.write(`RESULT ${JSON.stringify(figures)}\n`);
};

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
  const suffix = `${Date.now().toString(36)}_${process.pid}`;
  const databases: Record<Adapter, string> = {
    rhythm: `bench_rhythm_${suffix}`,
    emmett: `bench_emmett_${suffix}`,
  };
  console.log(
    `Event store benchmark on ${host}: ${sizes.singleAppends} single-event appends ` +
      `(${sizes.newStreams} new streams), ${sizes.batches} appends of ${sizes.batchSize} events, ` +
      `${sizes.readPasses} timed read-all passes (pages of ${readPageSize}); fresh database per adapter.`,
  );
  const results: Partial<Record<Adapter, Figures>> = {};
  try {
    for (const adapter of ['rhythm', 'emmett'] as const) {
      await admin(adminUrl, `CREATE DATABASE ${databases[adapter]}`);
      results[adapter] = runChild(adapter, withDatabase(adminUrl, databases[adapter]));
    }
  } finally {
    for (const database of Object.values(databases)) {
      await admin(adminUrl, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`).catch(
        (error: unknown) => console.error(`Could not drop ${database}:`, error),
      );
    }
  }
  const ours = results.rhythm!;
  const emmett = results.emmett!;
  const rows: [string, keyof Figures][] = [
    ['single-event appends', 'single'],
    [`batched appends (${sizes.batchSize}/append)`, 'batched'],
    ['read all', 'readAll'],
  ];
  const format = (value: number) => Math.round(value).toLocaleString('en-US').padStart(12);
  console.log(
    `\n${'events/s'.padEnd(32)}${'rhythm'.padStart(12)}${'emmett'.padStart(12)}  rhythm/emmett`,
  );
  for (const [label, key] of rows) {
    console.log(
      `${label.padEnd(32)}${format(ours[key])}${format(emmett[key])}  ${(ours[key] / emmett[key]).toFixed(2)}x`,
    );
  }
  console.log(`\nread-all pass size: rhythm ${ours.events} events, emmett ${emmett.events} events`);
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
