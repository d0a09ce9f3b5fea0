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
import { rebuildProjection, type RebuildProgress } from '@rhythm/projections';
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

const line = (p: RebuildProgress) =>
  `${p.projection.padEnd(24)} generation ${p.generation}  ${p.phase.padEnd(11)} ` +
  `${p.percent.toFixed(1).padStart(5)}%  ${p.eventsRead} events (position ${p.position ?? '-'} ` +
  `of ${p.head ?? '-'})  ${p.eventsPerSecond} events/s  ${(p.elapsedMs / 1000).toFixed(1)} s\n`;

const main = async () => {
  const names = values.projection ?? goalsProjections.map((projection) => projection.name);
  const unknown = names.filter((name) => !goalsProjections.some((p) => p.name === name));
  if (unknown.length > 0) {
    throw new Error(
      `unknown projection ${unknown.join(', ')}; known: ${goalsProjections.map((p) => p.name).join(', ')}`,
    );
  }
  // The store and read store only need these variables; the rest of the service's are not read.
  const store = await openGoalsEventStore(config as Parameters<typeof openGoalsEventStore>[0]);
  const connection = await openGoalsReadStore(config as Parameters<typeof openGoalsReadStore>[0]);
  try {
    process.stdout.write(
      `rebuilding ${names.join(', ')} from ${config.EVENT_STORE} (head ${(await store.headPosition()) ?? 'empty'})\n`,
    );
    for (const projection of goalsProjections.filter((p) => names.includes(p.name))) {
      const result = await rebuildProjection(projection, {
        store,
        connection,
        progressIntervalMs: 500,
        waitToDropOld: !values['no-wait'],
        onProgress: (progress) => process.stdout.write(line(progress)),
      });
      process.stdout.write(
        `✓ ${result.projection}: generation ${result.previousGeneration} → ${result.generation}, ` +
          `${result.eventsRead} events in ${(result.durationMs / 1000).toFixed(1)} s\n`,
      );
    }
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
