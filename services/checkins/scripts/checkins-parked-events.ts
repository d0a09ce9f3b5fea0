/**
 * The checkins service's part of `npm run parked` (tools/parked-events.ts starts it): lists or
 * replays the events the checkins projections or the checkins relay parked (docs/adr/0026).
 *
 *   node -r ./tools/register.js services/checkins/scripts/checkins-parked-events.ts list|replay \
 *     [--projection checkins_feed] [--wait 10] | list|replay --relay checkins
 *
 * Env: DATABASE_URL, MONGO_URL (its own database: `npm run parked` passes RHYTHM_CHECKINS_MONGO_URL), EVENT_STORE, KURRENTDB_URL, CHECKINS_EVENT_STORE_SCHEMA (as the
 * service); with --relay also KAFKA_BROKERS and CHECKINS_EVENTS_TOPIC.
 */
import type { RecordedEvent } from '@rhythm/event-sourcing';
import { runParkedRelayCommand } from '@rhythm/messaging';
import { runParkedProjectionsCommand } from '@rhythm/projections';
import { toCheckinsIntegrationEvent, type CheckinsEvent } from '../src/checkins-integration-events';
import {
  checkinsConfigurationSchema,
  type CheckinsConfiguration,
} from '../src/checkins-configuration';
import {
  openCheckinsEventStore,
  openCheckinsReadStore,
} from '../src/infrastructure/checkins-infrastructure.module';
import { checkinsProjections } from '../src/read-models/checkins-projections';

const args = process.argv.slice(2);
const schema = {
  CHECKINS_EVENT_STORE_SCHEMA: checkinsConfigurationSchema.shape.CHECKINS_EVENT_STORE_SCHEMA,
};
// The stores only need these variables; the rest of the service's are not read.
const openStore = (config: object) => openCheckinsEventStore(config as CheckinsConfiguration);

void (args.includes('--relay')
  ? runParkedRelayCommand(
      {
        context: 'checkins',
        variables: {
          ...schema,
          CHECKINS_EVENTS_TOPIC: checkinsConfigurationSchema.shape.CHECKINS_EVENTS_TOPIC,
        },
        schemaOf: (config) => (config as CheckinsConfiguration).CHECKINS_EVENT_STORE_SCHEMA,
        topicOf: (config) => (config as CheckinsConfiguration).CHECKINS_EVENTS_TOPIC,
        openStore,
        map: (recorded) => toCheckinsIntegrationEvent(recorded as RecordedEvent<CheckinsEvent>),
      },
      args,
    )
  : runParkedProjectionsCommand(
      {
        context: 'checkins',
        projections: checkinsProjections,
        variables: schema,
        openStore,
        openReadStore: (config) => openCheckinsReadStore(config as CheckinsConfiguration),
      },
      args,
    ));
