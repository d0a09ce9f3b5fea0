import type { Event, EventStore } from '@rhythm/event-sourcing';
import { degraded, type Degraded } from '@rhythm/operability';
import type { Connection } from 'mongoose';
import type { Projection } from './projection';
import { ProjectionRunner } from './projection-runner';

/** The part of a pino logger the fleet writes to. */
export type FleetLogger = Readonly<{
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}>;

export type ProjectionFleetOptions = Readonly<{
  connection: Connection;
  store: EventStore;
  logger: FleetLogger;
  /** Events per bulk flush (see ProjectionRunnerOptions.batchSize). */
  batchSize?: number;
}>;

/**
 * A service's projections, run together inside it: one runner each, following the context's
 * event store from its checkpoint, logging rebuild progress, outages and failures.
 */
export class ProjectionFleet {
  readonly runners: readonly ProjectionRunner<Event, string>[];

  constructor(projections: readonly Projection<Event, string>[], options: ProjectionFleetOptions) {
    const { logger } = options;
    this.runners = projections.map(
      (projection) =>
        new ProjectionRunner(projection, {
          connection: options.connection,
          store: options.store,
          batchSize: options.batchSize,
          onRebuildProgress: (progress) =>
            logger.info(
              {
                ...progress,
                position: progress.position?.toString(),
                head: progress.head?.toString(),
              },
              'rebuilding a projection',
            ),
          onRecovering: (error, retryInMs) =>
            logger.warn(
              { projection: projection.name, err: error, retryInMs },
              'projection waits for its stores to come back',
            ),
          onError: (error) =>
            logger.error({ projection: projection.name, err: error }, 'projection failed'),
        }),
    );
  }

  async start(): Promise<void> {
    await Promise.all(this.runners.map((runner) => runner.start()));
  }

  /** Flushes and saves checkpoints; stopping twice is harmless. */
  async stop(): Promise<void> {
    await Promise.all(this.runners.map((runner) => runner.stop()));
  }

  /**
   * Resolves while every projection follows the store, to `degraded(…)` naming those holding
   * parked events; rejects naming those that do not follow.
   */
  assertFollowing(): Promise<Degraded | undefined> {
    const behind = this.runners.filter(
      (runner) => runner.status === 'failed' || runner.status === 'recovering',
    );
    if (behind.length > 0) {
      return Promise.reject(
        new Error(behind.map((runner) => `${runner.projection.name} ${runner.status}`).join(', ')),
      );
    }
    const parking = this.runners.filter((runner) => runner.parked() > 0);
    return Promise.resolve(
      parking.length === 0
        ? undefined
        : degraded(
            parking
              .map((runner) => `${runner.projection.name}: ${runner.parked()} parked events`)
              .join(', '),
          ),
    );
  }
}
