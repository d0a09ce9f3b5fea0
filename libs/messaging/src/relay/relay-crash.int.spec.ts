import { integrationEnvelopeSchema } from '@rhythm/contracts';
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { Kafka } from 'kafkajs';
import {
  createTopics,
  deleteTopics,
  dropSchemas,
  noteEvents,
  pollUntil,
  readTopic,
  testEventStore,
  testInfrastructure,
  testKafka,
  uniqueName,
  type TestEventStore,
} from '../testing/messaging.fixture';
import { highestCommittedPosition } from './committed-tail';
import { PostgresCheckpointStore } from './postgres-checkpoint-store';

jest.setTimeout(180_000);

const workspaceRoot = path.join(__dirname, '..', '..', '..', '..');
const relayScript = path.join(__dirname, '..', 'testing', 'relay.process.ts');

type RelayProcess = Readonly<{
  child: ChildProcess;
  /** Committed batches reported so far. */
  batches: () => number;
  position: () => bigint | undefined;
  exited: Promise<NodeJS.Signals | number | null>;
}>;

const spawnRelay = (
  schema: string,
  topic: string,
  crash: Readonly<{ at: 'sent' | 'committed'; afterBatches: number }> | undefined = undefined,
): RelayProcess => {
  const child = spawn(process.execPath, ['-r', './tools/register.js', relayScript], {
    cwd: workspaceRoot,
    env: {
      ...process.env,
      RELAY_SCHEMA: schema,
      RELAY_TOPIC: topic,
      RELAY_BATCH_SIZE: '20',
      ...(crash
        ? { RELAY_CRASH_AT: crash.at, RELAY_CRASH_AFTER_BATCHES: String(crash.afterBatches) }
        : {}),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let batches = 0;
  let position: bigint | undefined;
  createInterface({ input: child.stdout }).on('line', (line) => {
    const report = JSON.parse(line) as { position?: string };
    if (report.position !== undefined) {
      batches++;
      position = BigInt(report.position);
    }
  });
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) =>
    child.once('exit', (code, signal) => resolve(signal ?? code)),
  );
  return { child, batches: () => batches, position: () => position, exited };
};

describe('relay crash (kill -9 mid-burst, then restart)', () => {
  let kafka: Kafka;
  let eventStore: TestEventStore;
  let checkpoints: PostgresCheckpointStore;
  let topic: string;
  const children: ChildProcess[] = [];

  beforeEach(async () => {
    kafka = testKafka();
    topic = uniqueName('relay_crash');
    await createTopics(kafka, topic);
    eventStore = await testEventStore();
    checkpoints = new PostgresCheckpointStore({
      connectionString: testInfrastructure.databaseUrl(),
      schema: eventStore.schema,
    });
    await checkpoints.migrate();
  });

  afterEach(async () => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    await eventStore.store.close();
    await checkpoints.close();
    await deleteTopics(kafka, topic);
    await dropSchemas(eventStore.schema);
  });

  it('leaves every event on the topic exactly once', async () => {
    const streams = 20;
    const appendsPerStream = 10;
    const eventsPerAppend = 5; // 1000 events, all public

    const burst = (async () => {
      for (let round = 0; round < appendsPerStream; round++) {
        await Promise.all(
          Array.from({ length: streams }, (_, stream) =>
            eventStore.store.append(
              `note-${stream}`,
              noteEvents(eventsPerAppend, round * eventsPerAppend),
              { expectedRevision: round === 0 ? 'no_stream' : round * eventsPerAppend - 1 },
            ),
          ),
        );
      }
    })();
    const run = (crash?: Parameters<typeof spawnRelay>[2]) => {
      const relay = spawnRelay(eventStore.schema, topic, crash);
      children.push(relay.child);
      return relay;
    };

    // 1. Killed with its 7th batch on the broker, the transaction still open.
    const first = run({ at: 'sent', afterBatches: 6 });
    expect(await first.exited).toBe('SIGKILL');
    expect(first.batches()).toBe(6);

    // 2. Killed after committing its 5th batch, before saving the checkpoint: Kafka is ahead.
    const second = run({ at: 'committed', afterBatches: 4 });
    expect(await second.exited).toBe('SIGKILL');
    const checkpoint = await checkpoints.load(topic);
    const published = await highestCommittedPosition(kafka, topic, { window: 100 });
    expect(checkpoint! < published!).toBe(true);

    // 3. kill -9 from outside, right after a batch it reported, while the burst goes on.
    const third = run();
    await pollUntil(third.batches, (count) => count >= 4, { timeoutMs: 60_000 });
    third.child.kill('SIGKILL');
    expect(await third.exited).toBe('SIGKILL');
    const killedAt = third.position();

    await burst;
    const head = await eventStore.store.headPosition();
    const events = (
      await Promise.all(
        Array.from({ length: streams }, (_, stream) =>
          eventStore.store.readStream(`note-${stream}`),
        ),
      )
    ).flat();
    expect(events).toHaveLength(1000);
    expect(killedAt! < head!).toBe(true); // killed mid-way, not after the work was done

    // 4. A last restart finishes the job.
    const fourth = run();
    await pollUntil(
      () => checkpoints.load(topic),
      (position) => position === head,
      { timeoutMs: 90_000, description: 'the restarted relay to catch up' },
    );
    fourth.child.kill('SIGTERM');
    expect(await fourth.exited).toBe(0);

    const committed = await readTopic(kafka, topic);
    const ids = committed.map((message) => message.headers['event-id']);
    const counts = new Map<string, number>();
    for (const id of ids) counts.set(id, (counts.get(id) ?? 0) + 1);
    expect([...counts.values()].filter((count) => count > 1)).toEqual([]);
    expect(new Set(ids)).toEqual(new Set(events.map((event) => event.metadata.eventId)));
    expect(committed).toHaveLength(1000);

    // Per stream, the order of the store.
    for (let stream = 0; stream < streams; stream++) {
      const revisions = committed
        .filter((message) => message.key === `note-${stream}`)
        .map(
          (message) => integrationEnvelopeSchema.parse(JSON.parse(message.value!)).streamRevision,
        );
      expect(revisions).toEqual(Array.from({ length: 50 }, (_, revision) => revision));
    }

    // The batch of the first relay is on the log, aborted: a read_uncommitted reader sees it.
    const raw = await readTopic(kafka, topic, { readUncommitted: true });
    expect(raw.length).toBeGreaterThanOrEqual(1000 + 20);
  });
});
