import {
  Inject,
  Injectable,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { Event, EventStore } from '@rhythm/event-sourcing';
import { type HealthCheck, type Drainable, ServiceLogger } from '@rhythm/operability';
import { ProjectionFleet, type Projection } from '@rhythm/projections';
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
 * Runs the org projections inside the service: they follow this context's event store from
 * their checkpoints (a version bump rebuilds beside the live generation first).
 */
@Injectable()
export class OrgProjections
  implements OnApplicationBootstrap, BeforeApplicationShutdown, Drainable
{
  readonly name = 'org-projections';
  private readonly fleet: ProjectionFleet;

  constructor(
    @Inject(ORG_EVENT_STORE) store: EventStore,
    @Inject(ORG_READ_STORE) connection: Connection,
    logger: ServiceLogger,
  ) {
    this.fleet = new ProjectionFleet(orgProjections, {
      connection,
      store,
      logger: logger.pino,
      batchSize: flushEveryEvents,
    });
  }

  get runners() {
    return this.fleet.runners;
  }

  onApplicationBootstrap(): Promise<void> {
    return this.fleet.start();
  }

  /** Flushes and saves checkpoints; stopping twice is harmless. */
  drain(): Promise<void> {
    return this.fleet.stop();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.drain();
  }

  /** Ready only while every projection follows the store. */
  healthCheck(): HealthCheck {
    return { name: 'projections', check: () => this.fleet.assertFollowing() };
  }
}
