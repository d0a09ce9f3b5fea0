import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import {
  type AccessTokenClaims,
  AccessTokenVerifier,
  mintDevelopmentToken,
} from '@rhythm/identity';
import { kafkaClient, kafkaConnectionOf } from '@rhythm/kafka-access';
import {
  createPinoLogger,
  degraded,
  type HealthCheck,
  HealthChecks,
  identityConfigOf,
  installGracefulShutdown,
  listeningUrl,
  OperabilityModule,
  requestLoggingMiddleware,
  securityHeaders,
  ServiceLogger,
  ShutdownRegistry,
} from '@rhythm/operability';
import { type NextFunction, type Request, type Response, Router } from 'express';
import type { Kafka } from 'kafkajs';
import type { DestinationStream, Logger } from 'pino';
import { BoardLinks } from './boards/board-links';
import { ConsoleFiles } from './console/console-files';
import {
  type GatewayConfiguration,
  routedServices,
  type RoutedService,
  serviceUrlOf,
} from './gateway-configuration';
import { LiveFeed } from './live/live-feed';
import { LiveHub } from './live/live-hub';
import { openLiveStream } from './live/live-stream';
import { SubjectVisibility } from './live/subject-visibility';
import { sendError, sendUnauthenticated } from './routing/gateway-answers';
import { serviceRoute, ServiceForwarder } from './routing/service-routes';
import { DevelopmentSignInDesk, type DevelopmentTokenMinter } from './session/development-sign-in';
import { OpenIdSignIn } from './session/openid-sign-in';
import { SessionSeal } from './session/session-cookie';
import { sessionRoutes } from './session/session.routes';
import { Sessions } from './session/sessions';

/** The development sign-in's sealing key where none is configured: the local stack only. */
const DEVELOPMENT_SESSION_SECRET = 'rhythm-local-development-session-secret-not-for-production';

export type GatewayAppOptions = Readonly<{
  /** Default: the local development key (`mintDevelopmentToken`, 8 hours). */
  mintDevelopmentToken?: DevelopmentTokenMinter;
  /** Tests: read the log lines back. Default stdout. */
  logDestination?: DestinationStream;
}>;

/** What a test or main.ts holds on to besides the Nest application. */
export type GatewayApp = Readonly<{
  app: NestExpressApplication;
  feed: LiveFeed;
  hub: LiveHub;
  logger: Logger;
}>;

@Module({ imports: [OperabilityModule] })
class GatewayModule {}

const developmentMinter: DevelopmentTokenMinter = (claims: AccessTokenClaims) =>
  mintDevelopmentToken({ ...claims, ttl: '8h' });

/** Reachable answers readiness; a service down leaves the gateway ready but degraded. */
const serviceReachable = (service: RoutedService, url: string): HealthCheck => ({
  name: `service-${service}`,
  timeoutMs: 1_500,
  check: async () => {
    try {
      const answer = await fetch(`${url}/health/live`, { signal: AbortSignal.timeout(1_000) });
      await answer.body?.cancel();
      return answer.ok ? undefined : degraded(`${service} answers ${answer.status}`);
    } catch {
      return degraded(`${service} is not reachable at ${url}`);
    }
  },
});

/**
 * The gateway: the browser's one origin (ADR 0050). It serves the console, routes
 * `/api/<service>/*` to the services with the session's token, keeps sessions in sealed
 * httpOnly cookies, signs people in (development sign-in locally, OpenID Connect elsewhere),
 * pushes live changes filtered by what each person may see, and serves TV boards by their
 * links. Initialised, not listening: tests drive it with supertest or listen themselves.
 */
export const createGatewayApp = async (
  config: GatewayConfiguration,
  options: GatewayAppOptions = {},
): Promise<GatewayApp> => {
  const logger = createPinoLogger({
    service: 'gateway',
    level: config.LOG_LEVEL,
    destination: options.logDestination,
  });
  const app = await NestFactory.create<NestExpressApplication>(GatewayModule, {
    logger: new ServiceLogger(logger),
    abortOnError: false,
    // Bodies stream through to the services; the session routes read their own.
    bodyParser: false,
  });
  app.disable('x-powered-by');
  app.set('trust proxy', config.TRUST_PROXY);

  const urlOf = (service: RoutedService) => serviceUrlOf(config, service);
  const secret = config.SESSION_SECRET ?? DEVELOPMENT_SESSION_SECRET;
  const sessions = new Sessions(
    new AccessTokenVerifier(identityConfigOf(config)),
    new SessionSeal(secret, 'session'),
  );
  const forwarder = new ServiceForwarder(config.PROXY_TIMEOUT_MS);
  const hub = new LiveHub(new SubjectVisibility(urlOf), {
    connectionsPerPerson: config.LIVE_CONNECTIONS_PER_PERSON,
    heartbeatMs: config.LIVE_HEARTBEAT_MS,
    batchMs: config.LIVE_VISIBILITY_BATCH_MS,
    catchUpMs: config.LIVE_CATCH_UP_MS,
  });
  const kafka: Kafka = kafkaClient(kafkaConnectionOf(config), { clientId: 'rhythm-gateway' });
  const feed = new LiveFeed({
    kafka,
    topics: [
      config.ORG_EVENTS_TOPIC,
      config.GOALS_EVENTS_TOPIC,
      config.CHECKINS_EVENTS_TOPIC,
      config.RECOGNITION_EVENTS_TOPIC,
    ],
    groupPrefix: config.LIVE_GROUP_PREFIX,
    deliver: (envelope) => hub.publish(envelope),
    logger,
  });
  const boards = new BoardLinks(
    { name: 'goals', url: config.GOALS_URL },
    forwarder,
    hub,
    config.BOARD_RECHECK_MS,
  );
  const consoleFiles = new ConsoleFiles(config.CONSOLE_DIST);
  if (!consoleFiles.built) {
    logger.warn({ dist: config.CONSOLE_DIST }, 'the console is not built: npm run console:build');
  }

  app.use(requestLoggingMiddleware(logger));
  app.use(securityHeaders({ hstsMaxAgeSeconds: config.HSTS_MAX_AGE_SECONDS }));
  app.use(
    sessionRoutes({
      sessions,
      development: config.RHYTHM_DEV_SIGN_IN
        ? new DevelopmentSignInDesk(
            config.ORG_URL,
            options.mintDevelopmentToken ?? developmentMinter,
          )
        : undefined,
      openId:
        config.OIDC_ISSUER && config.OIDC_CLIENT_ID && config.OIDC_REDIRECT_URI
          ? new OpenIdSignIn(
              {
                issuer: config.OIDC_ISSUER,
                clientId: config.OIDC_CLIENT_ID,
                clientSecret: config.OIDC_CLIENT_SECRET,
                redirectUri: config.OIDC_REDIRECT_URI,
                scopes: config.OIDC_SCOPES,
                sessionToken: config.OIDC_TOKEN,
              },
              new SessionSeal(secret, 'oidc-sign-in'),
            )
          : undefined,
    }),
  );
  // Live streams; TV boards take no session, the link is the credential.
  const ownRoutes = Router();
  ownRoutes.get('/api/boards/:token/live', (request, response, next) => {
    boards.live(request, response).catch(next);
  });
  ownRoutes.get('/api/boards/:token', boards.view);
  ownRoutes.get('/api/live', (request: Request, response: Response) => {
    const session = sessions.of(request);
    if (!session) {
      sendUnauthenticated(request, response);
      return;
    }
    openLiveStream(request, response, hub, session.organisationId, {
      kind: 'person',
      personId: session.personId,
      token: session.token,
      expiresAt: session.expiresAt,
    });
  });
  app.use(ownRoutes);
  // Matched on the path, not mounted: Express would strip the prefix from what the logs show.
  const routes = new Map(
    routedServices.map((service) => [
      service,
      serviceRoute({ name: service, url: urlOf(service) }, forwarder, (request) =>
        sessions.of(request),
      ),
    ]),
  );
  app.use((request: Request, response: Response, next: NextFunction) => {
    const service = /^\/api\/([a-z]+)(?:\/|$)/.exec(request.path)?.[1];
    const route = service === undefined ? undefined : routes.get(service as RoutedService);
    if (route) route(request, response, next);
    else next();
  });
  app.use(consoleFiles.handle);

  app
    .get(HealthChecks)
    .register(
      feed.healthCheck(),
      ...routedServices.map((service) => serviceReachable(service, urlOf(service))),
    );
  app.get(ShutdownRegistry).drainOnShutdown(
    // Streams first (browsers reconnect elsewhere), then the feed that fed them.
    { name: 'live-streams', drain: () => hub.close() },
    { name: 'live-feed', drain: () => feed.stop() },
  );
  app.get(ShutdownRegistry).closeOnShutdown({
    name: 'service-connections',
    close: () => Promise.resolve(forwarder.close()),
  });

  await app.init();
  // After Nest's routes (health, metrics): what nobody answered, in the services' shape.
  app.use((request: Request, response: Response) =>
    sendError(request, response, 404, 'not_found', `Nothing at ${request.method} ${request.path}.`),
  );
  app.use((error: unknown, request: Request, response: Response, _next: NextFunction) => {
    logger.error({ err: error, path: request.path }, 'gateway request failed');
    sendError(request, response, 500, 'internal_error', 'Something went wrong at the gateway.');
  });
  return { app, feed, hub, logger };
};

/**
 * createGatewayApp, then the live feed, listening on HOST:PORT, and the graceful shutdown on
 * SIGTERM/SIGINT (streams closed, the feed's group deleted, within SHUTDOWN_TIMEOUT_MS).
 */
export const bootstrapGateway = async (config: GatewayConfiguration): Promise<void> => {
  const logger = createPinoLogger({ service: 'gateway', level: config.LOG_LEVEL });
  const fail = (message: string) => (error: unknown) => {
    logger.fatal({ err: error }, message);
    logger.flush();
    process.exit(1);
  };
  process.on('uncaughtException', fail('uncaught exception'));
  process.on('unhandledRejection', fail('unhandled promise rejection'));
  try {
    const { app, feed } = await createGatewayApp(config);
    installGracefulShutdown(app, { timeoutMs: config.SHUTDOWN_TIMEOUT_MS, logger });
    await app.listen(config.PORT, config.HOST);
    const url = listeningUrl(config.HOST, config.PORT);
    logger.info({ url }, `gateway is listening on ${url}: open it in a browser`);
    // Not awaited before listening: the console and the API work while the feed joins.
    feed.start().catch(fail('the live feed could not start'));
  } catch (error) {
    fail('gateway could not start')(error);
  }
};
