// Test servers in containers, for machines with a Docker engine (testcontainers). Not exercised on
// machines without one: there the native stack serves and KurrentDB is reported as not run.
const fs = require('node:fs');

const images = {
  postgres: 'postgres:16-alpine',
  kafka: 'apache/kafka:3.9.1',
  mongo: 'mongo:7',
  kurrentdb: 'docker.io/kurrentplatform/kurrentdb:25.1',
};

const dockerAvailable = () =>
  Boolean(process.env.DOCKER_HOST) || fs.existsSync('/var/run/docker.sock');

const started = (globalThis.__rhythmContainers ??= []);

const starters = {
  DATABASE_URL: async () => {
    const { PostgreSqlContainer } = require('@testcontainers/postgresql');
    const container = await new PostgreSqlContainer(images.postgres)
      .withUsername('rhythm')
      .withPassword('rhythm')
      .withDatabase('rhythm')
      .start();
    started.push(container);
    return { DATABASE_URL: container.getConnectionUri() };
  },
  KAFKA_BROKERS: async () => {
    const { KafkaContainer } = require('@testcontainers/kafka');
    const container = await new KafkaContainer(images.kafka).withKraft().start();
    started.push(container);
    return { KAFKA_BROKERS: `${container.getHost()}:${container.getMappedPort(9093)}` };
  },
  MONGO_URL: async () => {
    const { MongoDBContainer } = require('@testcontainers/mongodb');
    const container = await new MongoDBContainer(images.mongo).start();
    started.push(container);
    return { MONGO_URL: `${container.getConnectionString()}/rhythm?directConnection=true` };
  },
  KURRENTDB_URL: async () => {
    const { GenericContainer, Wait } = require('testcontainers');
    const container = await new GenericContainer(images.kurrentdb)
      .withEnvironment({
        KURRENTDB_CLUSTER_SIZE: '1',
        KURRENTDB_INSECURE: 'true',
        KURRENTDB_MEM_DB: 'true',
        KURRENTDB_RUN_PROJECTIONS: 'None',
      })
      .withExposedPorts(2113)
      .withWaitStrategy(Wait.forHttp('/health/live', 2113).forStatusCode(204))
      .start();
    started.push(container);
    return {
      KURRENTDB_URL: `kurrentdb://${container.getHost()}:${container.getMappedPort(2113)}?tls=false`,
    };
  },
};

const startContainers = async (names) => {
  const values = {};
  for (const name of names) Object.assign(values, await starters[name]());
  return values;
};

const stopContainers = async () => {
  while (started.length > 0) await started.pop().stop();
};

module.exports = { dockerAvailable, startContainers, stopContainers, images };
