/**
 * Goals service benchmark on a generated organisation (see README.md beside this file).
 *
 *   NODE_OPTIONS=--max-old-space-size=256 npm run bench:goals   # 100,000 events: ~8 min
 *   BENCH_EVENTS=20000 npm run bench:goals    # a shorter run (~3 min)
 *
 * Runs the goals service in-process (the same Nest application main.ts boots, HTTP on 127.0.0.1)
 * against the local stack only, in a fresh PostgreSQL schema, read-store database, Kafka topics
 * and consumer group, all dropped at the end.
 *
 * Environment: BENCH_EVENTS (100000), BENCH_OBJECTIVES (500), BENCH_PEOPLE (500), BENCH_SQUADS
 * (50), BENCH_TRIBES (8), BENCH_CLIENTS (16), BENCH_MEASURED_COMMANDS (5% of BENCH_EVENTS, at most
 * 5000), BENCH_VISIBILITY_SAMPLES (300), BENCH_VISIBILITY_BACKGROUND (4), BENCH_LONG_STREAM (2000),
 * BENCH_LONG_STREAM_SAMPLES (200), BENCH_OBJECTIVE_QUERIES (200), BENCH_HISTORY_QUERIES (20),
 * BENCH_TIME_TRAVEL_QUERIES (20),
 * BENCH_SEED (42), BENCH_CATCH_UP_SECONDS (180); BENCH_CPU_PROFILE=<folder>: a CPU profile of each measured phase (cpu-profile.ts);
 * BENCH_HEAP_SNAPSHOT=<file>: a V8 heap snapshot after the time-travel queries;
 * DATABASE_URL, MONGO_URL, KAFKA_BROKERS (default: `deploy/local/stack.sh env`).
 */
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { deadLetterTopicFor } from '@rhythm/contracts';
import { createPostgresEventStore } from '@rhythm/event-store-postgres';
import { TEST_AUDIENCE, TEST_ISSUER, testKeyPair } from '@rhythm/identity';
import { kafkaClient, kafkaConnectionOf } from '@rhythm/kafka-access';
import { createServiceApp, metricsRegistry, parseConfiguration } from '@rhythm/operability';
import {
  physicalCollectionName,
  ProjectionFleet,
  ProjectionGenerations,
  rebuildProjection,
  rebuildProjections,
} from '@rhythm/projections';
import { logLevel, type Kafka } from 'kafkajs';
import mongoose, { type mongo } from 'mongoose';
import { Pool } from 'pg';
import { ORG_DIRECTORY, type OrgDirectory } from '../src/application/org-directory.port';
import type { CycleTree } from '../src/application/queries/okr.queries';
import type { ObjectiveDetail } from '../src/application/queries/okr.queries';
import { goalsServiceOptions } from '../src/goals.app';
import { goalsConfigurationSchema, type GoalsConfiguration } from '../src/goals-configuration';
import { publishToTopic } from '@rhythm/org-directory/testing';
import { goalsProjections } from '../src/read-models/goals-projections';
import { objectiveCardsProjection } from '../src/read-models/objective-cards.projection';
import type { OkrChanges } from '../src/application/queries/time-travel.queries';
import { generateOrganisation, type GeneratedOrganisation } from './generated-organisation';
import { HttpGoalsClient } from './http-goals-client';
import { InProcessGoalsCommands } from './in-process-goals-commands';
import { LatencySamples, LatencyTable, msSince } from './latency-samples';
import {
  nextValue,
  OkrChangeMix,
  parentFor,
  planObjectives,
  type BenchObjective,
  type OkrChange,
} from './okr-workload';
// A workspace tool shared with the API fuzzer, reached by path.
import { postgresDurability } from '@rhythm/tools/postgres-durability';
import { SeededRandom } from '@rhythm/tools/seeded-random';
import { profiled } from './cpu-profile';
import { cpuSplitCells, cpuSplitColumns, withCpuSplit, type CpuSplit } from './machine-cpu';
import { ReadStoreRows, rowWritesBetween, type RowWrites } from './read-store-rows';
import { ferretDbPoolDiagnosis, StallWatchdog } from './stall-watchdog';

const intFromEnv = (name: string, fallback: number): number => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer`);
  return value;
};

const targetEvents = intFromEnv('BENCH_EVENTS', 100_000);
const sizes = {
  events: targetEvents,
  objectives: intFromEnv('BENCH_OBJECTIVES', 500),
  people: intFromEnv('BENCH_PEOPLE', 500),
  squads: intFromEnv('BENCH_SQUADS', 50),
  tribes: intFromEnv('BENCH_TRIBES', 8),
  chaptersPerTribe: 3,
  guilds: 6,
  clients: intFromEnv('BENCH_CLIENTS', 16),
  measured: intFromEnv(
    'BENCH_MEASURED_COMMANDS',
    Math.max(200, Math.min(5_000, Math.round(targetEvents * 0.05))),
  ),
  visibility: intFromEnv('BENCH_VISIBILITY_SAMPLES', 300),
  visibilityBackground: Number(process.env.BENCH_VISIBILITY_BACKGROUND ?? 4),
  /** Events of the one long-lived objective (weekly check-ins over years), and commands on it. */
  longStream: intFromEnv('BENCH_LONG_STREAM', 2_000),
  longStreamSamples: intFromEnv('BENCH_LONG_STREAM_SAMPLES', 200),
  visibilityWaitSeconds: intFromEnv('BENCH_VISIBILITY_WAIT_SECONDS', 180),
  objectiveQueries: intFromEnv('BENCH_OBJECTIVE_QUERIES', 200),
  historyQueries: intFromEnv('BENCH_HISTORY_QUERIES', 20),
  catchUpSeconds: intFromEnv('BENCH_CATCH_UP_SECONDS', 180),
  rebuildSeconds: intFromEnv('BENCH_REBUILD_SECONDS', 120),
  timeTravelSeconds: intFromEnv('BENCH_TIME_TRAVEL_SECONDS', 120),
  timeTravel: intFromEnv('BENCH_TIME_TRAVEL_QUERIES', 20),
  seed: intFromEnv('BENCH_SEED', 42),
};
/** Share of the events written before the measured HTTP phases; the rest comes after them. */
const fillBeforeMeasuring = 0.85;
const rawWriteBatch = 500;
/** No progress at all for this long: something outside the benchmark hangs; say what and stop. */
const watchdog = new StallWatchdog(intFromEnv('BENCH_STALL_SECONDS', 300) * 1000);

// ---------------------------------------------------------------- local stack, names, clean-up

const localStackEnv = (): Record<string, string> => {
  if (process.env.DATABASE_URL && process.env.MONGO_URL && process.env.KAFKA_BROKERS) {
    return Object.fromEntries(
      Object.entries(process.env).filter(
        (entry): entry is [string, string] =>
          entry[1] !== undefined &&
          (['DATABASE_URL', 'MONGO_URL'].includes(entry[0]) || entry[0].startsWith('KAFKA_')),
      ),
    );
  }
  const root = path.join(__dirname, '..', '..', '..');
  const output = execFileSync('bash', [path.join(root, 'deploy/local/stack.sh'), 'env'], {
    encoding: 'utf8',
  });
  return Object.fromEntries(
    output
      .split('\n')
      .map((line) => /^(?:export )?([A-Z_]+)=(.*)$/.exec(line.trim()))
      .filter((match): match is RegExpExecArray => match !== null)
      .map((match) => [match[1], match[2].replace(/^['"]|['"]$/g, '')]),
  );
};

/** Load is only ever pointed at this machine's own stack. */
const refuseRemoteHosts = (env: Record<string, string>): void => {
  const hosts = [
    new URL(env.DATABASE_URL).hostname,
    new URL(env.MONGO_URL).hostname,
    ...env.KAFKA_BROKERS.split(',').map((broker) => broker.trim().replace(/:\d+$/, '')),
  ];
  const remote = hosts.filter((host) => host !== '127.0.0.1');
  if (remote.length > 0) {
    throw new Error(`The goals benchmark runs against 127.0.0.1 only, not ${remote.join(', ')}`);
  }
};

/**
 * What the read store is: FerretDB on this PostgreSQL server, with or without the local stack's
 * GIN companion indexes (ADR 0023), or something else (MongoDB).
 */
const readStoreLabel = async (pg: Pool): Promise<string> => {
  const { rows } = await pg.query<{ ferretdb: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = 'ferretdb') AS ferretdb`,
  );
  if (!rows[0].ferretdb) return 'not FerretDB on this PostgreSQL (MongoDB?)';
  const url = new URL(pg.options.connectionString!);
  url.pathname = '/ferretdb';
  const ferretdb = new Pool({ connectionString: url.toString(), max: 1 });
  try {
    const trigger = await ferretdb.query(
      `SELECT 1 FROM pg_event_trigger WHERE evtname = 'rhythm_gin_companions' AND evtenabled <> 'D'`,
    );
    return trigger.rowCount === 1
      ? 'FerretDB 1.24 on PostgreSQL with GIN companion indexes (ADR 0023)'
      : 'FerretDB 1.24 on PostgreSQL WITHOUT the GIN companion indexes (every lookup scans)';
  } finally {
    await ferretdb.end();
  }
};

const withDatabase = (mongoUrl: string, database: string): string => {
  const url = new URL(mongoUrl);
  url.pathname = `/${database}`;
  return url.toString();
};

// ---------------------------------------------------------------- progress and measurement

const started = process.hrtime.bigint();
const elapsed = () => `${(msSince(started) / 1000).toFixed(0).padStart(4)}s`;
const rssMb = () => Math.round(process.memoryUsage().rss / 1024 / 1024);
const log = (message: string) => console.log(`[${elapsed()}] ${message}`);
const formatted = (n: number, digits = 0) =>
  Number.isFinite(n)
    ? n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })
    : 'n/a';

/** The events in the store, counted in PostgreSQL (authoritative, refreshed twice a second). */
class StoredEvents {
  count = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly client: Pool,
    private readonly schema: string,
  ) {}

  async refresh(): Promise<number> {
    const result = await this.client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM "${this.schema}".events`,
    );
    this.count = result.rows[0].n;
    return this.count;
  }

  /** Events of these stream prefixes after `position`: what a projection has still to apply. */
  async after(prefixes: readonly string[], position: bigint | undefined): Promise<number> {
    const result = await this.client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM "${this.schema}".events
        WHERE global_position > $1 AND stream_id LIKE ANY($2)`,
      [(position ?? 0n).toString(), prefixes.map((prefix) => `${prefix}%`)],
    );
    return result.rows[0].n;
  }

  /** The last position among these stream prefixes (0 when there is none). */
  async lastOf(prefixes: readonly string[]): Promise<bigint> {
    const result = await this.client.query<{ last: string | null }>(
      `SELECT max(global_position)::text AS last FROM "${this.schema}".events
        WHERE stream_id LIKE ANY($1)`,
      [prefixes.map((prefix) => `${prefix}%`)],
    );
    return BigInt(result.rows[0].last ?? '0');
  }

  follow(): void {
    this.timer ??= setInterval(() => void this.refresh().catch(() => undefined), 500);
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }
}

/** Failed commands by kind (the first message kept), so a broken mix shows instead of hiding. */
class Failures {
  readonly byKind = new Map<string, { count: number; first: string }>();

  add(kind: string, error: unknown): void {
    const entry = this.byKind.get(kind) ?? { count: 0, first: String(error) };
    entry.count += 1;
    this.byKind.set(kind, entry);
  }

  get total(): number {
    let total = 0;
    for (const { count } of this.byKind.values()) total += count;
    return total;
  }

  describe(): string {
    return [...this.byKind.entries()]
      .map(([kind, { count, first }]) => `${kind} ×${count} (first: ${first.slice(0, 200)})`)
      .join('; ');
  }
}

const inParallel = async <T>(
  items: readonly T[],
  clients: number,
  work: (item: T) => Promise<void>,
): Promise<void> => {
  let next = 0;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < items.length) {
        await work(items[next++]);
        watchdog.alive();
      }
    }),
  );
};

const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

/**
 * The V8 heap before and after a full garbage collection: what this process holds alive (the
 * service and the clients' model) beside what it has not collected yet.
 */
const liveHeap = () => {
  const before = process.memoryUsage();
  v8.setFlagsFromString('--expose-gc');
  (vm.runInNewContext('gc') as () => void)();
  const after = process.memoryUsage();
  return {
    rssBefore: mb(before.rss),
    usedBefore: mb(before.heapUsed),
    totalBefore: mb(before.heapTotal),
    usedAfter: mb(after.heapUsed),
    rssAfter: mb(after.rss),
    limit: mb(v8.getHeapStatistics().heap_size_limit),
  };
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Where the machine's CPU went in each measured phase (`machine-cpu.ts`), in the order run. */
const cpuSplits: [phase: string, split: CpuSplit | undefined][] = [];

/** A measured phase: profiled with BENCH_CPU_PROFILE, and the machine's CPU split recorded. */
const measuredPhase = async <T>(
  phase: string,
  name: string,
  work: () => Promise<T>,
): Promise<T> => {
  const { result, split } = await withCpuSplit(() => profiled(name, work));
  cpuSplits.push([phase, split]);
  log(
    `  ${phase}: RSS ${mb(process.memoryUsage().rss)} MB now, ${Math.round(process.resourceUsage().maxRSS / 1024)} MB peak so far`,
  );
  return result;
};

const printTable = (title: string, header: readonly string[], rows: readonly string[][]) => {
  const widths = header.map((cell, column) =>
    Math.max(cell.length, ...rows.map((row) => row[column].length)),
  );
  const line = (cells: readonly string[]) =>
    `| ${cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join(' | ')} |`;
  console.log(`\n${title}`);
  console.log(line(header));
  console.log(
    `|${widths.map((width, column) => (column === 0 ? ':' : '-').padEnd(width + 1, '-') + (column === 0 ? '-' : ':')).join('|')}|`,
  );
  for (const row of rows) console.log(line(row));
};

// ---------------------------------------------------------------- phases

type Bench = Readonly<{
  app: NestExpressApplication;
  config: GoalsConfiguration;
  org: GeneratedOrganisation;
  commands: InProcessGoalsCommands;
  http: HttpGoalsClient;
  stored: StoredEvents;
  random: SeededRandom;
}>;

/** Publishes the organisation on the org topic and waits until the directory knows all of it. */
const fillOrgDirectory = async ({ app, config, org }: Bench, kafka: Kafka) => {
  const events = org.events();
  const startedAt = process.hrtime.bigint();
  await publishToTopic(kafka, config.ORG_EVENTS_TOPIC, events);
  const directory = app.get<OrgDirectory>(ORG_DIRECTORY);
  const units = [...org.tribes, ...org.squads, ...org.chapters, ...org.guilds];
  // ~20 org events/s into FerretDB on a loaded machine: 2,200 events take minutes.
  const deadline = Date.now() + 900_000;
  let known = 0;
  for (const person of org.people) {
    while (!(await directory.ownerExists(org.tenantId, { kind: 'person', id: person.personId }))) {
      if (Date.now() > deadline) throw new Error(`The org directory never saw ${person.personId}`);
      await sleep(100);
    }
    known++;
    watchdog.alive();
  }
  for (const unit of units) {
    for (;;) {
      const seen = await directory.unit(org.tenantId, { kind: unit.kind, id: unit.id });
      if (seen && unit.leadIds.every((lead) => seen.leadIds.includes(lead))) break;
      if (Date.now() > deadline)
        throw new Error(`The org directory never saw ${unit.kind} ${unit.id} with its leads`);
      await sleep(100);
    }
    known++;
    watchdog.alive();
  }
  return { events: events.length, known, ms: msSince(startedAt) };
};

/** Cycles, objectives with key results, alignment, follows, contributors, proposals, ambitions. */
const setOkrs = async (bench: Bench) => {
  const { org, commands, random } = bench;
  const today = new Date();
  const day = (offset: number) =>
    new Date(today.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
  const current = await commands.cycle(`Quarter from ${day(-30)}`, day(-30), day(60), true);
  await commands.cycle(`Quarter from ${day(61)}`, day(61), day(150), false);

  const plans = planObjectives(org, sizes.objectives, random);
  const objectives: BenchObjective[] = [];
  let defined = 0;
  await inParallel(plans, sizes.clients, async (plan) => {
    objectives.push((await commands.define(current.cycleId, plan)).objective);
    if (++defined % 100 === 0)
      log(
        `objectives: ${defined}/${plans.length} defined with key results and activated (${formatted(bench.stored.count)} events)`,
      );
  });
  // Defined in parallel: put them back in plan order so that the run is repeatable.
  const order = new Map(plans.map((plan, index) => [plan.title + plan.owner.id, index]));
  objectives.sort(
    (a, b) => (order.get(a.title + a.owner.id) ?? 0) - (order.get(b.title + b.owner.id) ?? 0),
  );

  const byOwner = new Map<string, BenchObjective[]>();
  for (const objective of objectives) {
    const key = `${objective.owner.kind}:${objective.owner.id}`;
    byOwner.set(key, [...(byOwner.get(key) ?? []), objective]);
  }
  const alignments = objectives
    .map((objective) => ({ objective, parent: parentFor(org, objective, byOwner, random) }))
    .filter(
      (pair): pair is { objective: BenchObjective; parent: BenchObjective } =>
        pair.parent !== undefined,
    );
  await inParallel(alignments, sizes.clients, async ({ objective, parent }) => {
    await commands.align(objective, parent);
  });

  const squadObjectives = objectives.filter((objective) => objective.owner.kind === 'squad');
  const follows = org.guilds.flatMap((guild) =>
    guild.leadIds.length === 0
      ? []
      : Array.from({ length: 5 }, () => ({ guild, objective: random.pick(squadObjectives) })),
  );
  for (const { guild, objective } of follows) {
    if (objective.followers.has(guild.id)) continue;
    await commands.apply({
      kind: 'follow',
      issuer: guild.leadIds[0],
      objective,
      guildId: guild.id,
    });
    objective.followers.add(guild.id);
  }

  // Chapter members contribute to squad objectives of their tribe.
  const contributions = new Map<string, { personId: string; objective: BenchObjective }>();
  for (let n = 0; n < Math.min(300, org.people.length); n++) {
    const person = random.pick(org.people);
    const candidates = squadObjectives.filter(
      (objective) => org.unit('squad', objective.owner.id).tribeId === person.tribeId,
    );
    if (candidates.length === 0) continue;
    const objective = random.pick(candidates);
    contributions.set(`${person.personId}>${objective.objectiveId}`, {
      personId: person.personId,
      objective,
    });
  }
  await inParallel([...contributions.values()], sizes.clients, async ({ personId, objective }) => {
    await commands.apply({ kind: 'add-contributor', issuer: personId, objective, personId });
    objective.contributors.add(personId);
  });

  // Setting OKRs together: a member proposes a key result, a colleague comments, the PO approves.
  const proposable = squadObjectives
    .filter((objective) => objective.keyResults.length < 5)
    .slice(0, 50);
  await inParallel(proposable, sizes.clients, async (objective) => {
    const squad = org.unit('squad', objective.owner.id);
    const members = squad.memberIds.filter((personId) => !squad.leadIds.includes(personId));
    if (members.length < 2) return;
    await commands.proposeKeyResult(objective, members[0], members[1], {
      title: 'Run two customer interviews a week',
      metric: { type: 'number', unit: 'interviews', start: 0, target: 24, direction: 'increase' },
      owner: members[0],
      weight: 1,
    });
  });

  // Personal ambitions linked to objectives the person owns a key result of.
  const ambitions = new Map<string, BenchObjective>();
  for (const objective of objectives) {
    for (const keyResult of objective.keyResults) {
      if (ambitions.size < 200 && !ambitions.has(keyResult.owner))
        ambitions.set(keyResult.owner, objective);
    }
  }
  await inParallel([...ambitions.entries()], sizes.clients, async ([personId, objective]) => {
    await commands.ambition(personId, objective);
  });
  return {
    cycleId: current.cycleId,
    objectives,
    keyResults: objectives.reduce((sum, objective) => sum + objective.keyResults.length, 0),
    alignments: alignments.length,
  };
};

type AsOfMark = Readonly<{ at: Date; events: number }>;

/**
 * Changes through the in-process handlers from `clients` concurrent clients until the store holds
 * `goal` events; remembers moments along the way for the time-travel queries.
 */
const fill = async (
  bench: Bench,
  mix: OkrChangeMix,
  goal: number,
  latencies: LatencyTable,
  failures: Failures,
  marks: AsOfMark[],
) => {
  const { stored, commands } = bench;
  const startEvents = await stored.refresh();
  const startedAt = process.hrtime.bigint();
  let commandsDone = 0;
  // Moments for the time-travel queries: at every tenth of this fill (the first one only).
  let nextMark = marks.length === 0 ? 0.1 : 1;
  const markAt = (fraction: number) => startEvents + fraction * (goal - startEvents);
  const progress = setInterval(() => {
    const seconds = msSince(startedAt) / 1000;
    log(
      `fill: ${formatted(stored.count)}/${formatted(sizes.events)} events, ` +
        `${formatted(commandsDone / seconds)} commands/s, ${formatted((stored.count - startEvents) / seconds)} events/s, ` +
        `${failures.total} failed, rss ${rssMb()} MB`,
    );
    void readSideBehind(bench).then(
      (lag) =>
        lag.events > 0 &&
        log(`  read side: ${lag.projection} is ${formatted(lag.events)} events behind`),
      () => undefined,
    );
  }, 5_000);
  try {
    await Promise.all(
      Array.from({ length: sizes.clients }, async () => {
        while (stored.count < goal) {
          const change = mix.next();
          const at = process.hrtime.bigint();
          try {
            const events = await commands.apply(change);
            mix.settle(change, true);
            latencies.add(change.kind, msSince(at));
            watchdog.alive();
            stored.count += events; // exact again at the next refresh
          } catch (error) {
            mix.settle(change, false);
            failures.add(change.kind, error);
          }
          commandsDone++;
          if (nextMark < 1 && stored.count >= markAt(nextMark)) {
            marks.push({ at: new Date(), events: stored.count });
            nextMark = Math.round((nextMark + 0.1) * 10) / 10;
          }
          if (failures.total > 100 && failures.total > commandsDone * 0.05) {
            throw new Error(`Too many commands fail: ${failures.describe()}`);
          }
        }
      }),
    );
  } finally {
    clearInterval(progress);
  }
  const events = (await stored.refresh()) - startEvents;
  const seconds = msSince(startedAt) / 1000;
  return { commands: commandsDone, events, seconds };
};

/** The mix over HTTP from `clients` clients, `count` commands in all. */
const measureThroughput = async (bench: Bench, mix: OkrChangeMix, count: number) => {
  const latencies = new LatencyTable();
  const failures = new Failures();
  const before = await bench.stored.refresh();
  let issued = 0;
  const startedAt = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: sizes.clients }, async () => {
      while (issued < count) {
        issued++;
        const change = mix.next();
        const at = process.hrtime.bigint();
        try {
          await bench.http.apply(change);
          latencies.add(change.kind, msSince(at));
          watchdog.alive();
          mix.settle(change, true);
        } catch (error) {
          mix.settle(change, false);
          failures.add(change.kind, error);
        }
      }
    }),
  );
  const seconds = msSince(startedAt) / 1000;
  const events = (await bench.stored.refresh()) - before;
  return { latencies, failures, seconds, events, storeAtStart: before };
};

/**
 * Progress recorded over HTTP by one client on objectives no other client touches, then the
 * objective query polled until it shows the new value; the other clients keep the mix going.
 */
const measureVisibility = async (
  bench: Bench,
  mix: OkrChangeMix,
  objectives: readonly BenchObjective[],
) => {
  const observed = objectives
    .filter((objective) =>
      objective.keyResults.some((keyResult) => keyResult.metric.type !== 'milestone'),
    )
    .slice(0, 30);
  const observedIds = new Set(observed.map((objective) => objective.objectiveId));
  const others = objectives.filter((objective) => !observedIds.has(objective.objectiveId));
  // The samples measure the pipeline, not a backlog: the cards projection catches up first.
  // One that does not within BENCH_VISIBILITY_WAIT_SECONDS is a figure: no samples then.
  const waitedAt = process.hrtime.bigint();
  let behind = await behindOf(bench, objectiveCardsProjection.name);
  while (behind > 0 && msSince(waitedAt) < sizes.visibilityWaitSeconds * 1000) {
    watchdog.alive();
    await sleep(500);
    behind = await behindOf(bench, objectiveCardsProjection.name);
  }
  const visible = new LatencySamples();
  const acknowledged = new LatencySamples();
  const queried = new LatencySamples();
  const polls = new LatencySamples();
  const failures = new Failures();
  let background = 0;
  let sampling = true;
  const startedAt = process.hrtime.bigint();
  const backgroundClients = Array.from({ length: sizes.visibilityBackground }, async () => {
    while (sampling) {
      const change = mix.next(others);
      try {
        await bench.http.apply(change);
        mix.settle(change, true);
        background++;
        watchdog.alive();
      } catch (error) {
        mix.settle(change, false);
        failures.add(change.kind, error);
      }
    }
  });
  try {
    for (let n = 0; behind === 0 && n < sizes.visibility; n++) {
      const objective = observed[n % observed.length];
      const keyResult = bench.random.pick(
        objective.keyResults.filter((candidate) => candidate.metric.type !== 'milestone'),
      );
      const value = nextValue(keyResult, bench.random);
      const change: OkrChange = {
        kind: 'record-progress',
        issuer: keyResult.owner,
        objective,
        keyResult,
        value,
      };
      const sentAt = process.hrtime.bigint();
      await bench.http.apply(change);
      const ackAt = process.hrtime.bigint();
      acknowledged.add(msSince(sentAt));
      keyResult.current = value;
      // Visible means what a user sees: GET /objectives/:id shows the key result's new value.
      for (;;) {
        const pollAt = process.hrtime.bigint();
        const detail = await bench.http.query<ObjectiveDetail>(
          keyResult.owner,
          `/objectives/${objective.objectiveId}`,
        );
        polls.add(msSince(pollAt));
        watchdog.alive();
        const shown = detail.keyResults.find(
          (candidate) => candidate.keyResultId === keyResult.keyResultId,
        );
        if (shown?.current === value) break;
        if (msSince(ackAt) > 120_000) {
          throw new Error(`${objective.objectiveId} never showed ${value} over HTTP`);
        }
        await sleep(2);
      }
      visible.add(msSince(ackAt));
      if ((n + 1) % 100 === 0)
        log(`visibility: ${n + 1}/${sizes.visibility} samples, ${background} background commands`);
    }
  } finally {
    sampling = false;
    await Promise.all(backgroundClients);
  }
  // What a reader pays for the objective once it is visible: the query itself, over HTTP.
  for (const objective of observed) {
    const at = process.hrtime.bigint();
    await bench.http.query<ObjectiveDetail>(
      objective.keyResults[0].owner,
      `/objectives/${objective.objectiveId}`,
    );
    queried.add(msSince(at));
    watchdog.alive();
  }
  return {
    visible,
    acknowledged,
    polls,
    queried,
    failures,
    background,
    seconds: msSince(startedAt) / 1000,
    /** Events the objective cards projection was still behind when sampling should have started. */
    behind,
    waitedSeconds: msSince(waitedAt) / 1000 - msSince(startedAt) / 1000,
  };
};

/** The goals projection furthest behind the events of its own streams, and by how many. */
const readSideBehind = async ({ app, stored }: Bench) => {
  let worst = { projection: 'none', events: 0 };
  for (const runner of app.get(ProjectionFleet).runners) {
    const events = await stored.after(runner.projection.streamPrefixes ?? [''], runner.position);
    if (events > worst.events) worst = { projection: runner.projection.name, events };
  }
  return worst;
};

type Flushes = Readonly<{ projection: string; flushes: number; events: number; seconds: number }>;

/** A histogram's count and sum by projection. */
const histogramByProjection = async (metric: string) => {
  type Value = { metricName?: string; labels: Record<string, unknown>; value: number };
  const values: Value[] = (await metricsRegistry.getSingleMetric(metric)?.get())?.values ?? [];
  const totals = new Map<string, { count: number; sum: number }>();
  for (const { metricName, labels, value } of values) {
    const total = totals.get(String(labels.projection)) ?? { count: 0, sum: 0 };
    if (metricName === `${metric}_count`) total.count = value;
    if (metricName === `${metric}_sum`) total.sum = value;
    totals.set(String(labels.projection), total);
  }
  return totals;
};

/** Each projection's flushes of its store subscription so far (the runner's histograms). */
const projectionFlushes = async (): Promise<Flushes[]> => {
  const events = await histogramByProjection('rhythm_projection_flush_events');
  const seconds = await histogramByProjection('rhythm_projection_flush_seconds');
  return [...events].map(([projection, { count, sum }]) => ({
    projection,
    flushes: count,
    events: sum,
    seconds: seconds.get(projection)?.sum ?? 0,
  }));
};

type CatchUp = Readonly<{
  after: string;
  behind: number;
  projection: string;
  ms: number;
  /** Events still to apply when the wait gave up (0: caught up). */
  remaining: number;
  /** How fast the projection furthest behind applied events meanwhile (nothing else ran). */
  appliedPerSecond: number;
}>;

const behindOf = async ({ app, stored }: Bench, projection: string): Promise<number> => {
  const runner = app
    .get(ProjectionFleet)
    .runners.find((each) => each.projection.name === projection);
  return runner === undefined
    ? 0
    : stored.after(runner.projection.streamPrefixes ?? [''], runner.position);
};

/**
 * Waits until every goals projection has applied every event of its streams, at most
 * BENCH_CATCH_UP_SECONDS: a read side that cannot keep up is a figure, not a reason to hang.
 */
const projectionsCaughtUp = async (bench: Bench, after: string): Promise<CatchUp> => {
  const startedAt = process.hrtime.bigint();
  const first = await readSideBehind(bench);
  // Nothing appends while it waits: each projection is done once it stands at the last event of
  // its streams, known once. Positions are compared in memory, so the wait itself asks the event
  // store nothing (counting what is left at every poll cost PostgreSQL half a core).
  const fleet = bench.app.get(ProjectionFleet);
  const lasts = new Map(
    await Promise.all(
      fleet.runners.map(
        async (runner) =>
          [
            runner.projection.name,
            await bench.stored.lastOf(runner.projection.streamPrefixes ?? ['']),
          ] as const,
      ),
    ),
  );
  const done = () =>
    fleet.runners.every(
      (runner) => (runner.position ?? 0n) >= (lasts.get(runner.projection.name) ?? 0n),
    );
  while (first.events > 0 && !done() && msSince(startedAt) < sizes.catchUpSeconds * 1000) {
    watchdog.alive();
    await sleep(200);
  }
  const lag = done() ? { projection: 'none', events: 0 } : await readSideBehind(bench);
  const ms = msSince(startedAt);
  const stillToApply =
    lag.events === 0 ? 0 : await behindOf(bench, first.projection).catch(() => first.events);
  const caughtUp: CatchUp = {
    after,
    behind: first.events,
    projection: first.projection,
    ms,
    remaining: lag.events,
    appliedPerSecond: ms === 0 ? 0 : ((first.events - stillToApply) * 1000) / ms,
  };
  log(
    `read side: ${formatted(first.events)} events behind (${first.projection}) ${after}; ` +
      (lag.events === 0
        ? `caught up in ${(caughtUp.ms / 1000).toFixed(1)} s`
        : `still ${formatted(lag.events)} behind (${lag.projection}) after ${sizes.catchUpSeconds} s: going on`),
  );
  return caughtUp;
};

/**
 * The OKR tree of the cycle as of the marks taken during the fill, the changes between two
 * consecutive marks, and the tree now, over HTTP, as the admin.
 */
const measureTimeTravel = async (bench: Bench, cycleId: string, marks: readonly AsOfMark[]) => {
  const asOf = new LatencySamples();
  const changes = new LatencySamples();
  const changed: { events: number; changes: number }[] = [];
  const now = new LatencySamples();
  const shown: { events: number; objectives: number }[] = [];
  const admin = bench.org.adminId;
  const startedAt = process.hrtime.bigint();
  const withinBudget = (n: number) =>
    n < sizes.timeTravel && (n < 3 || msSince(startedAt) < sizes.timeTravelSeconds * 1000);
  for (let n = 0; withinBudget(n); n++) {
    const mark = marks[n % marks.length];
    const at = process.hrtime.bigint();
    const tree = await bench.http.query<CycleTree>(
      admin,
      `/cycles/${cycleId}/tree?asOf=${mark.at.toISOString()}`,
    );
    asOf.add(msSince(at));
    watchdog.alive();
    if (n < marks.length) shown.push({ events: mark.events, objectives: countObjectives(tree) });
  }
  const windows = marks.slice(1).map((to, index) => ({ from: marks[index], to }));
  for (let n = 0; windows.length > 0 && n < sizes.timeTravel; n++) {
    const { from, to } = windows[n % windows.length];
    const at = process.hrtime.bigint();
    const answer = await bench.http.query<OkrChanges>(
      admin,
      `/cycles/${cycleId}/changes?from=${from.at.toISOString()}&to=${to.at.toISOString()}`,
    );
    changes.add(msSince(at));
    watchdog.alive();
    if (n < windows.length)
      changed.push({ events: to.events - from.events, changes: answer.changes.length });
  }
  for (let n = 0; n < Math.max(20, sizes.timeTravel); n++) {
    const at = process.hrtime.bigint();
    await bench.http.query<CycleTree>(admin, `/cycles/${cycleId}/tree`);
    now.add(msSince(at));
    watchdog.alive();
  }
  return { asOf, changes, changed, now, shown };
};

/**
 * One objective checked in on for years: `BENCH_LONG_STREAM` progress updates through the
 * in-process handlers, one after the other (one stream: concurrent writers would only conflict).
 */
const longLivedObjective = async (bench: Bench, cycleId: string) => {
  const person = bench.org.people[0].personId;
  const owner = { kind: 'person' as const, id: person };
  const { objective } = await bench.commands.define(cycleId, {
    title: 'Answer every support ticket within a day',
    owner,
    manager: bench.org.managerOf(owner),
    keyResults: [
      {
        title: 'Tickets answered within a day',
        metric: {
          type: 'number',
          unit: 'tickets',
          start: 0,
          target: 1_000_000,
          direction: 'increase',
        },
        owner: person,
        weight: 1,
      },
    ],
  });
  const [keyResult] = objective.keyResults;
  for (let n = 0; n < sizes.longStream; n++) {
    const value = keyResult.current + 1;
    await bench.commands.apply({
      kind: 'record-progress',
      issuer: person,
      objective,
      keyResult,
      value,
    });
    keyResult.current = value;
    watchdog.alive();
    if ((n + 1) % 500 === 0) log(`long-lived objective: ${n + 1}/${sizes.longStream} check-ins`);
  }
  return objective;
};

/**
 * Commands on the long-lived objective over HTTP, one at a time, while `BENCH_VISIBILITY_BACKGROUND`
 * clients keep the mix going on the others.
 */
const measureLongStream = async (
  bench: Bench,
  mix: OkrChangeMix,
  objective: BenchObjective,
  backgroundClients: number,
) => {
  const samples = new LatencySamples();
  const failures = new Failures();
  const [keyResult] = objective.keyResults;
  let sampling = true;
  const background = Array.from({ length: backgroundClients }, async () => {
    while (sampling) {
      const change = mix.next();
      try {
        await bench.http.apply(change);
        mix.settle(change, true);
      } catch (error) {
        mix.settle(change, false);
        failures.add(change.kind, error);
      }
    }
  });
  try {
    for (let n = 0; n < sizes.longStreamSamples; n++) {
      const value = keyResult.current + 1;
      const at = process.hrtime.bigint();
      await bench.http.apply({
        kind: 'record-progress',
        issuer: keyResult.owner,
        objective,
        keyResult,
        value,
      });
      samples.add(msSince(at));
      keyResult.current = value;
      watchdog.alive();
    }
  } finally {
    sampling = false;
    await Promise.all(background);
  }
  return { samples, failures };
};

/** GET /objectives/:id of objectives taken at random, as the admin, nothing else running. */
const measureObjectiveQueries = async (bench: Bench, objectives: readonly BenchObjective[]) => {
  const samples = new LatencySamples();
  for (let n = 0; n < sizes.objectiveQueries; n++) {
    const objective = bench.random.pick(objectives);
    const at = process.hrtime.bigint();
    await bench.http.query<ObjectiveDetail>(
      bench.org.adminId,
      `/objectives/${objective.objectiveId}`,
    );
    samples.add(msSince(at));
    watchdog.alive();
  }
  return samples;
};

/** The long-lived objective's whole history (one entry per event), as the admin, nothing else running. */
const measureLongHistory = async (bench: Bench, long: BenchObjective) => {
  const samples = new LatencySamples();
  let entries = 0;
  for (let n = 0; n < sizes.historyQueries; n++) {
    const at = process.hrtime.bigint();
    entries = (
      await bench.http.query<unknown[]>(
        bench.org.adminId,
        `/objectives/${long.objectiveId}/history`,
      )
    ).length;
    samples.add(msSince(at));
    watchdog.alive();
  }
  return { samples, entries };
};

/** Objectives anywhere in a tree response (its shape is the queries' business: counted by id). */
const countObjectives = (tree: unknown): number => {
  const ids = new Set<string>();
  const visit = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node !== null && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      if (typeof record.objectiveId === 'string' && Array.isArray(record.keyResults))
        ids.add(record.objectiveId);
      Object.values(record).forEach(visit);
    }
  };
  visit(tree);
  return ids.size;
};

type RebuildFigure = Readonly<{
  projection: string;
  events: number;
  documents: number;
  rebuildSeconds: number;
  rawSeconds: number;
  /** Stopped after BENCH_REBUILD_SECONDS: the figures cover the events read until then. */
  partial: boolean;
}>;

/**
 * Each goals projection rebuilt from zero with rebuildProjection (service stopped), then the
 * documents it produced bulk-inserted as they are into fresh collections with the same indexes,
 * in the same FerretDB database, in batches of the rebuild's own size. A rebuild still running
 * after BENCH_REBUILD_SECONDS is stopped (its generation abandoned, as the library does); its rate
 * is the one it had, and the raw write copies as many documents of the live generation.
 */
const measureRebuilds = async (
  config: GoalsConfiguration,
): Promise<{
  figures: RebuildFigure[];
  onePass: OnePassRebuild;
  readAlone: Readonly<{ events: number; seconds: number }>;
}> => {
  const store = createPostgresEventStore({
    connectionString: config.DATABASE_URL,
    schema: config.GOALS_EVENT_STORE_SCHEMA,
  });
  const connection = await mongoose.createConnection(config.MONGO_URL).asPromise();
  const db = connection.db!;
  const generations = new ProjectionGenerations(db);
  const figures: RebuildFigure[] = [];
  try {
    for (const projection of goalsProjections) {
      const startedAt = process.hrtime.bigint();
      const budget = new AbortController();
      const timer = setTimeout(() => budget.abort(), sizes.rebuildSeconds * 1000);
      let eventsRead = 0;
      let generation: number | undefined;
      try {
        const result = await rebuildProjection(projection, {
          store,
          connection,
          waitToDropOld: false,
          progressIntervalMs: 1_000,
          signal: budget.signal,
          onProgress: (progress) => {
            watchdog.alive();
            eventsRead = progress.eventsRead;
            if (progress.phase === 'replaying' && progress.elapsedMs % 10_000 < 1_000) {
              log(
                `rebuild ${progress.projection}: ${formatted(progress.eventsRead)} events, ${formatted(progress.eventsPerSecond)}/s, ${progress.percent.toFixed(0)}%`,
              );
            }
          },
        });
        eventsRead = result.eventsRead;
        generation = result.generation;
      } catch (error) {
        if (!budget.signal.aborted) throw error;
      } finally {
        clearTimeout(timer);
      }
      const rebuildSeconds = msSince(startedAt) / 1000;
      const partial = generation === undefined;
      // A stopped rebuild's generation is dropped: copy as many documents of the live one.
      const copied =
        generation ?? (await generations.read(projection.name))?.active.generation ?? 1;
      let documents = 0;
      let rawMs = 0;
      for (const collection of projection.collections) {
        const source = db.collection(physicalCollectionName(collection.name, copied));
        const target = db.collection(`bench_raw_${collection.name}`);
        await target.drop().catch(() => undefined);
        await db.createCollection(target.collectionName);
        for (const index of await source.indexes()) {
          if (index.name === '_id_') continue;
          await target.createIndex(index.key, {
            name: index.name,
            ...(index.unique ? { unique: true } : {}),
          });
        }
        let batch: mongo.Document[] = [];
        const write = async () => {
          const at = process.hrtime.bigint();
          await target.insertMany(batch, { ordered: true });
          rawMs += msSince(at);
          watchdog.alive();
          documents += batch.length;
          batch = [];
        };
        const cursor = source.find({}, { batchSize: rawWriteBatch });
        if (partial) cursor.limit(Math.max(1, eventsRead));
        // Read to the end: an abandoned cursor would hold one of FerretDB's PostgreSQL connections.
        for await (const document of cursor) {
          batch.push(document);
          if (batch.length >= rawWriteBatch) await write();
        }
        if (batch.length > 0) await write();
        await target.drop();
      }
      figures.push({
        projection: projection.name,
        events: eventsRead,
        documents,
        rebuildSeconds,
        rawSeconds: rawMs / 1000,
        partial,
      });
      log(
        `rebuilt ${projection.name}${partial ? ` (stopped after ${sizes.rebuildSeconds} s)` : ''}: ` +
          `${formatted(eventsRead)} events in ${rebuildSeconds.toFixed(1)} s; ` +
          `raw insert of ${formatted(documents)} documents ${(rawMs / 1000).toFixed(2)} s`,
      );
    }
    // Then all of them at once, as `npm run rebuild` does: one read of the store for all.
    const startedAt = process.hrtime.bigint();
    const budget = new AbortController();
    const timer = setTimeout(() => budget.abort(), sizes.rebuildSeconds * 1000 * 2);
    let onePass: OnePassRebuild;
    try {
      const results = await rebuildProjections(goalsProjections, {
        store,
        connection,
        waitToDropOld: false,
        progressIntervalMs: 1_000,
        signal: budget.signal,
        onProgress: () => watchdog.alive(),
      });
      onePass = {
        seconds: msSince(startedAt) / 1000,
        events: Math.max(...results.map((result) => result.eventsRead)),
        partial: false,
      };
    } catch (error) {
      if (!budget.signal.aborted) throw error;
      onePass = { seconds: msSince(startedAt) / 1000, events: 0, partial: true };
    } finally {
      clearTimeout(timer);
    }
    log(
      `rebuilt every goals projection in one pass: ${formatted(onePass.events)} events in ${onePass.seconds.toFixed(1)} s`,
    );
    // The floor of any rebuild: reading and decoding those events once, applying nothing.
    const readStartedAt = process.hrtime.bigint();
    let read = 0;
    for await (const _event of store.readAll({
      streamPrefixes: [...new Set(goalsProjections.flatMap((p) => p.streamPrefixes ?? ['']))],
    })) {
      read += 1;
      if (read % 10_000 === 0) watchdog.alive();
    }
    const readAlone = { events: read, seconds: msSince(readStartedAt) / 1000 };
    log(`read the same events alone: ${formatted(read)} in ${readAlone.seconds.toFixed(1)} s`);
    return { figures, onePass, readAlone };
  } finally {
    await connection.close();
    await store.close();
  }
};

/** Every projection rebuilt in one pass over the store (`rebuildProjections`). */
type OnePassRebuild = Readonly<{ seconds: number; events: number; partial: boolean }>;

// ---------------------------------------------------------------- the run

const main = async () => {
  const env = localStackEnv();
  refuseRemoteHosts(env);
  const run = `${Date.now().toString(36)}${process.pid.toString(36)}`;
  const config = parseConfiguration(goalsConfigurationSchema, {
    DATABASE_URL: env.DATABASE_URL,
    // The admin when the stack's broker authenticates: the bench's topics and group are its own.
    KAFKA_BROKERS: env.KAFKA_BROKERS,
    KAFKA_SASL_MECHANISM: env.KAFKA_SASL_MECHANISM,
    KAFKA_USERNAME: env.KAFKA_USERNAME,
    KAFKA_PASSWORD: env.KAFKA_PASSWORD,
    MONGO_URL: withDatabase(env.MONGO_URL, `goals_bench_${run}`),
    GOALS_EVENT_STORE_SCHEMA: `goals_bench_${run}`,
    GOALS_EVENTS_TOPIC: `goals-bench-${run}.goals`,
    ORG_EVENTS_TOPIC: `goals-bench-${run}.org`,
    JWT_ISSUER: TEST_ISSUER,
    JWT_AUDIENCE: TEST_AUDIENCE,
    JWT_PUBLIC_KEY: testKeyPair().publicKeyPem,
    LOG_LEVEL: 'warn',
    // ~300 commands a second from one tenant: the bench measures the service, not its limits.
    RATE_LIMITS: 'off',
  });
  const groupId = `goals-bench-${run}.org-directory`;
  const kafka = kafkaClient(kafkaConnectionOf(config), {
    clientId: 'goals-bench',
    logLevel: logLevel.NOTHING,
  });
  // A small pool: the event count, the read-side lag and the watchdog query side by side.
  const pg = new Pool({ connectionString: config.DATABASE_URL, max: 3 });
  await pg.query('SELECT 1'); // fails fast when PostgreSQL is not there

  console.log(
    `Goals benchmark: ${formatted(sizes.events)} events, ${sizes.objectives} objectives, ` +
      `${sizes.people} people in ${sizes.squads} squads of ${sizes.tribes} tribes, ${sizes.clients} clients; ` +
      `${os.cpus().length} CPUs, load ${os
        .loadavg()
        .map((load) => load.toFixed(1))
        .join(' ')}; ` +
      `schema/database goals_bench_${run}; read store: ${await readStoreLabel(pg)}; ` +
      `event store: ${await postgresDurability(pg)}`,
  );
  let app: NestExpressApplication | undefined;
  const cleanUpOnce = once(() => cleanUp(config, kafka, pg, groupId));
  const stopNow = (why: string, code: number) => {
    console.error(why);
    // The service may be the thing that hangs: clean up without waiting for it to close.
    void cleanUpOnce().finally(() => process.exit(code));
  };
  process.once('SIGINT', () => stopNow('Interrupted: cleaning up', 130));
  process.once('SIGTERM', () => stopNow('Terminated: cleaning up', 143));
  watchdog.start((silentForMs) => {
    void ferretDbPoolDiagnosis(pg)
      .catch((error: unknown) => `(no diagnosis: ${String(error)})`)
      .then((diagnosis) =>
        stopNow(
          `No progress for ${Math.round(silentForMs / 1000)} s: the benchmark stops. ${diagnosis}. ` +
            'If FerretDB no longer answers, `bash deploy/local/stack.sh up` restarts it; then run again.',
          2,
        ),
      );
  });
  try {
    app = await createServiceApp(goalsServiceOptions(config, { orgDirectory: { groupId } }));
    await app.listen(0, '127.0.0.1');
    const address = app.getHttpServer().address() as { port: number };
    log(`goals service up on 127.0.0.1:${address.port}`);
    const random = new SeededRandom(sizes.seed);
    const tenantId = `bench-corp-${run}`;
    const org = generateOrganisation(
      tenantId,
      {
        tribes: sizes.tribes,
        squads: sizes.squads,
        chaptersPerTribe: sizes.chaptersPerTribe,
        guilds: sizes.guilds,
        people: sizes.people,
      },
      random,
    );
    const stored = new StoredEvents(pg, config.GOALS_EVENT_STORE_SCHEMA);
    const bench: Bench = {
      app,
      config,
      org,
      commands: new InProcessGoalsCommands(app, tenantId, org.adminId),
      http: new HttpGoalsClient(`http://127.0.0.1:${address.port}`, tenantId, org.adminId),
      stored,
      random,
    };
    bench.http.signIn(org.people.map((person) => person.personId));

    const directory = await fillOrgDirectory(bench, kafka);
    log(
      `org: ${directory.events} org events published; the directory knew all ${directory.known} people and units after ${(directory.ms / 1000).toFixed(1)} s`,
    );

    stored.follow();
    const setupAt = process.hrtime.bigint();
    const okrs = await setOkrs(bench);
    const setupSeconds = msSince(setupAt) / 1000;
    const setupEvents = await stored.refresh();
    log(
      `okrs: ${okrs.objectives.length} objectives, ${okrs.keyResults} key results, ${okrs.alignments} alignments, proposals and ambitions: ${formatted(setupEvents)} events in ${setupSeconds.toFixed(1)} s`,
    );

    const longAt = process.hrtime.bigint();
    const long = await longLivedObjective(bench, okrs.cycleId);
    log(
      `long-lived objective: ${sizes.longStream} check-ins in ${(msSince(longAt) / 1000).toFixed(1)} s`,
    );

    const mix = new OkrChangeMix(org, okrs.objectives, random);
    const catchUps: CatchUp[] = [await projectionsCaughtUp(bench, 'after the set-up')];

    const generation = new LatencyTable();
    const generationFailures = new Failures();
    const marks: AsOfMark[] = [];
    const firstFill = await fill(
      bench,
      mix,
      Math.floor(sizes.events * fillBeforeMeasuring),
      generation,
      generationFailures,
      marks,
    );

    catchUps.push(await projectionsCaughtUp(bench, 'after the generation'));

    // The read store's row writes for the phase's commands, once their projections are done.
    const readStore = await ReadStoreRows.open(pg, `goals_bench_${run}`);
    await readStore?.settle();
    const rowsBefore = await readStore?.now();
    log(`throughput: ${sizes.measured} commands over HTTP from ${sizes.clients} clients`);
    const throughput = await measuredPhase('HTTP commands', 'http-commands', () =>
      measureThroughput(bench, mix, sizes.measured),
    );
    log(`throughput: ${formatted(sizes.measured / throughput.seconds)} commands/s`);
    catchUps.push(await projectionsCaughtUp(bench, 'after the throughput phase'));
    await readStore?.settle();
    const rowWrites: [string, RowWrites][] | undefined =
      rowsBefore && readStore ? rowWritesBetween(rowsBefore, await readStore.now()) : undefined;
    await readStore?.close();

    const topUp = await fill(bench, mix, sizes.events, generation, generationFailures, marks);
    catchUps.push(await projectionsCaughtUp(bench, 'after the top-up'));
    const flushes = await projectionFlushes();
    const totalEvents = await stored.refresh();
    stored.stop();
    log(`store: ${formatted(totalEvents)} events`);

    // Where it matters: at the end of the run, with background clients running.
    log(
      `visibility: ${sizes.visibility} samples at ${formatted(totalEvents)} events, ${sizes.visibilityBackground} background clients`,
    );
    const visibility = await measuredPhase('ack → visible', 'ack-to-visible', () =>
      measureVisibility(bench, mix, okrs.objectives),
    );
    log(`long-lived objective: ${sizes.longStreamSamples} commands over HTTP`);
    // The command's own cost on a long stream, then beside the background clients.
    const longStreamAlone = await measuredPhase(
      'long stream, nothing else',
      'long-stream-alone',
      () => measureLongStream(bench, mix, long, 0),
    );
    const longStream = await measuredPhase('long stream, background clients', 'long-stream', () =>
      measureLongStream(bench, mix, long, sizes.visibilityBackground),
    );
    const objectiveQueries = await measuredPhase('GET /objectives/:id', 'objective-queries', () =>
      measureObjectiveQueries(bench, okrs.objectives),
    );
    const longHistory = await measureLongHistory(bench, long);
    log('time travel');
    const timeTravel = await measuredPhase('time travel', 'time-travel', () =>
      measureTimeTravel(bench, okrs.cycleId, marks),
    );
    const rssWithService = Math.round(process.resourceUsage().maxRSS / 1024);
    const heapWithService = liveHeap();
    if (process.env.BENCH_HEAP_SNAPSHOT) {
      log(`heap snapshot: ${v8.writeHeapSnapshot(process.env.BENCH_HEAP_SNAPSHOT)}`);
    }

    await app.close();
    app = undefined;
    const { figures: rebuilds, onePass, readAlone } = await measureRebuilds(config);

    // ------------------------------------------------------------ the figures
    const generated = {
      commands: firstFill.commands + topUp.commands,
      events: firstFill.events + topUp.events,
      seconds: firstFill.seconds + topUp.seconds,
    };
    console.log(
      `\n=== Goals benchmark: 1 company, ${org.tribes.length} tribes, ${org.squads.length} squads, ${org.chapters.length} chapters, ${org.guilds.length} guilds, ` +
        `${org.people.length} people (${directory.events} org events); ${okrs.objectives.length} objectives, ${okrs.keyResults} key results, ${okrs.alignments} alignments in 1 active cycle (+1 planned); ` +
        `${formatted(totalEvents)} events in the store; ${sizes.clients} clients; ${os.cpus().length} CPUs ===`,
    );

    const all = throughput.latencies.all();
    printTable(
      `Command throughput over HTTP (${formatted(sizes.measured)} commands from ${sizes.clients} clients, store at ${formatted(throughput.storeAtStart)} events, ${throughput.failures.total} failed)`,
      ['command', 'count', 'p50 ms', 'p99 ms'],
      [
        ...[...throughput.latencies.rows.entries()].map(([kind, samples]) => [
          kind,
          formatted(samples.count),
          formatted(samples.percentile(50), 1),
          formatted(samples.percentile(99), 1),
        ]),
        [
          `all: ${formatted(all.count / throughput.seconds)} commands/s, ${formatted(throughput.events / throughput.seconds)} events/s`,
          formatted(all.count),
          formatted(all.percentile(50), 1),
          formatted(all.percentile(99), 1),
        ],
      ],
    );
    const generatedAll = generation.all();
    printTable(
      `Generation through the in-process command handlers (no HTTP; ${sizes.clients} clients, ${generationFailures.total} failed)`,
      ['phase', 'commands', 'events', 'commands/s', 'events/s', 'p50 ms', 'p99 ms'],
      [
        [
          'set-up: cycles, objectives, key results, alignment, follows, contributors, proposals, ambitions',
          '',
          formatted(setupEvents),
          '',
          formatted(setupEvents / setupSeconds),
          '',
          '',
        ],
        [
          'change mix (80 % progress, targets with reasons, notes, weights, names, contributors, follows)',
          formatted(generated.commands),
          formatted(generated.events),
          formatted(generated.commands / generated.seconds),
          formatted(generated.events / generated.seconds),
          formatted(generatedAll.percentile(50), 1),
          formatted(generatedAll.percentile(99), 1),
        ],
      ],
    );
    printTable(
      visibility.behind > 0
        ? `Command acknowledged → visible: NOT SAMPLED — the objective cards projection was still ${formatted(visibility.behind)} events behind after ${formatted(visibility.waitedSeconds)} s (BENCH_VISIBILITY_WAIT_SECONDS) at the end of the run; a sample would measure that backlog`
        : `Command acknowledged → visible (${sizes.visibility} progress updates over HTTP, GET /objectives/:id polled until it shows the value; ${formatted(visibility.background)} background commands from ${sizes.visibilityBackground} clients meanwhile; at the end of the run, ${formatted(totalEvents)} events in the store, read side caught up first, after ${formatted(visibility.waitedSeconds)} s)`,
      ['measure', 'p50 ms', 'p99 ms'],
      [
        [
          'ack → visible in the read store',
          formatted(visibility.visible.percentile(50), 1),
          formatted(visibility.visible.percentile(99), 1),
        ],
        [
          'command round trip (for reference)',
          formatted(visibility.acknowledged.percentile(50), 1),
          formatted(visibility.acknowledged.percentile(99), 1),
        ],
        [
          'one poll: GET /objectives/:id under the background load (resolution)',
          formatted(visibility.polls.percentile(50), 1),
          formatted(visibility.polls.percentile(99), 1),
        ],
        [
          `GET /objectives/:id once visible (${visibility.queried.count} calls)`,
          formatted(visibility.queried.percentile(50), 1),
          formatted(visibility.queried.percentile(99), 1),
        ],
      ],
    );
    printTable(
      'Read side under the generation and throughput load (the goals projections follow the store in-process)',
      ['moment', 'furthest behind', 'events behind', 'caught up in s', 'applied events/s'],
      catchUps.map((catchUp) => [
        catchUp.after,
        catchUp.behind === 0 ? '-' : catchUp.projection,
        formatted(catchUp.behind),
        catchUp.remaining === 0
          ? (catchUp.ms / 1000).toFixed(1)
          : `not in ${sizes.catchUpSeconds} (${formatted(catchUp.remaining)} left)`,
        catchUp.behind === 0 ? '-' : formatted(catchUp.appliedPerSecond),
      ]),
    );
    printTable(
      'Flushes of the goals projections through the set-up, generation, HTTP phase and top-up (ADR 0063: a batch gathers as long as the last flush took)',
      ['projection', 'flushes', 'events per flush', 'ms per flush', 'seconds flushing'],
      flushes
        .filter((each) => each.flushes > 0)
        .map((each) => [
          each.projection,
          formatted(each.flushes),
          formatted(Math.round(each.events / each.flushes)),
          formatted((each.seconds * 1000) / each.flushes, 1),
          formatted(each.seconds, 1),
        ]),
    );
    printTable(
      `Time travel: GET /cycles/:id/tree?asOf= (${timeTravel.asOf.count} queries over ${Math.min(marks.length, timeTravel.asOf.count)} past moments, ${okrs.objectives.length} objectives in the cycle, ${formatted(totalEvents)} events in the store)`,
      ['query', 'count', 'p50 ms', 'p95 ms'],
      [
        [
          'tree as of a past date (snapshot + events after it)',
          formatted(timeTravel.asOf.count),
          formatted(timeTravel.asOf.percentile(50), 1),
          formatted(timeTravel.asOf.percentile(95), 1),
        ],
        [
          'changes between two consecutive moments',
          formatted(timeTravel.changes.count),
          formatted(timeTravel.changes.percentile(50), 1),
          formatted(timeTravel.changes.percentile(95), 1),
        ],
        [
          'tree now',
          formatted(timeTravel.now.count),
          formatted(timeTravel.now.percentile(50), 1),
          formatted(timeTravel.now.percentile(95), 1),
        ],
      ],
    );
    console.log(
      `  objectives shown as of each moment: ${timeTravel.shown.map((mark) => `${formatted(mark.events)} events → ${mark.objectives}`).join(', ')}`,
    );
    console.log(
      `  changes between consecutive moments: ${timeTravel.changed.map((window) => `${formatted(window.events)} events → ${window.changes}`).join(', ')}`,
    );
    printTable(
      `Objective reads and a long-lived objective (${formatted(sizes.longStream)} check-ins before the run, ${formatted(sizes.longStream + 2 * sizes.longStreamSamples)} after)`,
      ['measure', 'count', 'p50 ms', 'p95 ms', 'p99 ms'],
      [
        [
          `GET /objectives/:id, random objectives, nothing else running`,
          formatted(objectiveQueries.count),
          formatted(objectiveQueries.percentile(50), 1),
          formatted(objectiveQueries.percentile(95), 1),
          formatted(objectiveQueries.percentile(99), 1),
        ],
        [
          `GET /objectives/:id/history of the long-lived objective (${formatted(longHistory.entries)} entries), nothing else running`,
          formatted(longHistory.samples.count),
          formatted(longHistory.samples.percentile(50), 1),
          formatted(longHistory.samples.percentile(95), 1),
          formatted(longHistory.samples.percentile(99), 1),
        ],
        [
          'record progress on the long-lived objective over HTTP, nothing else running',
          formatted(longStreamAlone.samples.count),
          formatted(longStreamAlone.samples.percentile(50), 1),
          formatted(longStreamAlone.samples.percentile(95), 1),
          formatted(longStreamAlone.samples.percentile(99), 1),
        ],
        [
          `record progress on the long-lived objective over HTTP, ${sizes.visibilityBackground} background clients`,
          formatted(longStream.samples.count),
          formatted(longStream.samples.percentile(50), 1),
          formatted(longStream.samples.percentile(95), 1),
          formatted(longStream.samples.percentile(99), 1),
        ],
      ],
    );
    const sum = (pick: (figure: RebuildFigure) => number) =>
      rebuilds.reduce((total, figure) => total + pick(figure), 0);
    const rebuildRow = (figure: Omit<RebuildFigure, 'projection'> & { name: string }) => [
      figure.partial ? `${figure.name} (stopped after ${sizes.rebuildSeconds} s)` : figure.name,
      formatted(figure.events),
      formatted(figure.documents),
      figure.rebuildSeconds.toFixed(1),
      formatted(figure.events / figure.rebuildSeconds),
      figure.rawSeconds.toFixed(2),
      formatted(figure.documents / figure.rawSeconds),
      `${(figure.events / figure.rebuildSeconds / (figure.documents / figure.rawSeconds)).toFixed(3)}`,
      figure.partial ? 'n/a' : `${(figure.rebuildSeconds / figure.rawSeconds).toFixed(1)}×`,
    ];
    printTable(
      `Projection rebuild from zero (rebuildProjection, service stopped, at most ${sizes.rebuildSeconds} s each) vs raw bulk insert of the same documents (insertMany, batches of ${rawWriteBatch}, same indexes, same FerretDB)`,
      [
        'projection',
        'events',
        'documents',
        'rebuild s',
        'rebuild events/s',
        'raw s',
        'raw docs/s',
        'events/s ÷ docs/s',
        'rebuild ÷ raw time',
      ],
      [
        ...rebuilds.map((figure) => rebuildRow({ ...figure, name: figure.projection })),
        rebuildRow({
          name: 'all goals projections, one after the other',
          events: sum((f) => f.events),
          documents: sum((f) => f.documents),
          rebuildSeconds: sum((f) => f.rebuildSeconds),
          rawSeconds: sum((f) => f.rawSeconds),
          partial: rebuilds.some((f) => f.partial),
        }),
        rebuildRow({
          name: 'all goals projections in one pass (rebuildProjections, as `npm run rebuild`)',
          events: onePass.events,
          documents: sum((f) => f.documents),
          rebuildSeconds: onePass.seconds,
          rawSeconds: sum((f) => f.rawSeconds),
          partial: onePass.partial || rebuilds.some((f) => f.partial),
        }),
      ],
    );
    console.log(
      `  reading the same ${formatted(readAlone.events)} events once, applying nothing (the floor of any rebuild): ` +
        `${readAlone.seconds.toFixed(1)} s, ${(readAlone.seconds / sum((f) => f.rawSeconds)).toFixed(2)}× the raw insert of every document`,
    );
    printTable(
      'Where the CPU went in each measured phase (from /proc: CPU seconds per second, 1 = one core busy all the time; "this process" is the service, its projections and the bench\'s clients)',
      ['phase', 'seconds', ...cpuSplitColumns],
      cpuSplits.map(([phase, split]) => [
        phase,
        split === undefined ? 'n/a' : formatted(split.seconds, 1),
        ...cpuSplitCells(split),
      ]),
    );
    if (rowWrites === undefined) {
      console.log(
        '\nRead-store rows written per HTTP command: n/a (the read store is not FerretDB here)',
      );
    } else {
      const rowsOf = ({ inserted, updated, deleted }: RowWrites) => inserted + updated + deleted;
      const perCommand = (n: number) => formatted(n / sizes.measured, 2);
      printTable(
        `Read-store rows written for the HTTP phase's ${formatted(sizes.measured)} commands (${formatted(throughput.events)} events), once their projections were done (PostgreSQL's table statistics under FerretDB; close, not exact)`,
        ['collection', 'inserted', 'updated', 'deleted', 'rows per command'],
        [
          ...rowWrites.map(([collection, writes]) => [
            collection,
            formatted(writes.inserted),
            formatted(writes.updated),
            formatted(writes.deleted),
            perCommand(rowsOf(writes)),
          ]),
          [
            'all',
            '',
            '',
            '',
            perCommand(rowWrites.reduce((sum, [, writes]) => sum + rowsOf(writes), 0)),
          ],
        ],
      );
    }
    printTable(
      'Memory',
      ['process', 'peak RSS MB'],
      [
        [
          'bench process incl. the in-process goals service, through the time-travel queries',
          formatted(rssWithService),
        ],
        [
          'the same, through the rebuilds (end of run)',
          formatted(Math.round(process.resourceUsage().maxRSS / 1024)),
        ],
      ],
    );
    console.log(
      `  after the time-travel queries, service up: RSS ${formatted(heapWithService.rssBefore)} MB; ` +
        `V8 heap used ${formatted(heapWithService.usedBefore)} MB of ${formatted(heapWithService.totalBefore)} MB, ` +
        `${formatted(heapWithService.usedAfter)} MB live after a full garbage collection ` +
        `(RSS then ${formatted(heapWithService.rssAfter)} MB); heap limit ${formatted(heapWithService.limit)} MB` +
        (process.env.NODE_OPTIONS ? ` (NODE_OPTIONS=${process.env.NODE_OPTIONS})` : ''),
    );
    const allRebuilds = {
      rebuildSeconds: onePass.seconds,
      rawSeconds: sum((f) => f.rawSeconds),
      partial: onePass.partial || rebuilds.some((f) => f.partial),
    };
    const ms = (value: number) => `${formatted(value, 1)} ms`;
    const verdict = (met: boolean) => (met ? 'met' : 'MISSED');
    const goals: [string, string, string, boolean][] = [
      [
        'tree now p95',
        '≤ 100 ms',
        ms(timeTravel.now.percentile(95)),
        timeTravel.now.percentile(95) <= 100,
      ],
      [
        'tree as of a past date p95',
        '≤ 200 ms',
        ms(timeTravel.asOf.percentile(95)),
        timeTravel.asOf.percentile(95) <= 200,
      ],
      [
        'changes between two dates p95',
        '≤ 200 ms',
        ms(timeTravel.changes.percentile(95)),
        timeTravel.changes.percentile(95) <= 200,
      ],
      [
        'GET /objectives/:id p95',
        '≤ 30 ms',
        ms(objectiveQueries.percentile(95)),
        objectiveQueries.percentile(95) <= 30,
      ],
      [
        `HTTP commands from ${sizes.clients} clients`,
        '≥ 300/s, p99 ≤ 100 ms',
        `${formatted(all.count / throughput.seconds)}/s, p99 ${ms(all.percentile(99))}`,
        all.count / throughput.seconds >= 300 && all.percentile(99) <= 100,
      ],
      [
        `ack → visible p99 with ${sizes.visibilityBackground} background clients`,
        '≤ 100 ms',
        visibility.behind > 0
          ? `not sampled: read side ${formatted(visibility.behind)} events behind`
          : ms(visibility.visible.percentile(99)),
        visibility.behind === 0 && visibility.visible.percentile(99) <= 100,
      ],
      [
        'rebuild of every goals projection (one pass) ÷ raw insert of its documents',
        '≤ 1.5×',
        allRebuilds.partial
          ? 'n/a (stopped)'
          : `${(allRebuilds.rebuildSeconds / allRebuilds.rawSeconds).toFixed(2)}×`,
        !allRebuilds.partial && allRebuilds.rebuildSeconds / allRebuilds.rawSeconds <= 1.5,
      ],
      [
        `command on a ${formatted(sizes.longStream)}-event objective p99, nothing else running`,
        '≤ 50 ms',
        ms(longStreamAlone.samples.percentile(99)),
        longStreamAlone.samples.percentile(99) <= 50,
      ],
      [
        `the same with ${sizes.visibilityBackground} background clients`,
        '≤ 50 ms',
        ms(longStream.samples.percentile(99)),
        longStream.samples.percentile(99) <= 50,
      ],
      [
        `peak RSS at ${formatted(totalEvents)} events (service and the bench's clients in one process)`,
        '≤ 400 MB',
        `${formatted(rssWithService)} MB`,
        rssWithService <= 400,
      ],
    ];
    printTable(
      `Issue 11's goals (${formatted(totalEvents)} events, ${okrs.objectives.length} objectives; event store: ${await postgresDurability(pg)})`,
      ['figure', 'goal', 'measured', ''],
      goals.map(([figure, goal, measured, met]) => [figure, goal, measured, verdict(met)]),
    );
    const failed = [
      throughput.failures,
      visibility.failures,
      longStreamAlone.failures,
      longStream.failures,
      generationFailures,
    ].filter((failures) => failures.total > 0);
    if (failed.length > 0)
      console.log(
        `\nFailed commands: ${failed.map((failures) => failures.describe()).join(' | ')}`,
      );
    console.log(`\nTotal run time ${elapsed().trim()}.`);
  } finally {
    watchdog.stop();
    await withinTime(app?.close() ?? Promise.resolve(), 30_000, 'closing the service');
    await cleanUpOnce();
    await pg.end();
  }
};

const once = (work: () => Promise<void>) => {
  let running: Promise<void> | undefined;
  return () => (running ??= work());
};

/** A clean-up step that may hang (a stuck read store) is reported and left behind. */
const withinTime = async (work: Promise<unknown>, ms: number, what: string): Promise<void> => {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), ms);
  });
  try {
    if ((await Promise.race([work, late])) === 'late')
      console.error(`${what}: no answer in ${ms / 1000} s, left behind`);
  } catch (error) {
    console.error(`${what} failed:`, error);
  } finally {
    clearTimeout(timer);
  }
};

/** Drops everything the run created: the schema, the read-store database, the topics, the group. */
const cleanUp = async (config: GoalsConfiguration, kafka: Kafka, pg: Pool, groupId: string) => {
  const schema = config.GOALS_EVENT_STORE_SCHEMA;
  await withinTime(
    pg.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`),
    30_000,
    `dropping schema ${schema}`,
  );
  const database = new URL(config.MONGO_URL).pathname.slice(1);
  await withinTime(
    (async () => {
      const connection = await mongoose
        .createConnection(config.MONGO_URL, { serverSelectionTimeoutMS: 10_000 })
        .asPromise();
      try {
        await connection.dropDatabase();
      } finally {
        await connection.close();
      }
    })(),
    30_000,
    `dropping read-store database ${database}`,
  );
  const topics = [
    config.GOALS_EVENTS_TOPIC,
    config.ORG_EVENTS_TOPIC,
    deadLetterTopicFor(config.ORG_EVENTS_TOPIC),
  ];
  await withinTime(
    (async () => {
      const admin = kafka.admin();
      await admin.connect();
      try {
        const existing = new Set(await admin.listTopics());
        await admin.deleteTopics({ topics: topics.filter((topic) => existing.has(topic)) });
        await admin.deleteGroups([groupId]).catch(() => undefined);
      } finally {
        await admin.disconnect();
      }
    })(),
    30_000,
    `deleting topics ${topics.join(', ')}`,
  );
};

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
