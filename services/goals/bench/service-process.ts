import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { createInterface } from 'node:readline';

const workspaceRoot = path.join(__dirname, '..', '..', '..');

export type ServiceProcessOptions = Readonly<{
  name: string;
  /** main.ts of the service, relative to the workspace root. */
  main: string;
  /** The environment its configuration schema validates; PORT is added. */
  environment: NodeJS.ProcessEnv;
  /** Appends every line the process prints to this file, for a look afterwards. */
  logFile?: string;
}>;

/** When a start was asked for, when the process answered at all, and when it said ready. */
export type StartTimes = Readonly<{ spawnedAt: number; answeredAt: number; readyAt: number }>;

/**
 * A service as `node -r ./tools/register.js <main.ts>` on a port of its own, as production runs
 * it: `kill -9` ends it without a goodbye, and start() boots it again on the same port and stores.
 */
export class ServiceProcess {
  private child: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();
  private readonly output: string[] = [];
  private printed = 0;

  private constructor(
    private readonly options: ServiceProcessOptions,
    readonly port: number,
  ) {}

  static async on(options: ServiceProcessOptions): Promise<ServiceProcess> {
    return new ServiceProcess(options, await freePort());
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && !this.child.killed;
  }

  /** Spawns the process and resolves once /health/ready answers 200. */
  async start(timeoutMs = 120_000): Promise<StartTimes> {
    if (this.running) throw new Error(`${this.options.name} runs already`);
    const spawnedAt = Date.now();
    const child = spawn(process.execPath, ['-r', './tools/register.js', this.options.main], {
      cwd: workspaceRoot,
      env: { ...this.options.environment, PORT: String(this.port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream }).on('line', (line) => this.remember(line));
    }
    let answeredAt = 0;
    for (;;) {
      if (child.exitCode !== null) {
        throw new Error(`${this.options.name} exited while starting:\n${this.logs()}`);
      }
      if (Date.now() - spawnedAt > timeoutMs) {
        throw new Error(`${this.options.name} not ready after ${timeoutMs} ms:\n${this.logs()}`);
      }
      const status = await this.readiness();
      if (status !== undefined && answeredAt === 0) answeredAt = Date.now();
      if (status === 200) return { spawnedAt, answeredAt, readyAt: Date.now() };
      await sleep(25);
    }
  }

  /** The readiness report, or undefined while nothing answers on the port. */
  async readinessReport(): Promise<unknown> {
    const response = await fetch(`${this.url}/health/ready`, {
      signal: AbortSignal.timeout(3_000),
    }).catch(() => undefined);
    return response?.json().catch(() => undefined);
  }

  /** SIGKILL: no drain, no leaving of the consumer group. Resolves when the process is gone. */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    if (this.running) this.child!.kill(signal);
    await this.exited;
  }

  logs(lines = 40): string {
    return this.output.slice(-lines).join('\n');
  }

  /** How many lines the process printed so far (all its starts together). */
  get linesPrinted(): number {
    return this.printed;
  }

  /** The lines printed after `mark` (a linesPrinted value), as far as the last 400 reach. */
  linesSince(mark: number): string[] {
    return this.output.slice(Math.max(0, this.output.length - (this.printed - mark)));
  }

  private async readiness(): Promise<number | undefined> {
    const response = await fetch(`${this.url}/health/ready`, {
      signal: AbortSignal.timeout(1_000),
    }).catch(() => undefined);
    await response?.arrayBuffer().catch(() => undefined);
    return response?.status;
  }

  private remember(line: string): void {
    if (this.options.logFile) appendFileSync(this.options.logFile, `${line}\n`);
    this.printed++;
    this.output.push(line);
    if (this.output.length > 400) this.output.splice(0, this.output.length - 400);
  }
}

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
