import {
  asPrincipal,
  kafkaClient,
  kafkaConnectionFromEnvironment,
  type KafkaClientOptions,
  type KafkaConnection,
} from '@rhythm/kafka-access';
import { logLevel } from 'kafkajs';

/**
 * Where the integration tests find their servers. The jest global setup fills these from the
 * native local stack when the environment gives none (tools/jest/global-setup.js).
 */
const required = (name: string): string => {
  const value = process.env[name];
  if (!value) {
    throw new Error(
      `${name} is not set. Run the tests through 'npm test' (which starts the native stack) ` +
        `or export ${name} yourself.`,
    );
  }
  return value;
};

const kafkaVariableNames = [
  'KAFKA_BROKERS',
  'KAFKA_SASL_MECHANISM',
  'KAFKA_USERNAME',
  'KAFKA_PASSWORD',
  'KAFKA_SSL',
  'KAFKA_SSL_CA_FILE',
] as const;

export const testInfrastructure = {
  databaseUrl: () => required('DATABASE_URL'),
  kafkaBrokers: () => required('KAFKA_BROKERS').split(','),
  /**
   * The brokers as the admin principal (a super user, docs/adr/0035) when `stack.sh env` gave
   * credentials, else without authentication: tests make their own topics, groups and ids.
   */
  kafkaConnection: (): KafkaConnection =>
    kafkaConnectionFromEnvironment({ ...process.env, KAFKA_BROKERS: required('KAFKA_BROKERS') }),
  /** The variables of that connection, for a service's configuration or a child process. */
  kafkaEnvironment: (): Record<string, string> => ({
    ...Object.fromEntries(
      kafkaVariableNames.flatMap((name) => (process.env[name] ? [[name, process.env[name]]] : [])),
    ),
    KAFKA_BROKERS: required('KAFKA_BROKERS'),
  }),
  /**
   * The same brokers as a service's or analytics' principal, with the password `stack.sh env`
   * prints as RHYTHM_KAFKA_<NAME>_PASSWORD; undefined when the brokers take no credentials.
   */
  kafkaPrincipal: (name: string): KafkaConnection | undefined => {
    const password = process.env[`RHYTHM_KAFKA_${name.toUpperCase()}_PASSWORD`];
    const connection = testInfrastructure.kafkaConnection();
    return password && connection.sasl ? asPrincipal(connection, name, password) : undefined;
  },
  mongoUrl: () => required('MONGO_URL'),
  /** KurrentDB is not obtainable on machines without Docker: undefined means "not available here". */
  kurrentDbUrl: (): string | undefined => process.env.KURRENTDB_URL || undefined,
};

/** A name unique to this test run, for databases, topics, collections and consumer groups. */
export const uniqueName = (prefix: string): string =>
  `${prefix}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;

/** A kafkajs client of the test infrastructure (the admin when the brokers authenticate). */
export const testKafkaClient = (
  clientId: string,
  options: Omit<KafkaClientOptions, 'clientId'> = {},
) =>
  kafkaClient(testInfrastructure.kafkaConnection(), {
    clientId,
    logLevel: logLevel.NOTHING,
    ...options,
  });
