// A fresh KRaft broker creates __consumer_offsets and __transaction_state on first use, and its
// coordinators answer "not available" / "loading" until then: the first transactional producer
// or consumer group of a service or test fails. One transaction and one group join here, at
// `stack.sh up`, so that everything after starts on a warm broker. Runs as the admin principal
// (KAFKA_BROKERS, KAFKA_USERNAME, KAFKA_PASSWORD: `stack.sh up` passes them).
import {
  createTopicsWithLeaders,
  kafkaClient,
  kafkaConnectionFromEnvironment,
} from '@rhythm/kafka-access';
import { logLevel } from 'kafkajs';

const topic = 'rhythm.stack.warmup';
const kafka = kafkaClient(kafkaConnectionFromEnvironment(), {
  clientId: 'rhythm-stack-warmup',
  logLevel: logLevel.NOTHING,
  retry: { retries: 20, initialRetryTime: 200, maxRetryTime: 2_000 },
});

const warmUp = async () => {
  const admin = kafka.admin();
  await admin.connect();
  await createTopicsWithLeaders(admin, [{ topic, numPartitions: 1 }]);
  await admin.disconnect();

  const producer = kafka.producer({
    transactionalId: 'rhythm-stack-warmup',
    idempotent: true,
    maxInFlightRequests: 1,
  });
  await producer.connect();
  const transaction = await producer.transaction();
  await transaction.send({ topic, messages: [{ value: new Date().toISOString() }] });
  await transaction.commit();
  await producer.disconnect();

  const consumer = kafka.consumer({ groupId: 'rhythm-stack-warmup' });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await new Promise<void>((resolve, reject) => {
    consumer.run({ eachMessage: () => Promise.resolve(resolve()) }).catch(reject);
  });
  await consumer.disconnect();
};

const deadline = Date.now() + 90_000;
const attempt = async (): Promise<void> => {
  try {
    await warmUp();
  } catch (error) {
    if (Date.now() > deadline) throw error;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    return attempt();
  }
};

attempt().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(
      `kafka warm-up failed: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(1);
  },
);
