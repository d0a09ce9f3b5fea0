/**
 * Recovery under load (see README.md beside this file, "Recovery fault script").
 *
 *   npm run fault:recovery                     # 3 rounds of each fault
 *   RECOVERY_ROUNDS=1 npm run fault:recovery
 *
 * Starts a Kafka broker of its own (RECOVERY_KAFKA_PORT, default 61192, and the next port; data
 * under .local/fault-recovery/), uses the shared PostgreSQL and FerretDB in fresh schemas and
 * databases, runs org and goals as child processes and a steady load of org commands, then
 * (a) kill -9 of goals and a restart, (b) a restart of the broker; prints how long until goals
 * is ready and its org directory follows again, beside the 5 s goal. Everything it created is
 * dropped at the end, also on Ctrl-C.
 *
 * Environment: RECOVERY_ROUNDS (3), RECOVERY_RATE (org commands/s, 20), RECOVERY_CLIENTS (4),
 * RECOVERY_KAFKA_PORT (61192), RECOVERY_STEADY_SECONDS (60: load without faults first, counting
 * the consumer group's rejoins), RECOVERY_BROKER_STOP (SIGTERM, or SIGKILL), RECOVERY_LOGS (a folder
 * for the services' logs, kept), RECOVERY_LOG_LEVEL (warn); DATABASE_URL, MONGO_URL (default:
 * `deploy/local/stack.sh env`).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { mintTestToken, TEST_AUDIENCE, TEST_ISSUER, testKeyPair } from '@rhythm/identity';
import { kafkaClient } from '@rhythm/kafka-access';
import { ServiceProcess } from '@rhythm/testing';
import { postgresDurability } from '@rhythm/tools/postgres-durability';
import { logLevel, type Admin } from 'kafkajs';
import mongoose, { type Connection } from 'mongoose';
import { Pool } from 'pg';
import { orgDirectoryCollections } from '@rhythm/org-directory';
import { OrgCommandLoad } from './org-command-load';
import { PrivateKafkaBroker } from './private-kafka-broker';

const workspaceRoot = path.join(__dirname, '..', '..', '..');
const goalMs = 5_000;
const waitAtMostMs = 120_000;

const settings = {
  rounds: Number(process.env.RECOVERY_ROUNDS ?? 3),
  rate: Number(process.env.RECOVERY_RATE ?? 20),
  clients: Number(process.env.RECOVERY_CLIENTS ?? 4),
  // Above Linux's ephemeral range (32768–60999): the broker restarts on its port while the
  // machine's outgoing connections come and go, and one of them may hold a port in that range.
  kafkaPort: Number(process.env.RECOVERY_KAFKA_PORT ?? 61192),
  brokerStop: (process.env.RECOVERY_BROKER_STOP ?? 'SIGTERM') as NodeJS.Signals,
  logs: process.env.RECOVERY_LOGS,
  logLevel: process.env.RECOVERY_LOG_LEVEL ?? 'warn',
  steadySeconds: Number(process.env.RECOVERY_STEADY_SECONDS ?? 60),
};

const log = (message: string) =>
  console.log(`[${new Date().toISOString().slice(11, 23)}] ${message}`);

/** DATABASE_URL and MONGO_URL from the environment, else from the local stack. */
const sharedStores = (): Readonly<{ databaseUrl: string; mongoUrl: string }> => {
  let env: Record<string, string | undefined> = process.env;
  if (!env.DATABASE_URL || !env.MONGO_URL) {
    const output = execFileSync(
      'bash',
      [path.join(workspaceRoot, 'deploy/local/stack.sh'), 'env'],
      {
        encoding: 'utf8',
      },
    );
    env = Object.fromEntries(
      [...output.matchAll(/^export ([A-Z_]+)=(.*)$/gm)].map((match) => [match[1], match[2]]),
    );
  }
  const stores = { databaseUrl: env.DATABASE_URL ?? '', mongoUrl: env.MONGO_URL ?? '' };
  // Faults and load are only ever pointed at this machine's own stack.
  for (const url of Object.values(stores)) {
    if (new URL(url).hostname !== '127.0.0.1') {
      throw new Error(`The recovery fault script runs against 127.0.0.1 only, not ${url}`);
    }
  }
  return stores;
};

const withDatabase = (url: string, database: string): string => {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
};

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls until `ready` says true; the time it did, or undefined after waitAtMostMs. */
const whenTrue = async (ready: () => Promise<boolean>): Promise<number | undefined> => {
  const deadline = Date.now() + waitAtMostMs;
  while (Date.now() < deadline) {
    if (await ready().catch(() => false)) return Date.now();
    await sleep(20);
  }
  return undefined;
};

type Figure = Readonly<{ label: string; goal: boolean; values: Array<number | undefined> }>;

const seconds = (ms: number | undefined) =>
  ms === undefined ? `> ${waitAtMostMs / 1000} s` : `${(ms / 1000).toFixed(1)} s`;

const printFigures = (figures: readonly Figure[]) => {
  const width = Math.max(...figures.map((figure) => figure.label.length));
  console.log('');
  for (const figure of figures) {
    const worst = figure.values.some((value) => value === undefined)
      ? undefined
      : Math.max(...(figure.values as number[]));
    const verdict = !figure.goal
      ? ''
      : worst !== undefined && worst <= goalMs
        ? `  within the ${goalMs / 1000} s goal`
        : `  OVER the ${goalMs / 1000} s goal`;
    console.log(
      `${figure.label.padEnd(width)}  ${figure.values.map((value) => seconds(value).padStart(8)).join(' ')}${verdict}`,
    );
  }
};

const main = async () => {
  const stores = sharedStores();
  const run = `${Date.now().toString(36)}${process.pid.toString(36)}`;
  const names = {
    org: `org_fault_${run}`,
    goals: `goals_fault_${run}`,
    orgTopic: `fault-${run}.org`,
    goalsTopic: `fault-${run}.goals`,
  };
  const tenantId = `fault-${run}`;
  // The founder establishes the organisation and registers its admin, who drives the load: only
  // a person of the organisation may change a profile (docs/adr/0032).
  const founderId = '00000000-0000-4000-8000-00000000fa17';
  const founder = mintTestToken({ sub: founderId, tenant: tenantId, roles: ['admin'] });
  const pg = new Pool({ connectionString: stores.databaseUrl, max: 2 });
  const broker = await PrivateKafkaBroker.create({
    port: settings.kafkaPort,
    dataDir: path.join(workspaceRoot, '.local', 'fault-recovery', run),
  });
  let directory: Connection | undefined;
  const services: ServiceProcess[] = [];
  let load: OrgCommandLoad | undefined;

  const cleanUp = async () => {
    await load?.stop();
    await Promise.all(services.map((service) => service.kill('SIGKILL')));
    await broker.dispose(settings.logs && path.join(settings.logs, `kafka-${run}.log`));
    await directory?.dropDatabase().catch(() => undefined);
    await directory?.close();
    const org = await mongoose
      .createConnection(withDatabase(stores.mongoUrl, names.org))
      .asPromise();
    await org.dropDatabase().catch(() => undefined);
    await org.close();
    for (const schema of [names.org, names.goals]) {
      await pg.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    }
    await pg.end();
  };
  let cleaning: Promise<void> | undefined;
  const cleanUpOnce = () => (cleaning ??= cleanUp());
  const interrupted = (code: number) => () => {
    console.error('Interrupted: cleaning up');
    void cleanUpOnce().finally(() => process.exit(code));
  };
  process.once('SIGINT', interrupted(130));
  process.once('SIGTERM', interrupted(143));

  try {
    console.log(
      `Recovery fault script: ${settings.rounds} rounds of each fault (broker stopped with ${settings.brokerStop}), ` +
        `${settings.rate} org commands/s ` +
        `from ${settings.clients} clients; ${os.cpus().length} CPUs, load ${os
          .loadavg()
          .map((value) => value.toFixed(1))
          .join(' ')}; event store: ${await postgresDurability(pg)}; run ${run}`,
    );
    if (settings.logs) mkdirSync(settings.logs, { recursive: true });
    await broker.start();
    execFileSync(
      'node',
      ['-r', './tools/register.js', path.join(workspaceRoot, 'deploy/local/kafka-warmup.ts')],
      { cwd: workspaceRoot, env: { ...process.env, ...broker.adminEnvironment } },
    );
    log(`private Kafka broker up on ${broker.address}`);

    const keys = testKeyPair();
    const common: NodeJS.ProcessEnv = {
      ...process.env,
      TZ: 'UTC',
      LOG_LEVEL: settings.logLevel,
      SHUTDOWN_TIMEOUT_MS: '15000',
      // RECOVERY_RATE may go above a tenant's limit: the script measures recovery, not limits.
      RATE_LIMITS: 'off',
      DATABASE_URL: stores.databaseUrl,
      // The broker's admin: the script's topics and consumer group are its own.
      ...broker.adminEnvironment,
      EVENT_STORE: 'postgres',
      JWT_ISSUER: TEST_ISSUER,
      JWT_AUDIENCE: TEST_AUDIENCE,
      JWT_ALGORITHMS: 'RS256,ES256',
      JWT_PUBLIC_KEY: keys.publicKeyPem,
    };
    for (const unset of ['JWT_PUBLIC_KEY_FILE', 'JWT_JWKS_FILE', 'JWT_SECRET', 'PORT']) {
      delete common[unset];
    }
    const org = await ServiceProcess.on({
      name: 'org',
      main: 'services/org/src/main.ts',
      readyPollMs: 25,
      readyTimeoutMs: 120_000,
      ...(settings.logs ? { logFile: path.join(settings.logs, `org-${run}.log`) } : {}),
      environment: {
        ...common,
        MONGO_URL: withDatabase(stores.mongoUrl, names.org),
        ORG_EVENT_STORE_SCHEMA: names.org,
        ORG_EVENTS_TOPIC: names.orgTopic,
      },
    });
    const goals = await ServiceProcess.on({
      name: 'goals',
      main: 'services/goals/src/main.ts',
      readyPollMs: 25,
      readyTimeoutMs: 120_000,
      ...(settings.logs ? { logFile: path.join(settings.logs, `goals-${run}.log`) } : {}),
      environment: {
        ...common,
        MONGO_URL: withDatabase(stores.mongoUrl, names.goals),
        GOALS_EVENT_STORE_SCHEMA: names.goals,
        GOALS_EVENTS_TOPIC: names.goalsTopic,
        ORG_EVENTS_TOPIC: names.orgTopic,
      },
    });
    services.push(org, goals);
    await org.restart();
    log(`org up on ${org.url}`);
    const firstStart = await goals.restart();
    log(
      `goals up on ${goals.url} (cold start ${seconds(firstStart.readyAt - firstStart.spawnedAt)})`,
    );

    directory = await mongoose
      .createConnection(withDatabase(stores.mongoUrl, names.goals), {
        serverSelectionTimeoutMS: 10_000,
        socketTimeoutMS: 30_000,
      })
      .asPromise();
    const people = directory.collection(orgDirectoryCollections.people);
    const known = (personId: string) => async () =>
      (await people.findOne({ tenantId, id: personId }, { projection: { _id: 1 } })) !== null;
    const relayed = (position: bigint) => async () => {
      const { rows } = await pg.query<{ position: string }>(
        `SELECT position FROM "${names.org}".relay_checkpoints WHERE name = 'org'`,
      );
      return rows.length > 0 && BigInt(rows[0].position) >= position;
    };
    // The directory's consumer has resumed once its group commits offsets again: kafkajs commits
    // after each batch, so this is a bound from above (a batch of a backlog takes a while).
    const kafka = kafkaClient(broker.adminConnection, {
      clientId: 'recovery-fault',
      logLevel: logLevel.NOTHING,
      retry: { initialRetryTime: 100, maxRetryTime: 500, retries: 60 },
    });
    const directoryCommitted = async (admin: Admin): Promise<bigint> => {
      const [topic] = await admin.fetchOffsets({
        groupId: 'rhythm-goals.org-directory',
        topics: [names.orgTopic],
      });
      return topic.partitions.reduce(
        (sum, partition) => sum + (partition.offset === '-1' ? 0n : BigInt(partition.offset)),
        0n,
      );
    };
    /** When the directory's group has committed beyond what it had at the call. */
    const directoryResumed = async (): Promise<number | undefined> => {
      const admin = kafka.admin();
      await admin.connect();
      try {
        // A broker just back answers "the coordinator is loading" for a while.
        let before: bigint | undefined;
        await whenTrue(async () => {
          before = await directoryCommitted(admin);
          return true;
        });
        if (before === undefined) return undefined;
        const baseline = before;
        return await whenTrue(async () => (await directoryCommitted(admin)) > baseline);
      } finally {
        await admin.disconnect();
      }
    };
    const orgHead = async (): Promise<bigint> => {
      const { rows } = await pg.query<{ head: string | null }>(
        `SELECT max(global_position) AS head FROM "${names.org}".events`,
      );
      return BigInt(rows[0].head ?? 0);
    };

    const found = async (route: string, body: object): Promise<string> => {
      const response = await fetch(`${org.url}${route}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${founder}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (response.status !== 201) throw new Error(`POST ${route} answered ${response.status}`);
      return ((await response.json()) as { id: string }).id;
    };
    await found('/organisation', { name: 'Fault Line' });
    const adminId = await found('/people', { name: 'Ada', email: 'ada@fault.test' });
    const token = mintTestToken({ sub: adminId, tenant: tenantId, roles: ['admin'], ttl: '12h' });
    load = new OrgCommandLoad({
      orgUrl: org.url,
      token,
      rate: settings.rate,
      clients: settings.clients,
    });
    load.start();
    /** Waits until a person who joins now reaches the directory: the consumer follows. */
    const steady = async (label: string) => {
      const probe = await load!.join(`Steady ${label}`);
      const seenAt = await whenTrue(known(probe.personId));
      if (seenAt === undefined) throw new Error(`The org directory does not follow (${label})`);
      await sleep(3_000);
    };
    await steady('start');
    log(`load running: ${settings.rate} org commands/s`);

    // Without faults: does the short session hold under load, and how far behind is the directory?
    const quietFrom = goals.linesPrinted;
    const lags: number[] = [];
    const quietUntil = Date.now() + settings.steadySeconds * 1_000;
    for (let n = 0; Date.now() < quietUntil; n++) {
      const probe = await load.join(`Steady probe ${n}`);
      const seenAt = await whenTrue(known(probe.personId));
      if (seenAt !== undefined) lags.push(seenAt - probe.acceptedAt);
      await sleep(1_000);
    }
    const groupTrouble = goals
      .linesSince(quietFrom)
      .filter((line) => /rebalanc|Crash|not aware of this member|UNKNOWN_MEMBER_ID/i.test(line));
    lags.sort((a, b) => a - b);
    const quiet = {
      rejoins: groupTrouble.length,
      p50: lags[Math.floor(lags.length / 2)],
      max: lags[lags.length - 1],
      probes: lags.length,
    };
    log(
      `no fault, ${settings.steadySeconds} s: ${quiet.rejoins} group rejoins or crashes in goals' log; ` +
        `org directory behind by ${seconds(quiet.p50)} (p50), ${seconds(quiet.max)} (max) over ${quiet.probes} probes`,
    );
    for (const line of groupTrouble.slice(0, 5)) console.log(`  ${line.slice(0, 300)}`);

    const killed: Figure[] = [
      { label: 'kill -9 goals → process answers HTTP', goal: false, values: [] },
      { label: 'kill -9 goals → /health/ready 200', goal: true, values: [] },
      { label: 'kill -9 goals → org directory commits again', goal: true, values: [] },
      { label: 'kill -9 goals → org directory shows a change made then', goal: true, values: [] },
    ];
    const since = (from: number, at: number | undefined) =>
      at === undefined ? undefined : at - from;
    for (let round = 1; round <= settings.rounds; round++) {
      await goals.kill('SIGKILL');
      const killedAt = Date.now();
      const resuming = directoryResumed();
      const starting = goals.restart();
      // An org change made after the restart: the directory follows once it shows it.
      const probe = await load.join(`Probe kill ${round}`);
      const started = await starting;
      const [resumedAt, seenAt] = await Promise.all([resuming, whenTrue(known(probe.personId))]);
      killed[0].values.push(started.answeredAt - killedAt);
      killed[1].values.push(started.readyAt - killedAt);
      killed[2].values.push(since(killedAt, resumedAt));
      killed[3].values.push(since(killedAt, seenAt));
      log(
        `kill -9 round ${round}: ready after ${seconds(started.readyAt - killedAt)}, consumer ` +
          `commits again after ${seconds(since(killedAt, resumedAt))}, org directory shows a change made ` +
          `then after ${seconds(since(killedAt, seenAt))}`,
      );
      if (seenAt === undefined) console.log(goals.logs());
      await steady(`after kill ${round}`);
    }

    const restarted: Figure[] = [
      { label: 'broker restart: broker down for', goal: false, values: [] },
      { label: 'broker back → org relay publishes again', goal: true, values: [] },
      { label: 'broker back → org directory commits again', goal: true, values: [] },
      { label: 'broker back → org directory shows a change made then', goal: true, values: [] },
    ];
    for (let round = 1; round <= settings.rounds; round++) {
      const stoppedAt = Date.now();
      await broker.stop(settings.brokerStop);
      await load.join(`While the broker is down ${round}`);
      await broker.start();
      const backAt = Date.now();
      const resuming = directoryResumed();
      const probe = await load.join(`Probe broker ${round}`);
      const position = await orgHead();
      const [relayedAt, resumedAt, seenAt] = await Promise.all([
        whenTrue(relayed(position)),
        resuming,
        whenTrue(known(probe.personId)),
      ]);
      restarted[0].values.push(backAt - stoppedAt);
      restarted[1].values.push(since(backAt, relayedAt));
      restarted[2].values.push(since(backAt, resumedAt));
      restarted[3].values.push(since(backAt, seenAt));
      log(
        `broker restart round ${round}: down ${seconds(backAt - stoppedAt)}, relay publishes after ` +
          `${seconds(since(backAt, relayedAt))}, consumer commits again after ${seconds(since(backAt, resumedAt))}, ` +
          `org directory shows a change made then after ${seconds(since(backAt, seenAt))} ` +
          `(${settings.rate} commands/s piled up while the broker was away)`,
      );
      if (seenAt === undefined) console.log(goals.logs());
      await steady(`after broker restart ${round}`);
    }

    await load.stop();
    console.log(
      `\nno fault, ${settings.steadySeconds} s of load: ${quiet.rejoins} consumer group rejoins or crashes; ` +
        `org directory behind by ${seconds(quiet.p50)} (p50), ${seconds(quiet.max)} (max)`,
    );
    printFigures([...killed, ...restarted]);
    console.log(
      `\norg commands: ${load.counts.accepted} accepted, ${load.counts.refused} refused, ` +
        `${load.counts.unanswered} unanswered`,
    );
  } finally {
    await cleanUpOnce();
  }
};

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
