import { parseArgs } from 'node:util';
import type { Event, EventStore } from '@rhythm/event-sourcing';
import { configVariables, loadConfiguration } from '@rhythm/operability';
import { z } from 'zod';
import type { Connection } from 'mongoose';
import type { Projection } from './projection';
import { rebuildProjections, type RebuildProgress } from './rebuild-projection';

export type RebuildReadModelsOptions = Readonly<{
  store: EventStore;
  connection: Connection;
  /** Names of the projections to rebuild; all of them when empty or omitted. */
  only?: readonly string[];
  /** Wait out the readers' grace period and drop the old generation (default), or leave it. */
  waitToDropOld?: boolean;
  /** Where the progress lines go. Default stdout. */
  write?: (line: string) => void;
}>;

const progressLine = (p: RebuildProgress, width: number) =>
  `${p.projection.padEnd(width)} generation ${p.generation}  ${p.phase.padEnd(11)} ` +
  `${p.percent.toFixed(1).padStart(5)}%  ${p.eventsRead} events (position ${p.position ?? '-'} ` +
  `of ${p.head ?? '-'})  ${p.eventsPerSecond} events/s  ${(p.elapsedMs / 1000).toFixed(1)} s\n`;

/**
 * A service's read models rebuilt from the first event in one pass over its store, each beside
 * its live generation and swapped in (rebuildProjections, ADR 0056), with progress lines: what the
 * services' rebuild scripts run.
 */
export const rebuildReadModels = async (
  projections: readonly Projection<Event, string>[],
  options: RebuildReadModelsOptions,
): Promise<void> => {
  const write = options.write ?? ((line: string) => process.stdout.write(line));
  const known = projections.map((projection) => projection.name);
  const names = options.only?.length ? options.only : known;
  const unknown = names.filter((name) => !known.includes(name));
  if (unknown.length > 0) {
    throw new Error(`unknown projection ${unknown.join(', ')}; known: ${known.join(', ')}`);
  }
  const width = Math.max(...names.map((name) => name.length));
  write(
    `rebuilding ${names.join(', ')} (head ${(await options.store.headPosition()) ?? 'empty'})\n`,
  );
  const results = await rebuildProjections(
    projections.filter((p) => names.includes(p.name)),
    {
      store: options.store,
      connection: options.connection,
      progressIntervalMs: 500,
      waitToDropOld: options.waitToDropOld ?? true,
      onProgress: (progress) => write(progressLine(progress, width)),
    },
  );
  for (const result of results) {
    write(
      `✓ ${result.projection}: generation ${result.previousGeneration} → ${result.generation}, ` +
        `${result.eventsRead} events in ${(result.durationMs / 1000).toFixed(1)} s\n`,
    );
  }
};

/** The variables every rebuild script reads, as the services do. */
const storeVariables = {
  DATABASE_URL: configVariables.DATABASE_URL,
  MONGO_URL: configVariables.MONGO_URL,
  EVENT_STORE: configVariables.EVENT_STORE,
  KURRENTDB_URL: configVariables.KURRENTDB_URL,
};

/** What the scripts' stores are opened with: the common variables and the service's own. */
export type StoreConfiguration = Readonly<{
  DATABASE_URL: string;
  MONGO_URL: string;
  EVENT_STORE: 'postgres' | 'kurrentdb';
  KURRENTDB_URL?: string;
}> &
  Readonly<Record<string, unknown>>;

/** The stores' variables and the service's own, as the service reads them (exits on a problem). */
export const loadStoreConfiguration = (variables: z.ZodRawShape): StoreConfiguration => ({
  ...loadConfiguration(
    z
      .object(storeVariables)
      .refine((c) => c.EVENT_STORE !== 'kurrentdb' || c.KURRENTDB_URL !== undefined, {
        path: ['KURRENTDB_URL'],
        message: 'missing: EVENT_STORE=kurrentdb needs KURRENTDB_URL',
      }),
  ),
  ...loadConfiguration(z.object(variables)),
});

export type RebuildCommand = Readonly<{
  projections: readonly Projection<Event, string>[];
  /** The service's own variables its stores need (its event store schema). */
  variables: z.ZodRawShape;
  openStore: (config: StoreConfiguration) => Promise<EventStore>;
  openReadStore: (config: StoreConfiguration) => Promise<Connection>;
}>;

/**
 * A service's rebuild script: `[--projection NAME]... [--no-wait]`, the stores from the service's
 * variables, `rebuildReadModels`, a non-zero exit code on failure.
 */
export const runRebuildCommand = async (
  command: RebuildCommand,
  args: readonly string[] = process.argv.slice(2),
): Promise<void> => {
  try {
    const { values } = parseArgs({
      args: [...args],
      options: {
        // Default: every projection of the service.
        projection: { type: 'string', multiple: true },
        // Swap and leave the old generation to the service's runners to drop (no 10 s wait).
        'no-wait': { type: 'boolean', default: false },
      },
    });
    const config = loadStoreConfiguration(command.variables);
    const store = await command.openStore(config);
    const connection = await command.openReadStore(config);
    try {
      await rebuildReadModels(command.projections, {
        store,
        connection,
        only: values.projection,
        waitToDropOld: !values['no-wait'],
      });
    } finally {
      await connection.close();
      await store.close();
    }
  } catch (error) {
    process.stderr.write(
      `rebuild failed: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exitCode = 1;
  }
};
