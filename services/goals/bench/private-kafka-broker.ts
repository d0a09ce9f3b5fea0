import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync } from 'node:fs';
import { appendFile, copyFile, mkdir, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { kafkaConnectionFromEnvironment, type KafkaConnection } from '@rhythm/kafka-access';

const run = promisify(execFile);
const workspaceRoot = path.join(__dirname, '..', '..', '..');
const stackScript = path.join(workspaceRoot, 'deploy', 'local', 'stack.sh');
const kafkaLibs = path.join(workspaceRoot, '.local', 'kafka', 'libs');

export type PrivateKafkaBrokerOptions = Readonly<{
  /** Client port; the controller listens on the next one. */
  port: number;
  /** Data folder of its own (configuration, KRaft logs, broker log); deleted by dispose(). */
  dataDir: string;
}>;

/**
 * A single-node KRaft broker of the fault script's own, on other ports and another data folder
 * than the shared stack's, so that it may be restarted while other people's tests use theirs.
 * Its settings are the stack's, authentication and ACLs included (docs/adr/0035): `stack.sh
 * kafka-format` writes server.properties and the credentials for this data folder and port
 * (RHYTHM_DATA, RHYTHM_KAFKA_PORT) and formats the storage with the users; `stack.sh env` says
 * how to connect as the admin.
 */
export class PrivateKafkaBroker {
  private process: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();
  private admin: Readonly<Record<string, string>> = {};

  private constructor(private readonly options: PrivateKafkaBrokerOptions) {}

  static async create(options: PrivateKafkaBrokerOptions): Promise<PrivateKafkaBroker> {
    if (!existsSync(kafkaLibs)) {
      throw new Error(`No Kafka jars in ${kafkaLibs}: run \`bash deploy/local/stack.sh up\` once`);
    }
    const broker = new PrivateKafkaBroker(options);
    await mkdir(options.dataDir, { recursive: true });
    if (await portAnswers(options.port)) {
      throw new Error(`Port ${options.port} is taken: set RECOVERY_KAFKA_PORT to a free one`);
    }
    const stackEnvironment = {
      ...process.env,
      RHYTHM_DATA: options.dataDir,
      RHYTHM_KAFKA_PORT: String(options.port),
      RHYTHM_KAFKA_CONTROLLER_PORT: String(options.port + 1),
    };
    await run('bash', [stackScript, 'kafka-format'], { env: stackEnvironment });
    const { stdout } = await run('bash', [stackScript, 'env'], { env: stackEnvironment });
    broker.admin = Object.fromEntries(
      [...stdout.matchAll(/^export (KAFKA_[A-Z_]+)=(.*)$/gm)].map((match) => [match[1], match[2]]),
    );
    // The group coordinator says when it loads a group and why a member leaves it.
    await appendFile(
      broker.file('log4j.properties'),
      'log4j.logger.kafka.coordinator.group=INFO\n',
    );
    return broker;
  }

  get address(): string {
    return `127.0.0.1:${this.options.port}`;
  }

  /** KAFKA_BROKERS and the admin's credentials, for a child process's environment. */
  get adminEnvironment(): Readonly<Record<string, string>> {
    return this.admin;
  }

  /** The broker as its admin (a super user: the script's topics and groups are its own). */
  get adminConnection(): KafkaConnection {
    return kafkaConnectionFromEnvironment(this.admin);
  }

  get running(): boolean {
    return this.process !== undefined && this.process.exitCode === null && !this.process.killed;
  }

  /** Starts the broker and resolves once it accepts connections. */
  async start(): Promise<void> {
    if (this.running) throw new Error('The private broker runs already');
    const log = createWriteStream(path.join(this.options.dataDir, 'kafka.log'), { flags: 'a' });
    const child = spawn(
      'java',
      [
        '-Xms256m',
        '-Xmx512m',
        '-XX:+UseG1GC',
        '-XX:MaxGCPauseMillis=20',
        '-Djava.awt.headless=true',
        `-Dlog4j.configuration=file:${this.file('log4j.properties')}`,
        '-cp',
        `${kafkaLibs}/*`,
        'kafka.Kafka',
        this.file('server.properties'),
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child.stdout.pipe(log);
    child.stderr.pipe(log);
    this.process = child;
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    const deadline = Date.now() + 120_000;
    while (!(await portAnswers(this.options.port))) {
      if (child.exitCode !== null) {
        throw new Error(`The private broker exited (see ${this.options.dataDir}/kafka.log)`);
      }
      if (Date.now() > deadline) throw new Error('The private broker did not start in 120 s');
      await sleep(50);
    }
  }

  /** SIGTERM (a clean broker shutdown) or SIGKILL; resolves when the process has exited. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    if (this.running) this.process!.kill(signal);
    await this.exited;
  }

  /** Stops the broker and deletes its data folder, keeping its log at `keepLogAs` if given. */
  async dispose(keepLogAs?: string): Promise<void> {
    await this.stop('SIGKILL');
    if (keepLogAs) {
      await copyFile(path.join(this.options.dataDir, 'kafka.log'), keepLogAs).catch(
        () => undefined,
      );
    }
    await rm(this.options.dataDir, { recursive: true, force: true });
  }

  private file(name: string): string {
    return path.join(this.options.dataDir, 'kafka', name);
  }
}

const portAnswers = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
