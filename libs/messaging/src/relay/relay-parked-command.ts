import { parseArgs } from 'node:util';
import type { IntegrationEnvelope } from '@rhythm/contracts';
import type { EventStore, RecordedEvent } from '@rhythm/event-sourcing';
import { kafkaClient, kafkaConnectionFromEnvironment } from '@rhythm/kafka-access';
import { configVariables, loadConfiguration } from '@rhythm/operability';
import { z } from 'zod';
import { PostgresCheckpointStore } from './postgres-checkpoint-store';
import { republishParkedEvents } from './relay';
import { PostgresRelayParking, type RelayParkedEvent } from './relay-parked-events';

const relayVariables = {
  DATABASE_URL: configVariables.DATABASE_URL,
  EVENT_STORE: configVariables.EVENT_STORE,
  KURRENTDB_URL: configVariables.KURRENTDB_URL,
  KAFKA_BROKERS: configVariables.KAFKA_BROKERS,
};

export type RelayConfiguration = Readonly<{
  DATABASE_URL: string;
  EVENT_STORE: 'postgres' | 'kurrentdb';
  KURRENTDB_URL?: string;
  KAFKA_BROKERS: string[];
}> &
  Readonly<Record<string, unknown>>;

export type ParkedRelayCommand = Readonly<{
  /** The relay's name, its context: 'org'. */
  context: string;
  /** The service's own variables: its event store schema and topic. */
  variables: z.ZodRawShape;
  schemaOf: (config: RelayConfiguration) => string;
  topicOf: (config: RelayConfiguration) => string;
  openStore: (config: RelayConfiguration) => Promise<EventStore>;
  /** The service's mapping, as its relay runs it (with the fix deployed). */
  map: (recorded: RecordedEvent) => IntegrationEnvelope | undefined;
}>;

export const relayParkedLine = (event: RelayParkedEvent): string =>
  `  relay ${event.relay}  #${event.globalPosition}  ${event.streamId}@${event.streamRevision}  ` +
  `tenant ${event.tenantId}  ${event.eventType}  failures ${event.failures}  parked ` +
  `${event.parkedAt.toISOString()}\n      ${event.error}\n`;

/**
 * A service's half of `npm run parked -- list|replay --relay <context>`: lists the relay's parked
 * events, or republishes them (`republishParkedEvents`) in a Kafka transaction of its own
 * (`rhythm-relay-<context>-<schema>-replay`, so the running relay is never fenced). Exit code 2
 * when events stay parked, 1 on failure.
 */
export const runParkedRelayCommand = async (
  command: ParkedRelayCommand,
  args: readonly string[] = process.argv.slice(2),
  write: (text: string) => void = (text) => process.stdout.write(text),
): Promise<void> => {
  try {
    const { positionals } = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: { relay: { type: 'string' } },
    });
    const [verb] = positionals;
    if (verb !== 'list' && verb !== 'replay') throw new Error('list or replay?');
    const config: RelayConfiguration = {
      ...loadConfiguration(z.object(relayVariables)),
      ...loadConfiguration(z.object(command.variables)),
    };
    const schema = command.schemaOf(config);
    const database = { connectionString: config.DATABASE_URL, schema };
    const parking = new PostgresRelayParking(database);
    const checkpoints = new PostgresCheckpointStore(database);
    const name = command.context;
    try {
      // The relay creates its tables; a relay that never ran has nothing parked.
      const events = await parking.list(name).catch((error: unknown) => {
        if ((error as { code?: unknown }).code === '42P01') return [];
        throw error;
      });
      if (verb === 'list' || events.length === 0) {
        write(`relay ${name}: ${events.length} parked\n`);
        for (const event of events) write(relayParkedLine(event));
        return;
      }
      const store = await command.openStore(config);
      try {
        const outcomes = await republishParkedEvents({
          name,
          store,
          // As the context's principal (KAFKA_USERNAME), which may use its relays' ids.
          kafka: kafkaClient(kafkaConnectionFromEnvironment(), {
            clientId: `rhythm-parked-${name}`,
          }),
          topic: command.topicOf(config),
          map: command.map,
          parking,
          checkpointStore: checkpoints,
          transactionalId: `rhythm-relay-${name}-${schema}-replay`,
          onOutcome: ({ event, outcome, error }) =>
            write(
              `  relay ${name}  #${event.globalPosition}  ${event.streamId}@${event.streamRevision}  ` +
                `${outcome}${error === undefined ? '' : `: ${error}`}\n`,
            ),
        });
        const left = await parking.list(name);
        const published = outcomes.filter((outcome) => outcome.outcome === 'published').length;
        write(`relay ${name}: ${published} published, ${left.length} still parked\n`);
        for (const event of left) write(relayParkedLine(event));
        if (left.length > 0) process.exitCode = 2;
      } finally {
        await store.close();
      }
    } finally {
      await parking.close();
      await checkpoints.close();
    }
  } catch (error) {
    process.stderr.write(`parked: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
};
