import type { Event, EventStore } from '@rhythm/event-sourcing';
import type { Connection } from 'mongoose';
import type { Projection } from './projection';
import { rebuildProjection, type RebuildProgress } from './rebuild-projection';

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
 * A service's read models rebuilt from the first event, one projection after the other, each
 * beside its live generation and swapped in (rebuildProjection), with progress lines: what the
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
  for (const projection of projections.filter((p) => names.includes(p.name))) {
    const result = await rebuildProjection(projection, {
      store: options.store,
      connection: options.connection,
      progressIntervalMs: 500,
      waitToDropOld: options.waitToDropOld ?? true,
      onProgress: (progress) => write(progressLine(progress, width)),
    });
    write(
      `✓ ${result.projection}: generation ${result.previousGeneration} → ${result.generation}, ` +
        `${result.eventsRead} events in ${(result.durationMs / 1000).toFixed(1)} s\n`,
    );
  }
};
