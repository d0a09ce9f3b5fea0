import { existsSync, readFileSync } from 'node:fs';
import {
  DEFAULT_MAX_LIFETIME_SECONDS,
  type IdentityConfig,
  SIGNING_ALGORITHMS,
  type SigningAlgorithm,
} from '@rhythm/identity';
import { kafkaConnectionIssues, kafkaConnectionVariables } from '@rhythm/kafka-access';
import { z } from 'zod';

const urlWithScheme = (schemes: readonly string[], example: string) =>
  z
    .string()
    .refine(
      (value) => schemes.some((scheme) => value.startsWith(`${scheme}://`)) && URL.canParse(value),
      `must be a ${schemes.join(' or ')} URL`,
    )
    .describe(example);

const isHost = (value: string) =>
  [z.ipv4(), z.ipv6(), z.hostname()].some((format) => format.safeParse(value).success);

// Express's `trust proxy`: hops, or the proxies' addresses. Never `true`: any client could then
// choose its own address (X-Forwarded-For) and with it its rate-limit bucket.
const proxyAddress = /^(loopback|linklocal|uniquelocal|[0-9A-Fa-f.:]+(\/\d{1,3})?)$/;
const trustedProxies = z.string().transform((value, context) => {
  const trimmed = value.trim();
  if (trimmed === '') return false;
  if (/^\d{1,2}$/.test(trimmed)) return Number(trimmed);
  const addresses = trimmed.split(',').map((address) => address.trim());
  if (addresses.every((address) => proxyAddress.test(address))) return addresses;
  context.addIssue({
    code: 'custom',
    message: 'must be a number of hops or a comma-separated list of proxy addresses',
  });
  return z.NEVER;
});

const requestsPerSecond = (fallback: number, whose: string) =>
  z.coerce
    .number({ error: 'must be a number' })
    .positive()
    .max(1_000_000)
    .default(fallback)
    .describe(`requests per second ${whose}, on average (default ${fallback})`);

const burst = (fallback: number, whose: string) =>
  z.coerce
    .number({ error: 'must be a number' })
    .int()
    .min(1)
    .max(1_000_000)
    .default(fallback)
    .describe(`requests ${whose} at once, above the average (default ${fallback})`);

// Keys fetched over plain HTTP could be swapped on the way: only this machine may serve them so.
const isKeySetUrl = (value: string) => {
  if (!URL.canParse(value)) return false;
  const { protocol, hostname } = new URL(value);
  return (
    protocol === 'https:' ||
    (protocol === 'http:' && ['127.0.0.1', '[::1]', 'localhost'].includes(hostname))
  );
};

const algorithmList = z
  .string()
  .transform((value) => value.split(',').map((algorithm) => algorithm.trim()))
  .pipe(z.array(z.enum(SIGNING_ALGORITHMS as [SigningAlgorithm, ...SigningAlgorithm[]])).min(1));

/** A context's event-store schema in PostgreSQL (`<context>_event_store` unless set). */
export const eventStoreSchemaVariable = (context: string) => {
  const fallback = `${context}_event_store`;
  return z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'must be a PostgreSQL schema name (lower case, digits, _)')
    .default(fallback)
    .describe(
      `PostgreSQL schema of the ${context} event store and relay checkpoint (default ${fallback})`,
    );
};

/** A Kafka topic a service publishes to or consumes, with the contract's name as default. */
export const topicVariable = (what: string, fallback: string) =>
  z.string().min(1).default(fallback).describe(`Kafka topic of the ${what} (default ${fallback})`);

/**
 * Reusable environment variables, named as in the environment. A service composes the ones it
 * uses with `serviceConfigSchema({ DATABASE_URL: configVariables.DATABASE_URL, ... })`.
 */
export const configVariables = {
  PORT: z.coerce
    .number({ error: 'must be a number' })
    .int()
    .min(1)
    .max(65535)
    .default(3000)
    .describe('a TCP port, 1-65535 (default 3000)'),
  HOST: z
    .string()
    .refine(isHost, 'must be an IPv4 or IPv6 address or a host name')
    .default('127.0.0.1')
    .describe(
      'the address to listen on (default 127.0.0.1: this machine only; containers set 0.0.0.0)',
    ),
  TRUST_PROXY: trustedProxies
    .default(false)
    .describe(
      "the proxies in front (Express 'trust proxy'): a number of hops, or addresses such as " +
        'loopback,10.0.0.0/8; their X-Forwarded-For gives the client address (default none)',
    ),
  RATE_LIMITS: z
    .enum(['on', 'off'])
    .default('on')
    .describe('on or off: the per-tenant and per-client rate limits (default on; off is logged)'),
  RATE_LIMIT_PER_TENANT_PER_SECOND: requestsPerSecond(100, 'of one tenant, per replica'),
  RATE_LIMIT_PER_TENANT_BURST: burst(500, 'of one tenant'),
  RATE_LIMIT_PER_CLIENT_PER_SECOND: requestsPerSecond(
    10,
    'of one client address without a valid token, per replica',
  ),
  RATE_LIMIT_PER_CLIENT_BURST: burst(100, 'of one client address without a valid token'),
  HSTS_MAX_AGE_SECONDS: z.coerce
    .number({ error: 'must be a number' })
    .int()
    .min(0)
    .max(63_072_000)
    .default(0)
    .describe(
      'Strict-Transport-Security max-age on every answer; set it only where the service is ' +
        'reached over HTTPS (default 0: not sent)',
    ),
  DATABASE_URL: urlWithScheme(
    ['postgres', 'postgresql'],
    'postgres://user:password@host:5432/database',
  ),
  // Migrations only (docs/adr/0029): the services' pools stay on DATABASE_URL's role.
  DATABASE_OWNER_URL: urlWithScheme(
    ['postgres', 'postgresql'],
    'postgres://owner:password@host:5432/database',
  )
    .optional()
    .describe(
      "postgres://owner:password@host:5432/database: the schema owner's role, used only by the " +
        'migrations at start-up (default: DATABASE_URL, one role for both)',
    ),
  // KAFKA_BROKERS and the service's principal on them (docs/adr/0035): unset, no authentication.
  ...kafkaConnectionVariables,
  MONGO_URL: urlWithScheme(['mongodb', 'mongodb+srv'], 'mongodb://host:27017/database'),
  KURRENTDB_URL: urlWithScheme(
    ['kurrentdb', 'kurrentdb+discover', 'esdb', 'esdb+discover'],
    'kurrentdb://host:2113?tls=false',
  )
    .optional()
    .describe('kurrentdb://host:2113?tls=false (needed when EVENT_STORE=kurrentdb)'),
  EVENT_STORE: z
    .enum(['postgres', 'kurrentdb'])
    .default('postgres')
    .describe('postgres or kurrentdb (default postgres)'),
  JWT_ISSUER: z.string().min(1).describe('the token issuer (iss), e.g. https://auth.example'),
  JWT_AUDIENCE: z.string().min(1).describe('the token audience (aud), e.g. rhythm-api'),
  JWT_ALGORITHMS: algorithmList
    .default(['RS256', 'ES256'])
    .describe(
      `comma-separated allow-list of ${SIGNING_ALGORITHMS.join(', ')} (default RS256,ES256)`,
    ),
  JWT_PUBLIC_KEY: z
    .string()
    // Secrets often arrive with escaped newlines.
    .transform((value) => value.replace(/\\n/g, '\n'))
    .refine((value) => value.includes('-----BEGIN'), 'must be a PEM public key')
    .optional()
    .describe('a PEM public key'),
  JWT_PUBLIC_KEY_FILE: z
    .string()
    .refine(existsSync, 'file not found')
    .optional()
    .describe('path to a PEM public key file'),
  JWT_JWKS_FILE: z
    .string()
    .refine(existsSync, 'file not found')
    .optional()
    .describe('path to a JSON Web Key Set file'),
  JWT_JWKS_URL: z
    .string()
    .refine(isKeySetUrl, 'must be an https URL (http only on 127.0.0.1, ::1 or localhost)')
    .optional()
    .describe("an identity provider's JWKS URL (jwks_uri), fetched and refreshed on key rotation"),
  JWT_MAX_LIFETIME_SECONDS: z.coerce
    .number({ error: 'must be a number' })
    .int()
    .min(60)
    .max(31 * 24 * 60 * 60)
    .default(DEFAULT_MAX_LIFETIME_SECONDS)
    .describe(
      `the longest accepted token lifetime (exp - iat, and exp - now), in seconds (default ${DEFAULT_MAX_LIFETIME_SECONDS}: a day)`,
    ),
  JWT_SECRET: z
    .string()
    .min(32)
    .optional()
    .describe('an HS256 secret of at least 32 characters (only with JWT_ALGORITHMS=HS256)'),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
    .default('info')
    .describe('fatal, error, warn, info, debug, trace or silent (default info)'),
  SHUTDOWN_TIMEOUT_MS: z.coerce
    .number({ error: 'must be a number' })
    .int()
    .min(100)
    .max(600_000)
    .default(10_000)
    .describe('milliseconds to drain before exiting, 100-600000 (default 10000)'),
};

/** What every HTTP service needs; bootstrapService takes a configuration of at least this shape. */
export const serviceVariables = {
  PORT: configVariables.PORT,
  HOST: configVariables.HOST,
  TRUST_PROXY: configVariables.TRUST_PROXY,
  RATE_LIMITS: configVariables.RATE_LIMITS,
  RATE_LIMIT_PER_TENANT_PER_SECOND: configVariables.RATE_LIMIT_PER_TENANT_PER_SECOND,
  RATE_LIMIT_PER_TENANT_BURST: configVariables.RATE_LIMIT_PER_TENANT_BURST,
  RATE_LIMIT_PER_CLIENT_PER_SECOND: configVariables.RATE_LIMIT_PER_CLIENT_PER_SECOND,
  RATE_LIMIT_PER_CLIENT_BURST: configVariables.RATE_LIMIT_PER_CLIENT_BURST,
  HSTS_MAX_AGE_SECONDS: configVariables.HSTS_MAX_AGE_SECONDS,
  LOG_LEVEL: configVariables.LOG_LEVEL,
  SHUTDOWN_TIMEOUT_MS: configVariables.SHUTDOWN_TIMEOUT_MS,
  JWT_ISSUER: configVariables.JWT_ISSUER,
  JWT_AUDIENCE: configVariables.JWT_AUDIENCE,
  JWT_ALGORITHMS: configVariables.JWT_ALGORITHMS,
  JWT_PUBLIC_KEY: configVariables.JWT_PUBLIC_KEY,
  JWT_PUBLIC_KEY_FILE: configVariables.JWT_PUBLIC_KEY_FILE,
  JWT_JWKS_FILE: configVariables.JWT_JWKS_FILE,
  JWT_JWKS_URL: configVariables.JWT_JWKS_URL,
  JWT_MAX_LIFETIME_SECONDS: configVariables.JWT_MAX_LIFETIME_SECONDS,
  JWT_SECRET: configVariables.JWT_SECRET,
};

export type ServiceConfiguration = z.infer<z.ZodObject<typeof serviceVariables>> & {
  EVENT_STORE?: 'postgres' | 'kurrentdb';
};

/** Rules that span variables: a key for every allowed algorithm, a URL for the chosen store. */
const crossVariableRules = (config: Record<string, unknown>, context: z.RefinementCtx) => {
  for (const issue of kafkaConnectionIssues(config)) {
    context.addIssue({ code: 'custom', path: [issue.variable], message: issue.message });
  }
  // Runs even when single variables failed (see `when`), so values may still be raw strings.
  const algorithms = Array.isArray(config.JWT_ALGORITHMS)
    ? (config.JWT_ALGORITHMS as string[])
    : [];
  const asymmetric = algorithms.filter((algorithm) => !algorithm.startsWith('HS'));
  if (
    asymmetric.length > 0 &&
    !config.JWT_PUBLIC_KEY &&
    !config.JWT_PUBLIC_KEY_FILE &&
    !config.JWT_JWKS_FILE &&
    !config.JWT_JWKS_URL
  ) {
    context.addIssue({
      code: 'custom',
      path: ['JWT_PUBLIC_KEY'],
      message: `missing: ${asymmetric.join(', ')} tokens need JWT_PUBLIC_KEY, JWT_PUBLIC_KEY_FILE, JWT_JWKS_FILE or JWT_JWKS_URL`,
    });
  }
  if (algorithms.some((algorithm) => algorithm.startsWith('HS')) && !config.JWT_SECRET) {
    context.addIssue({
      code: 'custom',
      path: ['JWT_SECRET'],
      message: 'missing: JWT_ALGORITHMS lists an HS algorithm, which needs JWT_SECRET',
    });
  }
  if (config.EVENT_STORE === 'kurrentdb' && !config.KURRENTDB_URL) {
    context.addIssue({
      code: 'custom',
      path: ['KURRENTDB_URL'],
      message: 'missing: EVENT_STORE=kurrentdb needs KURRENTDB_URL',
    });
  }
};

/** The schema of a service's configuration: the common variables plus the service's own. */
export const serviceConfigSchema = <Extra extends z.ZodRawShape = Record<never, never>>(
  extra: Extra = {} as Extra,
) =>
  z
    .object({ ...serviceVariables, ...extra })
    // `when`: report cross-variable problems together with the others, not one boot later.
    .superRefine(crossVariableRules, { when: () => true });

/** Identity settings from a validated configuration (reads the key file). */
export const identityConfigOf = (config: ServiceConfiguration): IdentityConfig => ({
  issuer: config.JWT_ISSUER,
  audience: config.JWT_AUDIENCE,
  algorithms: config.JWT_ALGORITHMS,
  publicKey:
    config.JWT_PUBLIC_KEY ??
    (config.JWT_PUBLIC_KEY_FILE ? readFileSync(config.JWT_PUBLIC_KEY_FILE, 'utf8') : undefined),
  jwksFile: config.JWT_JWKS_FILE,
  jwksUrl: config.JWT_JWKS_URL,
  maxLifetimeSeconds: config.JWT_MAX_LIFETIME_SECONDS,
  secret: config.JWT_SECRET,
});
