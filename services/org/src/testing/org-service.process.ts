import { mintTestToken } from '@rhythm/identity';
import {
  dropTestStores,
  serviceTestEnvironment,
  ServiceProcess,
  uniqueName,
  type MetricSample,
  type ServiceExit,
} from '@rhythm/testing';

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
  /** Variables over the test defaults, e.g. rate limits on (the test environment has them off). */
  environment?: NodeJS.ProcessEnv;
}>;

export type OrgServiceExit = ServiceExit;

/** Fresh stores, unique to this test run. */
export const uniqueOrgStores = (prefix = 'org_e2e'): OrgServiceStores => {
  const name = uniqueName(prefix);
  return { schema: name, database: name, topic: name };
};

/** The environment main.ts validates (org-configuration.ts), pointed at these stores. */
const orgEnvironment = (
  stores: OrgServiceStores,
  options: OrgServiceProcessOptions,
): NodeJS.ProcessEnv => ({
  ...serviceTestEnvironment({ database: stores.database, logLevel: options.logLevel }),
  ORG_EVENT_STORE_SCHEMA: stores.schema,
  ORG_EVENTS_TOPIC: stores.topic,
  ...options.environment,
});

/**
 * The org service as a child process (`services/org/src/main.ts`) on a free port, with its own
 * stores and the test identity. `kill('SIGKILL')` and `restart()` keep the port and the stores;
 * two processes started on the same stores are two replicas of one service.
 */
export class OrgServiceProcess {
  private constructor(
    private readonly service: ServiceProcess,
    readonly stores: OrgServiceStores,
  ) {}

  static async start(options: OrgServiceProcessOptions = {}): Promise<OrgServiceProcess> {
    const stores = options.stores ?? uniqueOrgStores();
    const service = await ServiceProcess.start({
      name: 'org',
      main: 'services/org/src/main.ts',
      environment: orgEnvironment(stores, options),
      readyTimeoutMs: options.readyTimeoutMs,
    });
    return new OrgServiceProcess(service, stores);
  }

  get port(): number {
    return this.service.port;
  }

  get url(): string {
    return this.service.url;
  }

  get pid(): number | undefined {
    return this.service.pid;
  }

  get running(): boolean {
    return this.service.running;
  }

  /** How many times a process was started on these stores. */
  get startCount(): number {
    return this.service.startCount;
  }

  /** Starts a process (again) on the same port and stores and waits until it is ready. */
  async restart(): Promise<void> {
    await this.service.restart();
  }

  /** Sends the signal and waits for the process to end; resolves with the signal or exit code. */
  kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<OrgServiceExit> {
    return this.service.kill(signal);
  }

  /** Graceful stop (SIGTERM: drain the relay and projections), then the exit code. */
  stop(): Promise<OrgServiceExit> {
    return this.service.stop();
  }

  /** The last lines the process printed, for a failure message. */
  logs(lines = 60): string {
    return this.service.logs(lines);
  }

  /** The samples of one metric on the process's /metrics. */
  metric(name: string): Promise<MetricSample[]> {
    return this.service.metric(name);
  }

  /** Stops the process if it runs and drops the schema, the database and the topic. */
  async dispose(): Promise<void> {
    if (this.running) await this.kill('SIGKILL');
    await disposeOrgStores(this.stores);
  }
}

/** Drops what the org services of a test wrote: the schema, the database and the topic. */
export const disposeOrgStores = (stores: OrgServiceStores): Promise<void> =>
  dropTestStores({
    schemas: [stores.schema],
    databases: [stores.database],
    topics: [stores.topic],
  });

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
