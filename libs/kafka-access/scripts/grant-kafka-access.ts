/**
 * Provisions the published and dead-letter topics and makes every principal's ACLs exactly the
 * table of kafka-principals.ts (docs/adr/0035). Run as the admin (a super user):
 *
 *   KAFKA_BROKERS=… KAFKA_USERNAME=admin KAFKA_PASSWORD=… \
 *     node -r ./tools/register.js libs/kafka-access/scripts/grant-kafka-access.ts
 *
 * `stack.sh up` runs it on the local stack, the `kafka-access` service of docker-compose.yml and
 * the Job of deploy/k8s/infrastructure/kafka.yaml elsewhere. Idempotent.
 */
import { logLevel } from 'kafkajs';
import { kafkaConnectionFromEnvironment, kafkaClient } from '../src/kafka-connection';
import { grantKafkaAccess } from '../src/kafka-grants';
import { kafkaAdminPrincipal, kafkaPrincipals } from '../src/kafka-principals';
import { provisionTopics } from '../src/kafka-topics';

const main = async () => {
  const connection = kafkaConnectionFromEnvironment();
  if (connection.sasl?.username !== kafkaAdminPrincipal) {
    throw new Error(
      `Run as the ${kafkaAdminPrincipal} principal (KAFKA_USERNAME=${kafkaAdminPrincipal}): ` +
        'only a super user may create topics and ACLs',
    );
  }
  const admin = kafkaClient(connection, {
    clientId: 'rhythm-kafka-access',
    logLevel: logLevel.NOTHING,
    retry: { initialRetryTime: 250, maxRetryTime: 2_000, retries: 20 },
  }).admin();
  await admin.connect();
  try {
    const created = await provisionTopics(admin);
    const outcome = await grantKafkaAccess(admin, kafkaPrincipals);
    process.stdout.write(
      `topics created: ${created.length ? created.join(', ') : 'none'}; ACLs of ` +
        `${kafkaPrincipals.map((principal) => principal.name).join(', ')}: ` +
        `${outcome.created} created, ${outcome.removed} removed, ${outcome.kept} kept\n`,
    );
  } finally {
    await admin.disconnect();
  }
};

main().catch((error: unknown) => {
  process.stderr.write(`kafka access: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
