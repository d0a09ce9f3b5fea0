/**
 * Rebuilds the goals read models from the first event, without downtime: each projection is
 * written as a new generation beside the live one, caught up, swapped in, and the old one dropped
 * once readers have moved (libs/projections rebuildProjection). A running goals service keeps
 * serving and follows the swap by itself.
 *
 *   node -r ./tools/register.js services/goals/src/read-models/rebuild-goals-read-models.ts \
 *     [--projection goals_objective_cards] [--no-wait]
 *
 * Env: DATABASE_URL, MONGO_URL, EVENT_STORE, KURRENTDB_URL, GOALS_EVENT_STORE_SCHEMA (as the service).
 */
import { runRebuildCommand } from '@rhythm/projections';
import { goalsConfigurationSchema, type GoalsConfiguration } from '../goals-configuration';
import {
  openGoalsEventStore,
  openGoalsReadStore,
} from '../infrastructure/goals-infrastructure.module';
import { goalsProjections } from './goals-projections';

void runRebuildCommand({
  projections: goalsProjections,
  variables: { GOALS_EVENT_STORE_SCHEMA: goalsConfigurationSchema.shape.GOALS_EVENT_STORE_SCHEMA },
  // The stores only need these variables; the rest of the service's are not read.
  openStore: (config) => openGoalsEventStore(config as GoalsConfiguration),
  openReadStore: (config) => openGoalsReadStore(config as GoalsConfiguration),
});
