/**
 * Rebuilds the org read models from the first event, without downtime: each projection is written
 * as a new generation beside the live one, caught up, swapped in, and the old one dropped once
 * readers have moved (libs/projections rebuildProjection). A running org service keeps serving
 * and follows the swap by itself.
 *
 *   npm run rebuild:org [-- --projection org_structure] [-- --no-wait]
 *
 * Env: DATABASE_URL, MONGO_URL, EVENT_STORE, KURRENTDB_URL, ORG_EVENT_STORE_SCHEMA (as the service).
 */
import { parseArgs } from 'node:util';
import { configVariables, loadConfiguration } from '@rhythm/operability';
import { rebuildReadModels } from '@rhythm/projections';
import { z } from 'zod';
import {
  openOrgEventStore,
  openOrgReadStore,
} from '../src/infrastructure/org-infrastructure.providers';
import { orgConfigurationSchema } from '../src/org-configuration';
import { orgProjections } from '../src/read-models/org-projections';

const { values } = parseArgs({
  options: {
    // Default: every org projection.
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
      ORG_EVENT_STORE_SCHEMA: orgConfigurationSchema.shape.ORG_EVENT_STORE_SCHEMA,
    })
    .refine((c) => c.EVENT_STORE !== 'kurrentdb' || c.KURRENTDB_URL, {
      path: ['KURRENTDB_URL'],
      message: 'missing: EVENT_STORE=kurrentdb needs KURRENTDB_URL',
    }),
);

const main = async () => {
  const store = await openOrgEventStore(config);
  const connection = await openOrgReadStore(config);
  try {
    await rebuildReadModels(orgProjections, {
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
