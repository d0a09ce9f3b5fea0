/**
 * The goals service's part of `npm run parked` (tools/parked-events.ts starts it): lists or
 * replays the events the goals projections or the goals relay parked (docs/adr/0026).
 *
 *   node -r ./tools/register.js services/goals/scripts/goals-parked-events.ts list|replay \
 *     [--projection goals_objective_cards] [--wait 10] | list|replay --relay goals
 *
 * Env: DATABASE_URL, MONGO_URL, EVENT_STORE, KURRENTDB_URL, GOALS_EVENT_STORE_SCHEMA (as the
 * service); with --relay also KAFKA_BROKERS and GOALS_EVENTS_TOPIC.
 */
import type { RecordedEvent } from '@rhythm/event-sourcing';
import { runParkedRelayCommand } from '@rhythm/messaging';
import { runParkedProjectionsCommand } from '@rhythm/projections';
import {
  toGoalsIntegrationEvent,
  type GoalsEvent,
} from '../src/application/goals-integration-events.mapper';
import { goalsConfigurationSchema, type GoalsConfiguration } from '../src/goals-configuration';
import {
  openGoalsEventStore,
  openGoalsReadStore,
} from '../src/infrastructure/goals-infrastructure.module';
import { goalsProjections } from '../src/read-models/goals-projections';

const args = process.argv.slice(2);
const schema = {
  GOALS_EVENT_STORE_SCHEMA: goalsConfigurationSchema.shape.GOALS_EVENT_STORE_SCHEMA,
};
// The stores only need these variables; the rest of the service's are not read.
const openStore = (config: object) => openGoalsEventStore(config as GoalsConfiguration);

void (args.includes('--relay')
  ? runParkedRelayCommand(
      {
        context: 'goals',
        variables: {
          ...schema,
          GOALS_EVENTS_TOPIC: goalsConfigurationSchema.shape.GOALS_EVENTS_TOPIC,
        },
        schemaOf: (config) => (config as GoalsConfiguration).GOALS_EVENT_STORE_SCHEMA,
        topicOf: (config) => (config as GoalsConfiguration).GOALS_EVENTS_TOPIC,
        openStore,
        map: (recorded) => toGoalsIntegrationEvent(recorded as RecordedEvent<GoalsEvent>),
      },
      args,
    )
  : runParkedProjectionsCommand(
      {
        context: 'goals',
        projections: goalsProjections,
        variables: schema,
        openStore,
        openReadStore: (config) => openGoalsReadStore(config as GoalsConfiguration),
      },
      args,
    ));
