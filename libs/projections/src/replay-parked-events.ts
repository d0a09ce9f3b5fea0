import { parseArgs } from 'node:util';
import type { Event, EventStore } from '@rhythm/event-sourcing';
import type { Connection } from 'mongoose';
import {
  ParkedEvents,
  replayParkedEvents,
  type ParkedEvent,
  type ReplayOutcome,
} from './parked-events';
import { ProjectionGenerations } from './projection-generations';
import type { Projection } from './projection';
import { ReadModelWriter } from './read-model-writer';
import { databaseOf, sleep } from './read-store';
import { loadStoreConfiguration, type RebuildCommand } from './rebuild-read-models';

export type ParkedReplayOptions = Readonly<{
  connection: Connection;
  store: EventStore;
  /** Names of the projections whose parked events to replay; all of them when empty. */
  only?: readonly string[];
  /**
   * How long to leave the replay to a running runner (it polls every second while it holds
   * parked events) before concluding none runs and replaying here. Default 10 000.
   */
  waitForRunnerMs?: number;
  onOutcome?: (projection: string, outcome: ReplayOutcome) => void;
}>;

export type ParkedReplayResult = Readonly<{
  projection: string;
  /** 'runner': a running runner replayed them; 'here': none ran, so this command did. */
  by: 'runner' | 'here' | 'nothing-parked';
  replayed: number;
  stillParked: readonly ParkedEvent[];
}>;

/**
 * What `npm run parked -- replay` does for projections: marks their parked events for replay and
 * lets the runner (one replica runs each projection) replay them through its writer when it next
 * polls; if no runner picks them up in time, replays them here, through the same writer and
 * guards (a runner starting meanwhile would apply the same guarded writes: no-ops).
 */
export const replayParkedProjectionEvents = async (
  projections: readonly Projection<Event, string>[],
  options: ParkedReplayOptions,
): Promise<ParkedReplayResult[]> => {
  const db = databaseOf(options.connection);
  const parked = new ParkedEvents(db);
  const generations = new ProjectionGenerations(db);
  const known = projections.map((projection) => projection.name);
  const names = options.only?.length ? options.only : known;
  const unknown = names.filter((name) => !known.includes(name));
  if (unknown.length > 0) {
    throw new Error(`unknown projection ${unknown.join(', ')}; known: ${known.join(', ')}`);
  }
  const results: ParkedReplayResult[] = [];
  for (const projection of projections.filter((p) => names.includes(p.name))) {
    const pointer = await generations.read(projection.name);
    const generation = pointer?.active.generation;
    const before =
      generation === undefined
        ? []
        : await parked.list({ projection: projection.name, generation });
    if (generation === undefined || before.length === 0) {
      results.push({
        projection: projection.name,
        by: 'nothing-parked',
        replayed: 0,
        stillParked: [],
      });
      continue;
    }
    await parked.requestReplay(projection.name);
    const deadline = Date.now() + (options.waitForRunnerMs ?? 10_000);
    let now = await parked.list({ projection: projection.name, generation });
    while (now.some((event) => event.replayRequestedAt) && Date.now() < deadline) {
      await sleep(250);
      now = await parked.list({ projection: projection.name, generation });
    }
    let by: ParkedReplayResult['by'] = 'runner';
    if (now.some((event) => event.replayRequestedAt)) {
      by = 'here';
      const requested = new Set(now.filter((e) => e.replayRequestedAt).map((e) => e.streamId));
      await replayParkedEvents(
        now.filter((event) => requested.has(event.streamId)),
        {
          store: options.store,
          writer: new ReadModelWriter(db, projection, generation),
          parked,
          onOutcome: (outcome) => options.onOutcome?.(projection.name, outcome),
        },
      );
      now = await parked.list({ projection: projection.name, generation });
    }
    const left = new Set(now.map((event) => event.globalPosition));
    results.push({
      projection: projection.name,
      by,
      replayed: before.filter((event) => !left.has(event.globalPosition)).length,
      stillParked: now,
    });
  }
  return results;
};

/** The exit code of a service script asked about projections it does not have. */
export const noSuchProjection = 3;

const outcomeLine = (projection: string, { event, outcome, error }: ReplayOutcome) =>
  `  ${projection}  #${event.globalPosition}  ${event.streamId}@${event.streamRevision}  ` +
  `${outcome}${error === undefined ? '' : `: ${error}`}\n`;

export const parkedLine = (event: ParkedEvent): string =>
  `  ${event.projection}  #${event.globalPosition}  ${event.streamId}@${event.streamRevision}  ` +
  `tenant ${event.tenantId}  ${event.eventType}  failures ${event.failures}  parked ` +
  `${event.parkedAt.toISOString()}${event.replayRequestedAt ? '  (replay requested)' : ''}\n` +
  `      ${event.error}\n`;

/**
 * A service's half of `npm run parked` for projections: `list|replay [--projection NAME]...
 * [--wait SECONDS]`, the stores from the service's variables (as `runRebuildCommand`). Exit code
 * 2 when events stay parked, `noSuchProjection` when none of the named projections is this
 * service's, 1 on failure.
 */
export const runParkedProjectionsCommand = async (
  command: RebuildCommand & Readonly<{ context: string }>,
  args: readonly string[] = process.argv.slice(2),
  write: (text: string) => void = (text) => process.stdout.write(text),
): Promise<void> => {
  try {
    const { values, positionals } = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: {
        projection: { type: 'string', multiple: true },
        wait: { type: 'string', default: '10' },
      },
    });
    const [verb] = positionals;
    if (verb !== 'list' && verb !== 'replay') throw new Error('list or replay?');
    const waitSeconds = Number(values.wait);
    if (!Number.isFinite(waitSeconds) || waitSeconds < 0) throw new Error('--wait takes seconds');
    const known = command.projections.map((projection) => projection.name);
    const only = (values.projection ?? []).filter((name) => known.includes(name));
    if ((values.projection ?? []).length > 0 && only.length === 0) {
      process.exitCode = noSuchProjection;
      return;
    }
    const config = loadStoreConfiguration(command.variables);
    const store = await command.openStore(config);
    const connection = await command.openReadStore(config);
    try {
      if (verb === 'list') {
        const db = databaseOf(connection);
        const generations = new ProjectionGenerations(db);
        const parked = new ParkedEvents(db);
        for (const projection of only.length > 0 ? only : known) {
          const generation = (await generations.read(projection))?.active.generation;
          const events =
            generation === undefined ? [] : await parked.list({ projection, generation });
          write(`${command.context} ${projection}: ${events.length} parked\n`);
          for (const event of events) write(parkedLine(event));
        }
        return;
      }
      const results = await replayParkedProjectionEvents(command.projections, {
        connection,
        store,
        only,
        waitForRunnerMs: waitSeconds * 1_000,
        onOutcome: (projection, outcome) => write(outcomeLine(projection, outcome)),
      });
      for (const result of results) {
        const by = {
          runner: ' by its runner',
          here: ' here (no runner took them)',
          'nothing-parked': '',
        };
        write(
          `${command.context} ${result.projection}: ${result.replayed} replayed${by[result.by]}, ` +
            `${result.stillParked.length} still parked\n`,
        );
        for (const event of result.stillParked) write(parkedLine(event));
      }
      if (results.some((result) => result.stillParked.length > 0)) process.exitCode = 2;
    } finally {
      await connection.close();
      await store.close();
    }
  } catch (error) {
    process.stderr.write(`parked: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
};
