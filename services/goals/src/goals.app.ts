import type { EventStore } from '@rhythm/event-sourcing';
import { kafkaHealthCheck, mongoHealthCheck, type ServiceAppOptions } from '@rhythm/operability';
import type { Kafka } from 'kafkajs';
import type { Connection } from 'mongoose';
import type { GoalsConfiguration } from './goals-configuration';
import { GoalsModule, type GoalsModuleOptions } from './goals.module';
import { GoalsEventRelay } from './infrastructure/goals-event-relay';
import { OrgDirectoryConsumer } from './org-directory/org-directory.consumer';
import { GoalsProjections } from './read-models/goals-projections';
import { GOALS_EVENT_STORE, GOALS_KAFKA, GOALS_READ_STORE } from './infrastructure/goals-tokens';

/** How the goals service is assembled: main.ts boots it, the e2e test creates it in-process. */
export const goalsServiceOptions = (
  config: GoalsConfiguration,
  options: GoalsModuleOptions = {},
): ServiceAppOptions => ({
  name: 'goals',
  module: GoalsModule.forRoot(config, options),
  config,
  openApi: {
    title: 'Rhythm goals',
    version: '1',
    description:
      'Cycles, objectives and key results of every unit and person in the Spotify model, their ' +
      'alignment, proposals, ambitions, reviews and scoring. Integration events: docs/events/goals.md.',
  },
  healthChecks: (app) => {
    const kafkaAdmin = app.get<Kafka>(GOALS_KAFKA).admin();
    let connected: Promise<void> | undefined;
    return [
      {
        name: 'event-store',
        check: () => app.get<EventStore>(GOALS_EVENT_STORE).headPosition(),
      },
      mongoHealthCheck(app.get<Connection>(GOALS_READ_STORE)),
      kafkaHealthCheck({
        describeCluster: async () => {
          // Connected once, on the first probe; a failed connect is retried on the next.
          connected ??= kafkaAdmin.connect().catch((error: unknown) => {
            connected = undefined;
            throw error;
          });
          await connected;
          return kafkaAdmin.describeCluster();
        },
      }),
      app.get(OrgDirectoryConsumer).healthCheck(),
      app.get(GoalsProjections).healthCheck(),
    ];
  },
  // Relay first: it finishes its transaction in flight; then the projections save checkpoints.
  // The org directory's consumer registers its own drain.
  drainables: (app) => [app.get(GoalsEventRelay), app.get(GoalsProjections)],
  closables: (app) => [
    { name: 'event-store', close: () => app.get<EventStore>(GOALS_EVENT_STORE).close() },
    { name: 'read-store', close: () => app.get<Connection>(GOALS_READ_STORE).close() },
  ],
});
