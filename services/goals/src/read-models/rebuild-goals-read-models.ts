/**
 * Rebuilds the goals read models from the first event, without downtime: each projection is
 * written as a new generation beside the live one, caught up, swapped in, and the old one dropped
 * once readers have moved (libs/projections rebuildProjection). A running goals service keeps
 * serving and follows the swap by itself.
 *
 *   node -r ./tools/register.js services/goals/src/read-models/rebuild-goals-read-models.ts \
 *     [--projection goals_objectives] [--no-wait]
 *
 * Env: DATABASE_URL, MONGO_URL, EVENT_STORE, KURRENTDB_URL, GOALS_EVENT_STORE_SCHEMA (as the service).
 */
import { parseArgs } from 'node:util';
import { configVariables, loadConfiguration } from '@rhythm/operability';
import { rebuildReadModels } from '@rhythm/projections';
import { z } from 'zod';
import { goalsConfigurationSchema } from '../goals-configuration';
import {
  openGoalsEventStore,
  openGoalsReadStore,
} from '../infrastructure/goals-infrastructure.module';
import { goalsProjections } from './goals-projections';

const { values } = parseArgs({
  options: {
    // Default: every goals projection.
    projection: { type: 'string', multiple: true },
    // Swap and leave the old generation to the service's runners to drop (no 10 s wait).
    'no-wait': { type: 'boolean', default: false },
  },
});

const config = loadConfiguration(
  z
    .object({
      DATABASE_URL: configVariables.DATABASE_URL,
      MONGO_URL: configVariables.MONGO_URL,
      EVENT_STORE: configVariables.EVENT_STORE,
      KURRENTDB_URL: configVariables.KURRENTDB_URL,
      GOALS_EVENT_STORE_SCHEMA: goalsConfigurationSchema.shape.GOALS_EVENT_STORE_SCHEMA,
    })
    .refine((c) => c.EVENT_STORE !== 'kurrentdb' || c.KURRENTDB_URL, {
      path: ['KURRENTDB_URL'],
      message: 'missing: EVENT_STORE=kurrentdb needs KURRENTDB_URL',
    }),
);

const main = async () => {
  // The store and read store only need these variables; the rest of the service's are not read.
  const store = await openGoalsEventStore(config as Parameters<typeof openGoalsEventStore>[0]);
  const connection = await openGoalsReadStore(config as Parameters<typeof openGoalsReadStore>[0]);
  try {
    await rebuildReadModels(goalsProjections, {
      store,
      connection,
      only: values.projection,
      waitToDropOld: !values['no-wait'],
    });
  } finally {
    await connection.close();
    await store.close();
  }
};

main().catch((error: unknown) => {
  process.stderr.write(
    `rebuild failed: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exitCode = 1;
});
