import { type DynamicModule, type INestApplication, Module, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { type NestExpressApplication } from '@nestjs/platform-express';
import { IdentityModule } from '@rhythm/identity';
import { type DestinationStream, type Logger } from 'pino';
import { identityConfigOf, type ServiceConfiguration } from './configuration-variables';
import {
  type Closable,
  type Drainable,
  installGracefulShutdown,
  ShutdownRegistry,
} from './graceful-shutdown';
import { type HealthCheck, HealthChecks } from './health-checks';
import { HttpErrorFilter } from './http-error.filter';
import { type OpenApiOptions, setupOpenApi } from './open-api';
import { OperabilityModule } from './operability.module';
import { requestLoggingMiddleware } from './request-logging.middleware';
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
 * correlation ids and JSON request logs, validation pipe, error filter, /health, /metrics, /docs.
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
  });
  app.disable('x-powered-by');
  app.use(requestLoggingMiddleware(logger));
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

/**
 * createServiceApp, then start the microservices, listen on PORT and shut down gracefully on
 * SIGTERM/SIGINT within SHUTDOWN_TIMEOUT_MS. Exits 1 if the service cannot start.
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
    await app.listen(options.config.PORT, '0.0.0.0');
    logger.info({ port: options.config.PORT }, `${options.name} is listening`);
    return app;
  } catch (error) {
    fail(`${options.name} could not start`)(error);
    throw error;
  }
};
