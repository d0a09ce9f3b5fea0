// A relay in a process of its own, for the crash test: `node -r ./tools/register.js <this file>`.
// Prints one JSON line per committed batch; stops gracefully on SIGTERM.
import { PostgresEventStore } from '@rhythm/event-store-postgres';
import { kafkaClient, kafkaConnectionFromEnvironment } from '@rhythm/kafka-access';
import { logLevel } from 'kafkajs';
import { PostgresCheckpointStore } from '../relay/postgres-checkpoint-store';
import { startRelay } from '../relay/relay';
import { mapTestEvent } from './messaging.fixture';

const required = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};

const main = async () => {
  const schema = required('RELAY_SCHEMA');
  const topic = required('RELAY_TOPIC');
  const store = new PostgresEventStore({
    connectionString: required('DATABASE_URL'),
    schema,
    safetyPollIntervalMs: 500,
  });
  const checkpointStore = new PostgresCheckpointStore({
    connectionString: required('DATABASE_URL'),
    schema,
  });
  const kafka = kafkaClient(kafkaConnectionFromEnvironment(), {
    clientId: `relay-process-${process.pid}`,
    logLevel: logLevel.NOTHING,
  });
  // Crash points for the crash test: kill -9 ourselves at the worst moments.
  const crashAt = process.env.RELAY_CRASH_AT as 'sent' | 'committed' | undefined;
  let crashAfter = Number(process.env.RELAY_CRASH_AFTER_BATCHES ?? 0);
  const crashPoint = (point: 'sent' | 'committed') => () => {
    if (crashAt === point && --crashAfter < 0) process.kill(process.pid, 'SIGKILL');
  };
  const relay = await startRelay({
    name: topic,
    store,
    kafka,
    topic,
    map: mapTestEvent,
    checkpointStore,
    batchSize: Number(process.env.RELAY_BATCH_SIZE ?? 20),
    observer: {
      transactionSent: crashPoint('sent'),
      transactionCommitted: crashPoint('committed'),
      recovered: ({ position }) =>
        process.stdout.write(`${JSON.stringify({ recovered: position?.toString() ?? null })}\n`),
      batchPublished: ({ position, published }) =>
        process.stdout.write(`${JSON.stringify({ position: position.toString(), published })}\n`),
    },
  });
  process.once('SIGTERM', () => {
    void relay
      .stop()
      .then(() => Promise.all([store.close(), checkpointStore.close()]))
      .then(() => process.exit(0));
  });
};

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
