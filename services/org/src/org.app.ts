import type { EventStore } from '@rhythm/event-sourcing';
import { kafkaHealthCheck, mongoHealthCheck, type ServiceAppOptions } from '@rhythm/operability';
import type { Kafka } from 'kafkajs';
import type { Connection } from 'mongoose';
import { ORG_EVENT_STORE, ORG_KAFKA, ORG_READ_STORE } from './infrastructure/org-tokens';
import { OrgEventRelay } from './infrastructure/org-event-relay';
import type { OrgConfiguration } from './org-configuration';
import { OrgModule } from './org.module';
import { OrgProjections } from './read-models/org-projections';

/** How the org service is assembled: main.ts boots it, the e2e test creates it in-process. */
export const orgServiceOptions = (config: OrgConfiguration): ServiceAppOptions => ({
  name: 'org',
  module: OrgModule.forRoot(config),
  config,
  openApi: {
    title: 'Rhythm org',
    version: '1',
    description:
      'The organisation in the Spotify model: people, tribes, squads, chapters, guilds, their ' +
      'memberships and their history. Integration events: docs/events/org.md.',
  },
  healthChecks: (app) => {
    const kafkaAdmin = app.get<Kafka>(ORG_KAFKA).admin();
    let connected: Promise<void> | undefined;
    return [
      {
        name: 'event-store',
        check: () => app.get<EventStore>(ORG_EVENT_STORE).headPosition(),
      },
      mongoHealthCheck(app.get<Connection>(ORG_READ_STORE)),
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
      app.get(OrgProjections).healthCheck(),
    ];
  },
  // Relay first: it finishes its transaction in flight; then the projections save checkpoints.
  drainables: (app) => [app.get(OrgEventRelay), app.get(OrgProjections)],
  closables: (app) => [
    { name: 'event-store', close: () => app.get<EventStore>(ORG_EVENT_STORE).close() },
    { name: 'read-store', close: () => app.get<Connection>(ORG_READ_STORE).close() },
  ],
});
