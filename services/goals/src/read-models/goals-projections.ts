import {
  Inject,
  Injectable,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { Event, EventStore } from '@rhythm/event-sourcing';
import { ServiceLogger, type Drainable, type HealthCheck } from '@rhythm/operability';
import { ProjectionRunner, type Projection } from '@rhythm/projections';
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
  readonly runners: readonly ProjectionRunner<Event, string>[];

  constructor(
    @Inject(GOALS_EVENT_STORE) store: EventStore,
    @Inject(GOALS_READ_STORE) connection: Connection,
    private readonly logger: ServiceLogger,
  ) {
    this.runners = goalsProjections.map(
      (projection) =>
        new ProjectionRunner(projection, {
          connection,
          store,
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
