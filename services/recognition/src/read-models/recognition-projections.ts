import type { Provider } from '@nestjs/common';
import type { Event, EventStore } from '@rhythm/event-sourcing';
import { metricsRegistry, ServiceLogger, startedWithApp } from '@rhythm/operability';
import { ProjectionFleet, type Projection } from '@rhythm/projections';
import type { Connection } from 'mongoose';
import {
  MEMBERSHIP_HISTORY,
  type MembershipHistory,
} from '../application/recognition-directory.port';
import { recognitionInfrastructure } from '../infrastructure/recognition-tokens';
import { celebrationsProjection } from './celebrations.projection';
import { flowProjection } from './flow.projection';
import { kudosProjection } from './kudos.projection';
import { storiesProjection } from './stories.projection';
import { wallsProjection } from './walls.projection';

/**
 * How long a projection waits for the directory to fold a person or unit an event names. They
 * were known when the command was decided, so an unknown one means the directory is behind the
 * org topic (a read store rebuilt from the topics refills it first): the runner waits, then parks
 * the event (`npm run parked` replays it) rather than place a kudos under no unit.
 */
export const historyWaitMs = 60_000;

/** The history as the projections ask it: waiting for the people and units it has not seen. */
const caughtUp = (history: MembershipHistory): MembershipHistory => ({
  unitsAt: (tenantId, personIds, at) =>
    history.unitsAt(tenantId, personIds, at, { awaitKnownMs: historyWaitMs }),
  tribeOfAt: (tenantId, unit, at) =>
    history.tribeOfAt(tenantId, unit, at, { awaitKnownMs: historyWaitMs }),
});

/**
 * Every recognition projection. The walls and the flow place a kudos by the units its people
 * belonged to when it was given: they ask the org history (MembershipHistory), not today's org.
 */
export const recognitionProjections = (
  history: MembershipHistory,
): readonly Projection<Event, string>[] => [
  kudosProjection,
  storiesProjection,
  celebrationsProjection,
  wallsProjection(caughtUp(history)),
  flowProjection(caughtUp(history)),
];

/**
 * The recognition projections, run inside the service; each on one replica at a time (ADR 0027).
 * As `projectionFleetProvider`, with the org history injected besides.
 */
export const recognitionProjectionFleet: Provider<ProjectionFleet> = {
  provide: ProjectionFleet,
  inject: [
    recognitionInfrastructure.eventStore,
    recognitionInfrastructure.readStore,
    // A read side tested on its own has no configuration: it is the only runner, no lease.
    { token: recognitionInfrastructure.configuration, optional: true },
    ServiceLogger,
    MEMBERSHIP_HISTORY,
  ],
  useFactory: (
    store: EventStore,
    connection: Connection,
    config: Readonly<{ DATABASE_URL: string }> | undefined,
    logger: ServiceLogger,
    history: MembershipHistory,
  ) =>
    startedWithApp(
      new ProjectionFleet(recognitionProjections(history), {
        connection,
        store,
        logger: logger.pino,
        leases: config && { connectionString: config.DATABASE_URL, metrics: metricsRegistry },
      }),
    ),
};
