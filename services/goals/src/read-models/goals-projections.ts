import {
  Inject,
  Injectable,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { Event, EventStore } from '@rhythm/event-sourcing';
import { ServiceLogger, type Drainable, type HealthCheck } from '@rhythm/operability';
import { ProjectionFleet, type Projection } from '@rhythm/projections';
import type { Connection } from 'mongoose';
import { GOALS_EVENT_STORE, GOALS_READ_STORE } from '../infrastructure/goals-tokens';
import { ambitionsProjection } from './ambitions.projection';
import { cyclesProjection } from './cycles.projection';
import { objectiveHistoryProjection } from './objective-history.projection';
import { objectivesProjection } from './objectives.projection';
import { proposalsProjection } from './proposals.projection';

/** Every goals projection; each reads only its own prefixes of goalsStreamPrefixes. */
export const goalsProjections: readonly Projection<Event, string>[] = [
  cyclesProjection,
  objectivesProjection,
  objectiveHistoryProjection,
  proposalsProjection,
  ambitionsProjection,
];

/**
 * Runs the goals projections inside the service: they follow this context's event store from
 * their checkpoints (a version bump rebuilds beside the live generation first).
 */
@Injectable()
export class GoalsProjections
  implements OnApplicationBootstrap, BeforeApplicationShutdown, Drainable
{
  readonly name = 'goals-projections';
  private readonly fleet: ProjectionFleet;

  constructor(
    @Inject(GOALS_EVENT_STORE) store: EventStore,
    @Inject(GOALS_READ_STORE) connection: Connection,
    logger: ServiceLogger,
  ) {
    this.fleet = new ProjectionFleet(goalsProjections, {
      connection,
      store,
      logger: logger.pino,
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
