/**
 * The org service's part of `npm run parked` (tools/parked-events.ts starts it): lists or replays
 * the events the org projections or the org relay parked (docs/adr/0026).
 *
 *   node -r ./tools/register.js services/org/scripts/org-parked-events.ts list|replay \
 *     [--projection org_structure] [--wait 10] | list|replay --relay org
 *
 * Env: DATABASE_URL, MONGO_URL, EVENT_STORE, KURRENTDB_URL, ORG_EVENT_STORE_SCHEMA,
 * PERSONAL_DATA_MASTER_KEY (as the service); with --relay also KAFKA_BROKERS and ORG_EVENTS_TOPIC.
 */
import type { RecordedEvent } from '@rhythm/event-sourcing';
import { runParkedRelayCommand } from '@rhythm/messaging';
import { runParkedProjectionsCommand } from '@rhythm/projections';
import { toOrgIntegrationEvent } from '../src/application/org-integration-events.mapper';
import {
  openOrgEventStore,
  openOrgReadStore,
} from '../src/infrastructure/org-infrastructure.providers';
import { orgConfigurationSchema, type OrgConfiguration } from '../src/org-configuration';
import type { OrgEvent } from '../src/org-domain';
import { orgProjections } from '../src/read-models/org-projections';

const args = process.argv.slice(2);
const schema = {
  ORG_EVENT_STORE_SCHEMA: orgConfigurationSchema.shape.ORG_EVENT_STORE_SCHEMA,
  // Parked events are read back with their personal data opened (ADR 0034).
  PERSONAL_DATA_MASTER_KEY: orgConfigurationSchema.shape.PERSONAL_DATA_MASTER_KEY,
};
// The stores only need these variables; the rest of the service's are not read.
const openStore = (config: object) => openOrgEventStore(config as OrgConfiguration);

void (args.includes('--relay')
  ? runParkedRelayCommand(
      {
        context: 'org',
        variables: { ...schema, ORG_EVENTS_TOPIC: orgConfigurationSchema.shape.ORG_EVENTS_TOPIC },
        schemaOf: (config) => (config as OrgConfiguration).ORG_EVENT_STORE_SCHEMA,
        topicOf: (config) => (config as OrgConfiguration).ORG_EVENTS_TOPIC,
        openStore,
        map: (recorded) => toOrgIntegrationEvent(recorded as RecordedEvent<OrgEvent>),
      },
      args,
    )
  : runParkedProjectionsCommand(
      {
        context: 'org',
        projections: orgProjections,
        variables: schema,
        openStore,
        openReadStore: (config) => openOrgReadStore(config),
      },
      args,
    ));
