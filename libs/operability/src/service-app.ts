import {
  type BeforeApplicationShutdown,
  type DynamicModule,
  type INestApplication,
  type InjectionToken,
  Module,
  type OnApplicationBootstrap,
  type Type,
} from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { type NestExpressApplication } from '@nestjs/platform-express';
import { IdentityModule } from '@rhythm/identity';
import type { Admin, Kafka } from 'kafkajs';
import { type DestinationStream, type Logger } from 'pino';
import { identityConfigOf, type ServiceConfiguration } from './configuration-variables';
import {
  type Closable,
  type Drainable,
  installGracefulShutdown,
  ShutdownRegistry,
} from './graceful-shutdown';
import {
  type HealthCheck,
  HealthChecks,
  kafkaHealthCheck,
  mongoHealthCheck,
} from './health-checks';
import { HttpErrorFilter } from './http-error.filter';
import { useJsonBodies } from './json-body.parser';
import { type OpenApiOptions, setupOpenApi } from './open-api';
import { OperabilityModule } from './operability.module';
import { strictQueryString } from './query-string.parser';
import { RequestRateLimits } from './rate-limits';
import { requestLoggingMiddleware } from './request-logging.middleware';
import { securityHeaders } from './security-headers.middleware';
import { createPinoLogger, ServiceLogger } from './service-logger';
import { createValidationPipe } from './validation.pipe';

export type ServiceAppOptions = Readonly<{
  /** Service name: in every log line. */
  name: string;
  /** The service's root module (a class or `SomeModule.forRoot(config)`). */
  module: Type<unknown> | DynamicModule;
  /** From `loadConfiguration(serviceConfigSchema({...}))`. */
  config: ServiceConfiguration;
  /** Default: title `Rhythm <name>`, version 1. */
  openApi?: OpenApiOptions;
  /** Readiness checks, e.g. `app => [postgresHealthCheck(app.get(Pool))]`. */
  healthChecks?: (app: INestApplication) => HealthCheck[];
  /** Drained on shutdown after HTTP stops accepting: consumers, relay, projections. */
  drainables?: (app: INestApplication) => Drainable[];
  /** Closed last on shutdown: pools and clients. */
  closables?: (app: INestApplication) => Closable[];
  /** Anything else before start, e.g. `app.connectMicroservice(...)` for the Kafka side. */
  configure?: (app: NestExpressApplication) => void | Promise<void>;
  /** Tests: read the log lines back. Default stdout. */
  logDestination?: DestinationStream;
}>;

@Module({})
class ServiceRootModule {}

/**
 * A service's Nest application with the whole edge kit, initialised but not listening: JWT guard,
 * correlation ids and JSON request logs, security headers, rate limits, the strict JSON body and
 * query parsers, validation pipe, error filter, /health, /metrics, /docs.
 * Tests use this with supertest; main.ts uses bootstrapService.
 */
export const createServiceApp = (options: ServiceAppOptions): Promise<NestExpressApplication> =>
  createServiceAppWith(options, loggerFor(options));

const loggerFor = (options: ServiceAppOptions) =>
  createPinoLogger({
    service: options.name,
    level: options.config.LOG_LEVEL,
    destination: options.logDestination,
  });

const createServiceAppWith = async (
  options: ServiceAppOptions,
  logger: Logger,
): Promise<NestExpressApplication> => {
  const { config } = options;
  const serviceLogger = new ServiceLogger(logger);
  const root: DynamicModule = {
    module: ServiceRootModule,
    global: true,
    imports: [OperabilityModule, IdentityModule.forRoot(identityConfigOf(config)), options.module],
    providers: [{ provide: ServiceLogger, useValue: serviceLogger }],
    exports: [ServiceLogger],
  };
  const app = await NestFactory.create<NestExpressApplication>(root, {
    logger: serviceLogger,
    abortOnError: false,
    // useJsonBodies below is the one body parser (ADR 0033).
    bodyParser: false,
  });
  app.disable('x-powered-by');
  app.set('trust proxy', config.TRUST_PROXY);
  app.use(requestLoggingMiddleware(logger));
  app.use(securityHeaders({ hstsMaxAgeSeconds: config.HSTS_MAX_AGE_SECONDS }));
  if (config.RATE_LIMITS === 'on') {
    const limits = new RequestRateLimits({
      tenant: {
        perSecond: config.RATE_LIMIT_PER_TENANT_PER_SECOND,
        burst: config.RATE_LIMIT_PER_TENANT_BURST,
      },
      client: {
        perSecond: config.RATE_LIMIT_PER_CLIENT_PER_SECOND,
        burst: config.RATE_LIMIT_PER_CLIENT_BURST,
      },
    });
    app.use(limits.byClient);
    // Global guards added here run after the providers' APP_GUARDs: the tenant is verified.
    app.useGlobalGuards(limits.byTenant);
  } else {
    logger.warn('rate limits are off (RATE_LIMITS=off): no tenant or client is throttled');
  }
  app.use(strictQueryString);
  useJsonBodies(app);
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new HttpErrorFilter(logger));

  app.get(HealthChecks).register(...(options.healthChecks?.(app) ?? []));
  const shutdown = app.get(ShutdownRegistry);
  shutdown.drainOnShutdown(...(options.drainables?.(app) ?? []));
  shutdown.closeOnShutdown(...(options.closables?.(app) ?? []));
  await options.configure?.(app);

  // Before init: Nest's not-found handler is installed at init and would shadow these routes.
  setupOpenApi(app, options.openApi ?? { title: `Rhythm ${options.name}`, version: '1' });
  await app.init();
  return app;
};

/** The address a client uses: `http://127.0.0.1:3001`, `http://[::1]:3001`. */
export const listeningUrl = (host: string, port: number) =>
  `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

/**
 * createServiceApp, then start the microservices, listen on HOST:PORT (default 127.0.0.1: this
 * machine only) and shut down gracefully on SIGTERM/SIGINT within SHUTDOWN_TIMEOUT_MS. Exits 1
 * if the service cannot start.
 */
export const bootstrapService = async (
  options: ServiceAppOptions,
): Promise<NestExpressApplication> => {
  const logger = loggerFor(options);
  const fail = (message: string) => (error: unknown) => {
    logger.fatal({ err: error }, message);
    logger.flush();
    process.exit(1);
  };
  process.on('uncaughtException', fail('uncaught exception'));
  process.on('unhandledRejection', fail('unhandled promise rejection'));
  try {
    const app = await createServiceAppWith(options, logger);
    installGracefulShutdown(app, { timeoutMs: options.config.SHUTDOWN_TIMEOUT_MS, logger });
    await app.startAllMicroservices();
    const { HOST: host, PORT: port } = options.config;
    await app.listen(port, host);
    const url = listeningUrl(host, port);
    logger.info(
      { host, port, url },
      `${options.name} is listening on ${url} (OpenAPI: ${url}/docs)`,
    );
    return app;
  } catch (error) {
    fail(`${options.name} could not start`)(error);
    throw error;
  }
};

/**
 * The injection tokens of an event-sourced context's clients. Each service has its own tokens
 * (one test process may host several services); the shared wiring finds the clients by them.
 */
export type ContextInfrastructure = Readonly<{
  /** The bounded context, e.g. 'org': names the service, its relay and its leases. */
  context: string;
  /** The service's validated configuration; it has DATABASE_URL. */
  configuration: InjectionToken;
  /** The context's EventStore. */
  eventStore: InjectionToken;
  /** A mongoose Connection to the read store. */
  readStore: InjectionToken;
  /** A kafkajs Kafka client. */
  kafka: InjectionToken;
}>;

/** Work a service runs beside HTTP (relay, projections): drained on shutdown, in readiness. */
export type BackgroundWork = Drainable & Readonly<{ healthCheck: () => HealthCheck }>;

/**
 * Nest starts `work` when the app boots and stops it before the app shuts down (the shutdown
 * sequence drains it earlier; stopping must be idempotent). For a provider's factory.
 */
export const startedWithApp = <
  W extends Readonly<{ start: () => Promise<void>; stop: () => Promise<void> }>,
>(
  work: W,
): W & OnApplicationBootstrap & BeforeApplicationShutdown =>
  Object.assign(work, {
    onApplicationBootstrap: () => work.start(),
    beforeApplicationShutdown: () => work.stop(),
  });

export type ContextServiceOptions = Omit<
  ServiceAppOptions,
  'name' | 'openApi' | 'drainables' | 'closables'
> &
  Readonly<{
    /** What the service owns, for its OpenAPI document. */
    description: string;
    /**
     * Its background work (BackgroundWork), drained in this order after HTTP stops: the relay
     * first (it finishes its Kafka transaction), then the projections (they save checkpoints).
     */
    backgroundWork: readonly InjectionToken[];
  }>;

type EventStoreClient = Readonly<{
  headPosition: () => Promise<unknown>;
  close: () => Promise<void>;
}>;
type ReadStoreClient = Parameters<typeof mongoHealthCheck>[0] &
  Readonly<{ close: () => Promise<void> }>;

// One admin client per app for the readiness probe, disconnected when the app closes.
const kafkaAdmins = new WeakMap<INestApplication, Admin>();

/**
 * The options of an event-sourced context's service: readiness of its event store, read store
 * and broker and of its background work; the work drained and the stores closed on shutdown.
 */
export const contextServiceOptions = (
  infrastructure: ContextInfrastructure,
  { description, backgroundWork, healthChecks, ...options }: ContextServiceOptions,
): ServiceAppOptions => ({
  ...options,
  name: infrastructure.context,
  openApi: { title: `Rhythm ${infrastructure.context}`, version: '1', description },
  healthChecks: (app) => {
    const admin = app.get<Kafka>(infrastructure.kafka).admin();
    kafkaAdmins.set(app, admin);
    let connected: Promise<void> | undefined;
    return [
      {
        name: 'event-store',
        check: () => app.get<EventStoreClient>(infrastructure.eventStore).headPosition(),
      },
      mongoHealthCheck(app.get<ReadStoreClient>(infrastructure.readStore)),
      kafkaHealthCheck({
        describeCluster: async () => {
          // Connected once, on the first probe; a failed connect is retried on the next.
          connected ??= admin.connect().catch((error: unknown) => {
            connected = undefined;
            throw error;
          });
          await connected;
          return admin.describeCluster();
        },
      }),
      ...backgroundWork.map((token) => app.get<BackgroundWork>(token).healthCheck()),
      ...(healthChecks?.(app) ?? []),
    ];
  },
  drainables: (app) => backgroundWork.map((token) => app.get<BackgroundWork>(token)),
  closables: (app) => [
    {
      name: 'event-store',
      close: () => app.get<EventStoreClient>(infrastructure.eventStore).close(),
    },
    { name: 'read-store', close: () => app.get<ReadStoreClient>(infrastructure.readStore).close() },
    { name: 'kafka-admin', close: () => kafkaAdmins.get(app)?.disconnect() ?? Promise.resolve() },
  ],
});
