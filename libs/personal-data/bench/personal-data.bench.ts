/**
 * What sealing personal data costs (ADR 0034): the same person events appended and read back
 * through the PostgreSQL event store alone and through `PersonalDataEventStore` on it, in schemas
 * of their own on one server. Sealed appends make a person's key on their first event; reads look
 * every key up again (no cache: a key destroyed elsewhere is missed by no later read).
 *
 *   npm run bench:personal-data
 *
 * Environment: DATABASE_URL (default: the local stack's, from `stack.sh env`), BENCH_PEOPLE (500),
 * BENCH_EVENTS_PER_PERSON (4), BENCH_ROUNDS (2: the best figure of each is reported, since other
 * work on a shared machine only ever slows a run down).
 */
import { randomUUID } from 'node:crypto';
import type { Event, EventStore, NewEvent } from '@rhythm/event-sourcing';
import { createPostgresEventStore } from '@rhythm/event-store-postgres';
import { Client } from 'pg';
import { MasterKey } from '../src/master-key';
import { protectPersonalData } from '../src/personal-data-event-store';
import { personalDataPolicy } from '../src/personal-data-policy';
import { PostgresPersonalDataKeys } from '../src/postgres-personal-data-keys';

const intFromEnv = (name: string, fallback: number): number => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer`);
  return value;
};
const people = intFromEnv('BENCH_PEOPLE', 500);
const perPerson = intFromEnv('BENCH_EVENTS_PER_PERSON', 4);
const rounds = intFromEnv('BENCH_ROUNDS', 2);
const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl)
  throw new Error('DATABASE_URL is not set: eval "$(bash deploy/local/stack.sh env)"');

type PersonEvent = Event<
  'PersonJoined' | 'PersonRenamed',
  { personId: string; name: string; email: string }
>;

const policy = personalDataPolicy<PersonEvent>({
  events: {
    PersonJoined: { subject: 'personId', fields: ['name', 'email'] },
    PersonRenamed: { subject: 'personId', fields: ['name', 'email'] },
  },
  erasures: {},
  erased: { name: 'Erased person', email: '' },
  erasedText: 'Personal data erased',
});

const event = (type: string, personId: string, n: number): NewEvent => ({
  type,
  data: { personId, name: `Person ${n} Example-Name`, email: `person.${n}@bench.example` },
  metadata: {
    eventId: randomUUID(),
    tenantId: 'bench',
    actor: 'admin',
    correlationId: randomUUID(),
    causationId: randomUUID(),
    occurredAt: new Date().toISOString(),
  },
});

type Figures = Readonly<{ appendsPerSecond: number; readPerSecond: number }>;

const measure = async (store: EventStore): Promise<Figures> => {
  const started = performance.now();
  for (let p = 0; p < people; p++) {
    const personId = randomUUID();
    for (let n = 0; n < perPerson; n++) {
      await store.append(
        `person-bench.${personId}`,
        [event(n === 0 ? 'PersonJoined' : 'PersonRenamed', personId, n)],
        {
          expectedRevision: n === 0 ? 'no_stream' : n - 1,
        },
      );
    }
  }
  const appended = performance.now();
  let read = 0;
  for await (const _ of store.readAll()) read += 1;
  const done = performance.now();
  if (read !== people * perPerson) throw new Error(`read ${read} events`);
  return {
    appendsPerSecond: (people * perPerson) / ((appended - started) / 1000),
    readPerSecond: read / ((done - appended) / 1000),
  };
};

const run = async (): Promise<void> => {
  const best: Record<'plain' | 'sealed', Figures> = {
    plain: { appendsPerSecond: 0, readPerSecond: 0 },
    sealed: { appendsPerSecond: 0, readPerSecond: 0 },
  };
  const admin = new Client({ connectionString: databaseUrl });
  await admin.connect();
  try {
    for (let round = 0; round < rounds; round++) {
      for (const kind of ['plain', 'sealed'] as const) {
        const schema = `bench_pd_${kind}_${Date.now().toString(36)}`;
        const events = createPostgresEventStore({ connectionString: databaseUrl, schema });
        await events.migrate();
        let store: EventStore = events;
        if (kind === 'sealed') {
          const keys = new PostgresPersonalDataKeys({
            connectionString: databaseUrl,
            schema,
            masterKey: MasterKey.fromBase64(Buffer.alloc(32, 9).toString('base64')),
          });
          await keys.migrate();
          store = protectPersonalData(events, { policy, keys });
        }
        try {
          const figures = await measure(store);
          best[kind] = {
            appendsPerSecond: Math.max(best[kind].appendsPerSecond, figures.appendsPerSecond),
            readPerSecond: Math.max(best[kind].readPerSecond, figures.readPerSecond),
          };
        } finally {
          await store.close();
          await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
        }
      }
    }
  } finally {
    await admin.end();
  }
  const line = (kind: 'plain' | 'sealed') =>
    `${kind.padEnd(6)}  appends ${best[kind].appendsPerSecond.toFixed(0).padStart(6)} events/s` +
    `  readAll ${best[kind].readPerSecond.toFixed(0).padStart(7)} events/s`;
  process.stdout.write(
    `${people} people × ${perPerson} events, one event per append, best of ${rounds} rounds\n` +
      `${line('plain')}\n${line('sealed')}\n`,
  );
};

void run().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
