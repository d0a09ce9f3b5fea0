/**
 * The recognition service's part of `npm run parked` (tools/parked-events.ts starts it): lists or
 * replays the events the recognition projections or the recognition relay parked (docs/adr/0026).
 *
 *   node -r ./tools/register.js services/recognition/scripts/recognition-parked-events.ts \
 *     list|replay [--projection recognition_walls] [--wait 10] | list|replay --relay recognition
 *
 * Env: DATABASE_URL, MONGO_URL (its own database: `npm run parked` passes
 * RHYTHM_RECOGNITION_MONGO_URL), EVENT_STORE, KURRENTDB_URL, RECOGNITION_EVENT_STORE_SCHEMA (as the
 * service); with --relay also KAFKA_BROKERS and RECOGNITION_EVENTS_TOPIC.
 */
import type { RecordedEvent } from '@rhythm/event-sourcing';
import { runParkedRelayCommand } from '@rhythm/messaging';
import { runParkedProjectionsCommand } from '@rhythm/projections';
import type { Connection } from 'mongoose';
import type { MembershipHistory } from '../src/application/recognition-directory.port';
import { MembershipHistoryReader } from '../src/directory/membership-history.reader';
import { MembershipHistoryStore } from '../src/directory/membership-history.store';
import {
  openRecognitionEventStore,
  openRecognitionReadStore,
} from '../src/infrastructure/recognition-infrastructure.module';
import {
  recognitionConfigurationSchema,
  type RecognitionConfiguration,
} from '../src/recognition-configuration';
import {
  toRecognitionIntegrationEvent,
  type RecognitionEvent,
} from '../src/recognition-integration-events';
import { recognitionProjections } from '../src/read-models/recognition-projections';

const args = process.argv.slice(2);
const schema = {
  RECOGNITION_EVENT_STORE_SCHEMA:
    recognitionConfigurationSchema.shape.RECOGNITION_EVENT_STORE_SCHEMA,
};
// The stores only need these variables; the rest of the service's are not read.
const openStore = (config: object) => openRecognitionEventStore(config as RecognitionConfiguration);

// The walls and the flow place a replayed kudos by the org history in the read store the command
// opens, as the running service does; the projections are named before that store is open.
let readStore: Connection | undefined;
const history = (): MembershipHistory => {
  if (readStore === undefined) throw new Error('the read store is not open yet');
  return new MembershipHistoryReader(new MembershipHistoryStore(readStore));
};
const historyOfTheReadStore: MembershipHistory = {
  unitsAt: (tenantId, personIds, at, lookup) => history().unitsAt(tenantId, personIds, at, lookup),
  tribeOfAt: (tenantId, unit, at, lookup) => history().tribeOfAt(tenantId, unit, at, lookup),
};

void (args.includes('--relay')
  ? runParkedRelayCommand(
      {
        context: 'recognition',
        variables: {
          ...schema,
          RECOGNITION_EVENTS_TOPIC: recognitionConfigurationSchema.shape.RECOGNITION_EVENTS_TOPIC,
        },
        schemaOf: (config) => (config as RecognitionConfiguration).RECOGNITION_EVENT_STORE_SCHEMA,
        topicOf: (config) => (config as RecognitionConfiguration).RECOGNITION_EVENTS_TOPIC,
        openStore,
        map: (recorded) =>
          toRecognitionIntegrationEvent(recorded as RecordedEvent<RecognitionEvent>),
      },
      args,
    )
  : runParkedProjectionsCommand(
      {
        context: 'recognition',
        projections: recognitionProjections(historyOfTheReadStore),
        variables: schema,
        openStore,
        openReadStore: async (config) => {
          readStore = await openRecognitionReadStore(config as RecognitionConfiguration);
          return readStore;
        },
      },
      args,
    ));
