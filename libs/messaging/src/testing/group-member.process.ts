// A consumer group member in a process of its own, for the restart tests: it joins MEMBER_GROUP
// on MEMBER_TOPIC with a session of MEMBER_SESSION_MS, prints {"joined":true} and waits to be
// killed with -9, so that the group keeps a dead member until its session expires.
import { kafkaClient, kafkaConnectionFromEnvironment } from '@rhythm/kafka-access';
import { logLevel } from 'kafkajs';

const required = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};

const main = async () => {
  const kafka = kafkaClient(kafkaConnectionFromEnvironment(), {
    clientId: `group-member-${process.pid}`,
    logLevel: logLevel.NOTHING,
  });
  const sessionTimeout = Number(required('MEMBER_SESSION_MS'));
  const consumer = kafka.consumer({
    groupId: required('MEMBER_GROUP'),
    sessionTimeout,
    heartbeatInterval: 500,
    maxWaitTimeInMs: 500,
  });
  consumer.on(consumer.events.GROUP_JOIN, () => process.stdout.write('{"joined":true}\n'));
  await consumer.connect();
  await consumer.subscribe({ topics: [required('MEMBER_TOPIC')], fromBeginning: false });
  // Consumes nothing of interest: the tests publish only after this member is dead.
  await consumer.run({ eachMessage: () => Promise.resolve() });
};

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
