import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { TEST_AUDIENCE, TEST_ISSUER, testKeyPair } from '@rhythm/identity';
import mongoose from 'mongoose';
import { Client } from 'pg';
import { pollUntil } from './expect-eventually';
import { testInfrastructure, testKafkaClient } from './infrastructure';

const workspaceRoot = path.join(__dirname, '..', '..', '..');

export type ServiceProcessOptions = Readonly<{
  /** For messages: 'org', 'goals'. */
  name: string;
  /** The service's main.ts, from the workspace root, e.g. `services/org/src/main.ts`. */
  main: string;
  /** The environment its configuration validates; PORT is set by the process. */
  environment: NodeJS.ProcessEnv;
  /** Milliseconds to wait for /health/ready (default 90 s: a slow 2-core machine, cold SWC). */
  readyTimeoutMs?: number;
  /** How often /health/ready is asked while starting (default 200 ms; a fault bench asks often). */
  readyPollMs?: number;
  /** Appends every line the process prints to this file, for a look afterwards. */
  logFile?: string;
}>;

/** When a start was asked for, when the process first answered at all, and when it said ready. */
export type StartTimes = Readonly<{ spawnedAt: number; answeredAt: number; readyAt: number }>;

export type ServiceExit = NodeJS.Signals | number | null;

/** One sample of a Prometheus metric as /metrics shows it. */
export type MetricSample = Readonly<{ labels: Readonly<Record<string, string>>; value: number }>;

/**
 * What every service's configuration needs in a test: the stack's servers (the read store on its
 * own database), the PostgreSQL event store, and the test identity `mintTestToken` signs for.
 */
export const serviceTestEnvironment = (
  options: Readonly<{ database: string; logLevel?: string }>,
): NodeJS.ProcessEnv => {
  const mongoUrl = new URL(testInfrastructure.mongoUrl());
  mongoUrl.pathname = `/${options.database}`;
  return {
    ...process.env,
    TZ: 'UTC',
    // Default warn: a thousand request lines per burst help nobody.
    LOG_LEVEL: options.logLevel ?? 'warn',
    SHUTDOWN_TIMEOUT_MS: '15000',
    // Tests send bursts from one tenant and one address; the limits have tests of their own
    // (libs/operability, the services' hostile-input e2e specs, docs/adr/0033).
    RATE_LIMITS: 'off',
    DATABASE_URL: testInfrastructure.databaseUrl(),
    // The admin principal when the brokers authenticate: tests use topics of their own names.
    ...testInfrastructure.kafkaEnvironment(),
    MONGO_URL: mongoUrl.toString(),
    EVENT_STORE: 'postgres',
    JWT_ISSUER: TEST_ISSUER,
    JWT_AUDIENCE: TEST_AUDIENCE,
    JWT_ALGORITHMS: 'RS256,ES256',
    JWT_PUBLIC_KEY: testKeyPair().publicKeyPem,
    JWT_PUBLIC_KEY_FILE: '',
    JWT_JWKS_FILE: '',
    JWT_SECRET: '',
  };
};

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

/**
 * A service as a child process (`node -r ./tools/register.js <main.ts>`) on a free port: what a
 * user or a crash really meets. `kill('SIGKILL')` and `restart()` keep the port and environment.
 */
export class ServiceProcess {
  private child: ChildProcess | undefined;
  private exited: Promise<ServiceExit> = Promise.resolve(null);
  private readonly output: string[] = [];
  private printed = 0;
  private starts = 0;

  private constructor(
    readonly port: number,
    private readonly options: ServiceProcessOptions,
  ) {}

  /** Starts the service and waits until it is ready. */
  static async start(options: ServiceProcessOptions): Promise<ServiceProcess> {
    const service = await ServiceProcess.on(options);
    await service.restart();
    return service;
  }

  /** A service on a port of its own, not started yet (`restart()` starts it). */
  static async on(options: ServiceProcessOptions): Promise<ServiceProcess> {
    return new ServiceProcess(await freePort(), options);
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

  /** How many times a process was started. */
  get startCount(): number {
    return this.starts;
  }

  /**
   * Starts a process (again) on the same port and environment and waits until it is ready;
   * resolves with when it was spawned, first answered and was ready.
   */
  async restart(): Promise<StartTimes> {
    const { name, main, environment } = this.options;
    if (this.running) throw new Error(`The ${name} service is still running (pid ${this.pid})`);
    const env = Object.fromEntries(
      Object.entries({ ...environment, PORT: String(this.port) }).filter(
        ([, value]) => value !== '',
      ),
    );
    const spawnedAt = Date.now();
    const child = spawn(process.execPath, ['-r', './tools/register.js', main], {
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
    const answeredAt = await this.waitUntilReady(child);
    return { spawnedAt, answeredAt, readyAt: Date.now() };
  }

  /** Sends the signal and waits for the process to end; resolves with the signal or exit code. */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<ServiceExit> {
    if (this.running) this.child!.kill(signal);
    return this.exited;
  }

  /** Graceful stop (SIGTERM: drain the relay and projections), then the exit code. */
  stop(): Promise<ServiceExit> {
    return this.kill('SIGTERM');
  }

  /** The last lines the process printed, for a failure message. */
  logs(lines = 60): string {
    return this.output.slice(-lines).join('\n');
  }

  /** How many lines the process printed so far (all its starts together). */
  get linesPrinted(): number {
    return this.printed;
  }

  /** The lines printed after `mark` (a linesPrinted value), as far as the last 500 reach. */
  linesSince(mark: number): string[] {
    return this.output.slice(Math.max(0, this.output.length - (this.printed - mark)));
  }

  /** The readiness report, or undefined while nothing answers on the port. */
  async readinessReport(): Promise<unknown> {
    const response = await fetch(`${this.url}/health/ready`, {
      signal: AbortSignal.timeout(3_000),
    }).catch(() => undefined);
    return response?.json().catch(() => undefined);
  }

  /** The samples of one metric on /metrics (text exposition format). */
  async metric(name: string): Promise<MetricSample[]> {
    const response = await fetch(`${this.url}/metrics`, { signal: AbortSignal.timeout(5_000) });
    const text = await response.text();
    const samples: MetricSample[] = [];
    for (const line of text.split('\n')) {
      const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
      if (!match || match[1] !== name) continue;
      const labels = Object.fromEntries(
        [...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map(([, key, value]) => [
          key,
          value,
        ]),
      );
      samples.push({ labels, value: Number(match[3]) });
    }
    return samples;
  }

  /** Resolves with when the process first answered on its port. */
  private async waitUntilReady(child: ChildProcess): Promise<number> {
    const { name } = this.options;
    let answeredAt: number | undefined;
    let exit: ServiceExit | undefined;
    void this.exited.then((value) => (exit = value));
    try {
      await pollUntil(
        async () => {
          if (exit !== undefined) return 'exited';
          const response = await fetch(`${this.url}/health/ready`, {
            signal: AbortSignal.timeout(5_000),
          }).catch(() => undefined);
          await response?.arrayBuffer();
          if (response) answeredAt ??= Date.now();
          return response?.status === 200 ? 'ready' : 'starting';
        },
        (state) => state !== 'starting',
        {
          timeoutMs: this.options.readyTimeoutMs ?? 90_000,
          intervalMs: this.options.readyPollMs ?? 200,
          description: `the ${name} service to be ready`,
        },
      );
    } catch (error) {
      child.kill('SIGKILL');
      throw new Error(`${(error as Error).message}\n${this.logs()}`);
    }
    if (exit !== undefined) {
      throw new Error(
        `The ${name} service exited (${String(exit)}) while starting:\n${this.logs()}`,
      );
    }
    return answeredAt ?? Date.now();
  }

  private remember(line: string): void {
    if (this.options.logFile) appendFileSync(this.options.logFile, `${line}\n`);
    this.printed++;
    this.output.push(line);
    if (this.output.length > 500) this.output.splice(0, this.output.length - 500);
  }
}

/** Drops what services of a test wrote: PostgreSQL schemas, read databases and Kafka topics. */
export const dropTestStores = async (
  stores: Readonly<{ schemas?: string[]; databases?: string[]; topics?: string[] }>,
): Promise<void> => {
  const pg = new Client({ connectionString: testInfrastructure.databaseUrl() });
  await pg.connect();
  try {
    for (const schema of stores.schemas ?? []) {
      await pg.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    }
  } finally {
    await pg.end();
  }
  for (const database of stores.databases ?? []) {
    const url = new URL(testInfrastructure.mongoUrl());
    url.pathname = `/${database}`;
    const mongo = await mongoose
      // A wedged read store fails the cleanup instead of hanging it.
      .createConnection(url.toString(), {
        serverSelectionTimeoutMS: 10_000,
        socketTimeoutMS: 60_000,
      })
      .asPromise();
    try {
      await mongo.dropDatabase();
    } finally {
      await mongo.close();
    }
  }
  if (!stores.topics?.length) return;
  const admin = testKafkaClient('test-cleanup').admin();
  await admin.connect();
  try {
    await admin.deleteTopics({ topics: stores.topics }).catch(() => undefined);
  } finally {
    await admin.disconnect();
  }
};
