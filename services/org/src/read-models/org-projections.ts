import {
  Inject,
  Injectable,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { Event, EventStore } from '@rhythm/event-sourcing';
import { type HealthCheck, type Drainable, ServiceLogger } from '@rhythm/operability';
import { ProjectionRunner, type Projection } from '@rhythm/projections';
import type { Connection } from 'mongoose';
import { ORG_EVENT_STORE, ORG_READ_STORE } from '../infrastructure/org-tokens';
import { orgHistoryProjection } from './org-history.projection';
import { orgStructureProjection } from './org-structure.projection';

/**
 * Events per bulk flush. FerretDB v1 holds one PostgreSQL connection per statement of an `update`
 * command until the command ends, so one bulkWrite of ≥100 updates deadlocks its pool of 100 (seen
 * when a projection caught up after a restart, and under a burst). At most 3 writes per event and
 * collection keep each bulk ≤ 48 statements, both projections together well under the pool.
 */
const flushEveryEvents = 16;

export const orgProjections: readonly Projection<Event, string>[] = [
  orgStructureProjection,
  orgHistoryProjection,
];

/**
 * Runs the org projections inside the service: they follow this context's event store from their
 * checkpoints (a version bump rebuilds beside the live generation first).
 */
@Injectable()
export class OrgProjections
  implements OnApplicationBootstrap, BeforeApplicationShutdown, Drainable
{
  readonly name = 'org-projections';
  private readonly runners: ProjectionRunner<Event, string>[];

  constructor(
    @Inject(ORG_EVENT_STORE) store: EventStore,
    @Inject(ORG_READ_STORE) connection: Connection,
    private readonly logger: ServiceLogger,
  ) {
    this.runners = orgProjections.map(
      (projection) =>
        new ProjectionRunner(projection, {
          connection,
          store,
          batchSize: flushEveryEvents,
          onRebuildProgress: (progress) =>
            this.logger.pino.info(
              {
                ...progress,
                position: progress.position?.toString(),
                head: progress.head?.toString(),
              },
              'rebuilding a projection',
            ),
          onRecovering: (error, retryInMs) =>
            this.logger.pino.warn(
              { projection: projection.name, err: error, retryInMs },
              'projection waits for its stores to come back',
            ),
          onError: (error) =>
            this.logger.pino.error(
              { projection: projection.name, err: error },
              'projection failed',
            ),
        }),
    );
  }

  async onApplicationBootstrap(): Promise<void> {
    await Promise.all(this.runners.map((runner) => runner.start()));
  }

  /** Flushes and saves checkpoints; stopping twice is harmless. */
  async drain(): Promise<void> {
    await Promise.all(this.runners.map((runner) => runner.stop()));
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.drain();
  }

  /** Ready only while every projection follows the store. */
  healthCheck(): HealthCheck {
    return {
      name: 'projections',
      check: () => {
        const behind = this.runners.filter(
          (runner) => runner.status === 'failed' || runner.status === 'recovering',
        );
        return behind.length === 0
          ? Promise.resolve()
          : Promise.reject(
              new Error(
                behind.map((runner) => `${runner.projection.name} ${runner.status}`).join(', '),
              ),
            );
      },
    };
  }
}
