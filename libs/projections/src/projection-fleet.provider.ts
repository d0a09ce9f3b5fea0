import type { Provider } from '@nestjs/common';
import type { Event, EventStore } from '@rhythm/event-sourcing';
import {
  metricsRegistry,
  ServiceLogger,
  startedWithApp,
  type ContextInfrastructure,
} from '@rhythm/operability';
import type { Connection } from 'mongoose';
import type { Projection } from './projection';
import { ProjectionFleet } from './projection-fleet';
import type { RetiredProjection } from './retired-projection';

/**
 * The context's projections as a Nest provider under the `ProjectionFleet` token: they follow the
 * context's event store from their checkpoints (a version bump rebuilds beside the live
 * generation first), each on one replica at a time (ADR 0027). What `retired` projections left in
 * the read store is removed (ADR 0059).
 */
export const projectionFleetProvider = (
  infrastructure: ContextInfrastructure,
  projections: readonly Projection<Event, string>[],
  retired: readonly RetiredProjection[] = [],
): Provider<ProjectionFleet> => ({
  provide: ProjectionFleet,
  inject: [
    infrastructure.eventStore,
    infrastructure.readStore,
    // A read side tested on its own has no configuration: it is the only runner, no lease.
    { token: infrastructure.configuration, optional: true },
    ServiceLogger,
  ],
  useFactory: (
    store: EventStore,
    connection: Connection,
    config: Readonly<{ DATABASE_URL: string }> | undefined,
    logger: ServiceLogger,
  ) =>
    startedWithApp(
      new ProjectionFleet(projections, {
        connection,
        store,
        logger: logger.pino,
        leases: config && { connectionString: config.DATABASE_URL, metrics: metricsRegistry },
        retired,
      }),
    ),
});
