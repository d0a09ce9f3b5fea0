import { type Server } from 'node:http';
import { Injectable, type INestApplication } from '@nestjs/common';
import { type Logger } from 'pino';
import { HealthChecks } from './health-checks';

/** Something that must finish its in-flight work before the process ends: consumers, relay, projections. */
export type Drainable = Readonly<{ name: string; drain: () => Promise<void> }>;
/** A resource released last: pools, clients. */
export type Closable = Readonly<{ name: string; close: () => Promise<void> }>;

/**
 * What the service registers for shutdown; injectable, or given to bootstrapService. Drainables
 * and closables run one at a time, in the order they were registered.
 */
@Injectable()
export class ShutdownRegistry {
  readonly drainables: Drainable[] = [];
  readonly closables: Closable[] = [];

  drainOnShutdown(...drainables: Drainable[]): void {
    this.drainables.push(...drainables);
  }

  closeOnShutdown(...closables: Closable[]): void {
    this.closables.push(...closables);
  }
}

export type GracefulShutdownOptions = Readonly<{
  timeoutMs: number;
  logger: Logger;
  signals?: readonly NodeJS.Signals[];
  /** process.exit, replaced in tests. */
  exit?: (code: number) => void;
}>;

export type GracefulShutdown = Readonly<{ shutdown: (reason: string) => Promise<void> }>;

/**
 * On SIGTERM/SIGINT, in this order and within `timeoutMs`: report not ready, stop accepting
 * connections, drain the drainables, let in-flight requests finish, run Nest's shutdown hooks
 * (app.close), close the closables, exit 0. Past the deadline: exit 1.
 *
 * This replaces `app.enableShutdownHooks()`: Nest's own handler closes the HTTP server only after
 * the destroy hooks, so requests would keep arriving while consumers drain.
 */
export const installGracefulShutdown = (
  app: INestApplication,
  {
    timeoutMs,
    logger,
    signals = ['SIGTERM', 'SIGINT'],
    exit = (code) => process.exit(code),
  }: GracefulShutdownOptions,
): GracefulShutdown => {
  let started: Promise<void> | undefined;

  const settle = async (what: string, work: () => Promise<void>) => {
    try {
      await work();
    } catch (error) {
      logger.error({ err: error }, `shutdown: ${what} failed`);
    }
  };

  const sequence = async (reason: string) => {
    const registry = app.get(ShutdownRegistry);
    app.get(HealthChecks).markShuttingDown();
    logger.info({ reason, timeoutMs }, 'shutting down');
    const server = app.getHttpServer() as Server;
    const serverClosed = server.listening
      ? new Promise<void>((resolve) => server.close(() => resolve()))
      : Promise.resolve();
    // close() waits for every open connection; keep-alive ones become idle only after their
    // in-flight request, so they are swept until the server has closed.
    server.closeIdleConnections();
    const sweeper = setInterval(() => server.closeIdleConnections(), 100).unref();
    try {
      // One after the other, in registration order: a relay drains before the projections
      // that read what it wrote.
      for (const drainable of registry.drainables) {
        await settle(`draining ${drainable.name}`, () => drainable.drain());
      }
      await serverClosed;
    } finally {
      clearInterval(sweeper);
    }
    await settle('closing the application', () => app.close());
    for (const closable of registry.closables) {
      await settle(`closing ${closable.name}`, () => closable.close());
    }
  };

  const shutdown = (reason: string): Promise<void> => {
    started ??= (async () => {
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), timeoutMs);
      });
      const outcome = await Promise.race([sequence(reason).then(() => 'done' as const), deadline]);
      clearTimeout(timer);
      if (outcome === 'timeout') {
        logger.error({ timeoutMs }, 'shutdown did not finish in time: exiting anyway');
        logger.flush();
        exit(1);
      } else {
        logger.info('shut down cleanly');
        logger.flush();
        exit(0);
      }
    })();
    return started;
  };

  for (const signal of signals) process.once(signal, () => void shutdown(signal));
  return { shutdown };
};
