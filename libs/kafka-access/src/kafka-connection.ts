import { existsSync, readFileSync } from 'node:fs';
import {
  Kafka,
  logLevel as kafkaLogLevel,
  type KafkaConfig,
  type logCreator,
  type RetryOptions,
  type SASLOptions,
} from 'kafkajs';
import { z } from 'zod';

export const saslMechanisms = ['scram-sha-512', 'scram-sha-256', 'plain'] as const;
export type SaslMechanism = (typeof saslMechanisms)[number];

/** How a process reaches the brokers and who it says it is there (docs/adr/0035). */
export type KafkaConnection = Readonly<{
  brokers: readonly string[];
  /** Absent: no authentication, the plaintext broker of a stack formatted before ADR 0035. */
  sasl?: Readonly<{ mechanism: SaslMechanism; username: string; password: string }>;
  /** Present: TLS, trusting `ca` (PEM) or the system's authorities. */
  ssl?: Readonly<{ ca?: string }>;
}>;

const hostPort = /^[A-Za-z0-9.-]+:\d{1,5}$/;

/**
 * The environment variables of a Kafka connection, named as in the environment. A service's
 * configuration schema takes them through `configVariables` (@rhythm/operability); tools and
 * tests through `kafkaConnectionFromEnvironment`.
 */
export const kafkaConnectionVariables = {
  KAFKA_BROKERS: z
    .string()
    .transform((value) => value.split(',').map((broker) => broker.trim()))
    .pipe(z.array(z.string().regex(hostPort, 'must be host:port')).min(1))
    .describe('comma-separated host:port list, e.g. 127.0.0.1:9092,127.0.0.2:9092'),
  KAFKA_SASL_MECHANISM: z
    .enum(saslMechanisms)
    .optional()
    .describe(`${saslMechanisms.join(', ')} (default scram-sha-512 when KAFKA_USERNAME is set)`),
  KAFKA_USERNAME: z
    .string()
    .min(1)
    .optional()
    .describe("the service's Kafka principal, e.g. goals (unset: no authentication)"),
  KAFKA_PASSWORD: z.string().min(1).optional().describe("the principal's password"),
  KAFKA_SSL: z
    .stringbool({ error: 'must be true or false' })
    .optional()
    .describe('true to connect with TLS (SASL_SSL); default false'),
  KAFKA_SSL_CA_FILE: z
    .string()
    .refine(existsSync, 'file not found')
    .optional()
    .describe('path to the PEM certificate authority the brokers are signed by (with KAFKA_SSL)'),
};

export type KafkaConnectionConfiguration = Readonly<{
  KAFKA_BROKERS: readonly string[];
  KAFKA_SASL_MECHANISM?: SaslMechanism;
  KAFKA_USERNAME?: string;
  KAFKA_PASSWORD?: string;
  KAFKA_SSL?: boolean;
  KAFKA_SSL_CA_FILE?: string;
}>;

type Issue = Readonly<{ variable: keyof typeof kafkaConnectionVariables; message: string }>;

/**
 * What the variables mean together: a username and its password come as a pair, a mechanism or a
 * certificate authority alone would be silently ignored. `config` may still hold raw strings.
 */
export const kafkaConnectionIssues = (config: Record<string, unknown>): Issue[] => {
  const issues: Issue[] = [];
  if (config.KAFKA_USERNAME && !config.KAFKA_PASSWORD) {
    issues.push({ variable: 'KAFKA_PASSWORD', message: 'missing: KAFKA_USERNAME needs it' });
  }
  if (config.KAFKA_PASSWORD && !config.KAFKA_USERNAME) {
    issues.push({ variable: 'KAFKA_USERNAME', message: 'missing: KAFKA_PASSWORD needs it' });
  }
  if (config.KAFKA_SASL_MECHANISM && !config.KAFKA_USERNAME && !config.KAFKA_PASSWORD) {
    issues.push({
      variable: 'KAFKA_USERNAME',
      message: 'missing: KAFKA_SASL_MECHANISM needs KAFKA_USERNAME and KAFKA_PASSWORD',
    });
  }
  if (config.KAFKA_SSL_CA_FILE && config.KAFKA_SSL !== true && config.KAFKA_SSL !== 'true') {
    issues.push({ variable: 'KAFKA_SSL', message: 'must be true when KAFKA_SSL_CA_FILE is set' });
  }
  return issues;
};

/** The connection a validated configuration describes (reads the CA file). */
export const kafkaConnectionOf = (config: KafkaConnectionConfiguration): KafkaConnection => ({
  brokers: config.KAFKA_BROKERS,
  ...(config.KAFKA_USERNAME && config.KAFKA_PASSWORD
    ? {
        sasl: {
          mechanism: config.KAFKA_SASL_MECHANISM ?? 'scram-sha-512',
          username: config.KAFKA_USERNAME,
          password: config.KAFKA_PASSWORD,
        },
      }
    : {}),
  ...(config.KAFKA_SSL
    ? {
        ssl: config.KAFKA_SSL_CA_FILE ? { ca: readFileSync(config.KAFKA_SSL_CA_FILE, 'utf8') } : {},
      }
    : {}),
});

const connectionSchema = z.object(kafkaConnectionVariables).superRefine((config, context) => {
  for (const issue of kafkaConnectionIssues(config)) {
    context.addIssue({ code: 'custom', path: [issue.variable], message: issue.message });
  }
});

/**
 * The connection of a tool, bench or test from its environment (`stack.sh env` prints it).
 * Throws naming each bad variable; values are never echoed (a password may be among them).
 */
export const kafkaConnectionFromEnvironment = (
  env: Readonly<Record<string, string | undefined>> = process.env,
): KafkaConnection => {
  const set = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
  const result = connectionSchema.safeParse(set);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => {
      const variable = String(issue.path[0] ?? '(environment)');
      const missing = issue.code === 'invalid_type' && set[variable] === undefined;
      return `${variable}: ${missing ? 'missing' : issue.message}`;
    });
    throw new Error(`Invalid Kafka connection: ${problems.join('; ')}`);
  }
  return kafkaConnectionOf(result.data);
};

/** The same brokers as another principal: what a test or the access check connects as. */
export const asPrincipal = (
  connection: KafkaConnection,
  username: string,
  password: string,
): KafkaConnection => ({
  ...connection,
  sasl: { mechanism: connection.sasl?.mechanism ?? 'scram-sha-512', username, password },
});

// kafkajs types each mechanism apart; one case per mechanism keeps the union exact.
const saslOptionsOf = ({
  mechanism,
  username,
  password,
}: NonNullable<KafkaConnection['sasl']>): SASLOptions => {
  switch (mechanism) {
    case 'scram-sha-512':
      return { mechanism, username, password };
    case 'scram-sha-256':
      return { mechanism, username, password };
    case 'plain':
      return { mechanism, username, password };
    default:
      return mechanism satisfies never;
  }
};

export type KafkaClientOptions = Readonly<{
  clientId: string;
  /** Default WARN. */
  logLevel?: kafkaLogLevel;
  logCreator?: logCreator;
  retry?: RetryOptions;
  /** Default kafkajs' 1 s; a test that expects a refusal need not wait longer. */
  connectionTimeout?: number;
}>;

/**
 * The kafkajs client options of a connection: the one place that turns configuration into a
 * client, for `new Kafka` and for transports that build their own client (Nest's ServerKafka).
 */
export const kafkaClientConfig = (
  connection: KafkaConnection,
  options: KafkaClientOptions,
): KafkaConfig => ({
  clientId: options.clientId,
  brokers: [...connection.brokers],
  logLevel: options.logLevel ?? kafkaLogLevel.WARN,
  ...(options.logCreator ? { logCreator: options.logCreator } : {}),
  ...(options.retry ? { retry: options.retry } : {}),
  ...(options.connectionTimeout ? { connectionTimeout: options.connectionTimeout } : {}),
  ...(connection.sasl ? { sasl: saslOptionsOf(connection.sasl) } : {}),
  ...(connection.ssl ? { ssl: connection.ssl.ca ? { ca: [connection.ssl.ca] } : true } : {}),
});

/** A kafkajs client for a connection: services, tools, benches and tests build theirs here. */
export const kafkaClient = (connection: KafkaConnection, options: KafkaClientOptions): Kafka =>
  new Kafka(kafkaClientConfig(connection, options));
