import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { mintTestToken, TEST_AUDIENCE, TEST_ISSUER, testKeyPair } from '@rhythm/identity';
import { pollUntil, testInfrastructure, uniqueName } from '@rhythm/testing';
import { Kafka, logLevel } from 'kafkajs';
import mongoose from 'mongoose';
import { Client } from 'pg';

const workspaceRoot = path.join(__dirname, '..', '..', '..', '..');
const mainScript = path.join(__dirname, '..', 'main.ts');

/** Where one org service keeps its events, read models and integration events: a restart reuses them. */
export type OrgServiceStores = Readonly<{
  /** PostgreSQL schema of the event store and the relay checkpoint. */
  schema: string;
  /** Mongo database of the read models. */
  database: string;
  /** Kafka topic the relay publishes to. */
  topic: string;
}>;

export type OrgServiceProcessOptions = Readonly<{
  stores?: OrgServiceStores;
  /** Default warn: a thousand request lines per burst help nobody. */
  logLevel?: string;
  /** Milliseconds to wait for /health/ready (default 90 s: a slow 2-core machine, cold SWC). */
  readyTimeoutMs?: number;
}>;

export type OrgServiceExit = NodeJS.Signals | number | null;

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '0.0.0.0', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });

const mongoUrlFor = (database: string): string => {
  const url = new URL(testInfrastructure.mongoUrl());
  url.pathname = `/${database}`;
  return url.toString();
};

/** Fresh stores, unique to this test run. */
export const uniqueOrgStores = (prefix = 'org_e2e'): OrgServiceStores => {
  const name = uniqueName(prefix);
  return { schema: name, database: name, topic: name };
};

/**
 * The org service as a child process (`node -r ./tools/register.js services/org/src/main.ts`) on a
 * free port, with its own stores and the test identity: what a user or a crash really meets.
 * `kill('SIGKILL')` and `restart()` keep the port and the stores.
 */
export class OrgServiceProcess {
  private child: ChildProcess | undefined;
  private exited: Promise<OrgServiceExit> = Promise.resolve(null);
  private readonly output: string[] = [];
  private starts = 0;

  private constructor(
    readonly port: number,
    readonly stores: OrgServiceStores,
    private readonly options: OrgServiceProcessOptions,
  ) {}

  static async start(options: OrgServiceProcessOptions = {}): Promise<OrgServiceProcess> {
    const service = new OrgServiceProcess(
      await freePort(),
      options.stores ?? uniqueOrgStores(),
      options,
    );
    await service.restart();
    return service;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return (
      this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null
    );
  }

  /** How many times a process was started on these stores. */
  get startCount(): number {
    return this.starts;
  }

  /** The environment main.ts validates (org-configuration.ts), pointed at this run's stores. */
  environment(): NodeJS.ProcessEnv {
    const keys = testKeyPair();
    return {
      ...process.env,
      TZ: 'UTC',
      PORT: String(this.port),
      LOG_LEVEL: this.options.logLevel ?? 'warn',
      SHUTDOWN_TIMEOUT_MS: '15000',
      DATABASE_URL: testInfrastructure.databaseUrl(),
      KAFKA_BROKERS: testInfrastructure.kafkaBrokers().join(','),
      MONGO_URL: mongoUrlFor(this.stores.database),
      EVENT_STORE: 'postgres',
      ORG_EVENT_STORE_SCHEMA: this.stores.schema,
      ORG_EVENTS_TOPIC: this.stores.topic,
      // testIdentityConfig(): what mintTestToken signs in this (the test's) process.
      JWT_ISSUER: TEST_ISSUER,
      JWT_AUDIENCE: TEST_AUDIENCE,
      JWT_ALGORITHMS: 'RS256,ES256',
      JWT_PUBLIC_KEY: keys.publicKeyPem,
      JWT_PUBLIC_KEY_FILE: '',
      JWT_JWKS_FILE: '',
      JWT_SECRET: '',
    };
  }

  /** Starts a process (again) on the same port and stores and waits until it is ready. */
  async restart(): Promise<void> {
    if (this.running) throw new Error(`The org service is still running (pid ${this.pid})`);
    const env = Object.fromEntries(
      Object.entries(this.environment()).filter(([, value]) => value !== ''),
    );
    const child = spawn(process.execPath, ['-r', './tools/register.js', mainScript], {
      cwd: workspaceRoot,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.starts++;
    this.child = child;
    const start = this.starts;
    // Read both pipes to the end, or a chatty child blocks on a full pipe.
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream }).on('line', (line) => this.remember(`[${start}] ${line}`));
    }
    this.exited = new Promise((resolve) =>
      child.once('exit', (code, signal) => resolve(signal ?? code)),
    );
    await this.waitUntilReady(child);
  }

  /** Sends the signal and waits for the process to end; resolves with the signal or exit code. */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<OrgServiceExit> {
    if (this.running) this.child!.kill(signal);
    return this.exited;
  }

  /** Graceful stop (SIGTERM: drain the relay and projections), then the exit code. */
  stop(): Promise<OrgServiceExit> {
    return this.kill('SIGTERM');
  }

  /** The last lines the process printed, for a failure message. */
  logs(lines = 60): string {
    return this.output.slice(-lines).join('\n');
  }

  /** Stops the process if it runs and drops the schema, the database and the topic. */
  async dispose(): Promise<void> {
    if (this.running) await this.kill('SIGKILL');
    const pg = new Client({ connectionString: testInfrastructure.databaseUrl() });
    await pg.connect();
    try {
      await pg.query(`DROP SCHEMA IF EXISTS "${this.stores.schema}" CASCADE`);
    } finally {
      await pg.end();
    }
    const mongo = await mongoose
      // A wedged read store fails the cleanup instead of hanging it.
      .createConnection(mongoUrlFor(this.stores.database), {
        serverSelectionTimeoutMS: 10_000,
        socketTimeoutMS: 60_000,
      })
      .asPromise();
    try {
      await mongo.dropDatabase();
    } finally {
      await mongo.close();
    }
    const admin = new Kafka({
      clientId: 'org-e2e-cleanup',
      brokers: testInfrastructure.kafkaBrokers(),
      logLevel: logLevel.NOTHING,
    }).admin();
    await admin.connect();
    try {
      await admin.deleteTopics({ topics: [this.stores.topic] }).catch(() => undefined);
    } finally {
      await admin.disconnect();
    }
  }

  private async waitUntilReady(child: ChildProcess): Promise<void> {
    let exit: OrgServiceExit | undefined;
    void this.exited.then((value) => (exit = value));
    try {
      await pollUntil(
        async () => {
          if (exit !== undefined) return 'exited';
          const response = await fetch(`${this.url}/health/ready`, {
            signal: AbortSignal.timeout(5_000),
          }).catch(() => undefined);
          await response?.arrayBuffer();
          return response?.status === 200 ? 'ready' : 'starting';
        },
        (state) => state !== 'starting',
        {
          timeoutMs: this.options.readyTimeoutMs ?? 90_000,
          intervalMs: 200,
          description: 'the org service to be ready',
        },
      );
    } catch (error) {
      child.kill('SIGKILL');
      throw new Error(`${(error as Error).message}\n${this.logs()}`);
    }
    if (exit !== undefined) {
      throw new Error(`The org service exited (${String(exit)}) while starting:\n${this.logs()}`);
    }
  }

  private remember(line: string): void {
    this.output.push(line);
    if (this.output.length > 500) this.output.splice(0, this.output.length - 500);
  }
}

/** A bearer token the service started by OrgServiceProcess accepts. */
export const orgToken = (
  claims: Readonly<{ personId: string; tenantId: string; roles: readonly string[] }>,
): string =>
  mintTestToken({
    sub: claims.personId,
    tenant: claims.tenantId,
    roles: claims.roles,
    ttl: '1h',
  });
