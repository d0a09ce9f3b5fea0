// A fresh KRaft broker creates __consumer_offsets and __transaction_state on first use, and its
// coordinators answer "not available" / "loading" until then: the first transactional producer
// or consumer group of a service or test fails. One transaction and one group join here, at
// `stack.sh up`, so that everything after starts on a warm broker.
const { Kafka, logLevel } = require('kafkajs');

const broker = process.argv[2];
const topic = 'rhythm.stack.warmup';
const kafka = new Kafka({
  clientId: 'rhythm-stack-warmup',
  brokers: [broker],
  logLevel: logLevel.NOTHING,
  retry: { retries: 20, initialRetryTime: 200, maxRetryTime: 2_000 },
});

const warmUp = async () => {
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
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
  await new Promise((resolve, reject) => {
    consumer.run({ eachMessage: async () => resolve() }).catch(reject);
  });
  await consumer.disconnect();
};

const deadline = Date.now() + 90_000;
const attempt = async () => {
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
  (error) => {
    console.error(`kafka warm-up failed: ${error.message}`);
    process.exit(1);
  },
);
