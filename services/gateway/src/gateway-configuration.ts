import { resolve } from 'node:path';
import { integrationTopics } from '@rhythm/contracts';
import { configVariables, serviceConfigSchema, topicVariable } from '@rhythm/operability';
import { z } from 'zod';

const serviceUrl = (service: string, port: number) =>
  z
    .string()
    .refine(
      (value) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol),
      'must be an http or https URL',
    )
    .transform((value) => value.replace(/\/+$/, ''))
    .default(`http://127.0.0.1:${port}`)
    .describe(`the ${service} service's base URL (default http://127.0.0.1:${port})`);

const milliseconds = (fallback: number, what: string, max = 600_000) =>
  z.coerce
    .number({ error: 'must be a number' })
    .int()
    .min(1)
    .max(max)
    .default(fallback)
    .describe(`${what}, in milliseconds (default ${fallback})`);

const flag = (what: string) =>
  z
    .stringbool({ error: 'must be true or false' })
    .default(false)
    .describe(`${what} (default false)`);

/** services/console/dist beside this service, wherever the repository is. */
export const DEFAULT_CONSOLE_DIST = resolve(__dirname, '..', '..', 'console', 'dist');

/**
 * The gateway's environment, validated once at boot. Its JWT_* variables name the keys the
 * services trust: the gateway verifies every token it puts in a session with them.
 */
export const gatewayConfigurationSchema = serviceConfigSchema({
  PORT: configVariables.PORT,
  CONSOLE_DIST: z
    .string()
    .min(1)
    .default(DEFAULT_CONSOLE_DIST)
    .describe(
      'the built console (npm run console:build), served at / (default services/console/dist)',
    ),
  ORG_URL: serviceUrl('org', 3001),
  GOALS_URL: serviceUrl('goals', 3002),
  CHECKINS_URL: serviceUrl('checkins', 3003),
  RECOGNITION_URL: serviceUrl('recognition', 3004),
  PROXY_TIMEOUT_MS: milliseconds(30_000, 'how long a service may take to start answering'),
  KAFKA_BROKERS: configVariables.KAFKA_BROKERS,
  KAFKA_SASL_MECHANISM: configVariables.KAFKA_SASL_MECHANISM,
  KAFKA_USERNAME: configVariables.KAFKA_USERNAME,
  KAFKA_PASSWORD: configVariables.KAFKA_PASSWORD,
  KAFKA_SSL: configVariables.KAFKA_SSL,
  KAFKA_SSL_CA_FILE: configVariables.KAFKA_SSL_CA_FILE,
  ORG_EVENTS_TOPIC: topicVariable('org integration events followed', integrationTopics.org),
  GOALS_EVENTS_TOPIC: topicVariable('goals integration events followed', integrationTopics.goals),
  CHECKINS_EVENTS_TOPIC: topicVariable(
    'checkins integration events followed',
    integrationTopics.checkins,
  ),
  RECOGNITION_EVENTS_TOPIC: topicVariable(
    'recognition integration events followed',
    integrationTopics.recognition,
  ),
  LIVE_GROUP_PREFIX: z
    .string()
    .min(1)
    .max(150)
    .default('rhythm-gateway.live-')
    .describe(
      "prefix of each replica's own consumer group (a random suffix follows: every replica reads every event; default rhythm-gateway.live-)",
    ),
  LIVE_CONNECTIONS_PER_PERSON: z.coerce
    .number({ error: 'must be a number' })
    .int()
    .min(1)
    .max(100)
    .default(8)
    .describe('live streams one person may hold open on a replica (default 8)'),
  LIVE_HEARTBEAT_MS: milliseconds(15_000, 'between heartbeat comments on a live stream'),
  LIVE_VISIBILITY_BATCH_MS: milliseconds(
    200,
    'how long visibility questions about one subject are gathered into one',
    5_000,
  ),
  LIVE_CATCH_UP_MS: milliseconds(
    2_000,
    "how long a change waits for the owning service's read model to show it",
    30_000,
  ),
  BOARD_RECHECK_MS: milliseconds(60_000, "between checks of a TV board's link while it is open"),
  SESSION_SECRET: z
    .string()
    .min(32, 'must be at least 32 characters')
    .optional()
    .describe(
      'the key the session cookies are sealed with (at least 32 characters; every replica the same)',
    ),
  RHYTHM_DEV_SIGN_IN: flag(
    'true on the local stack only: pick any person of an organisation, signed with the development key',
  ),
  OIDC_ISSUER: z
    .url()
    .optional()
    .describe('the OpenID provider (its /.well-known/openid-configuration is read)'),
  OIDC_CLIENT_ID: z.string().min(1).optional().describe("the console's client id at the provider"),
  OIDC_CLIENT_SECRET: z
    .string()
    .min(1)
    .optional()
    .describe('the client secret, for a confidential client (PKCE is used either way)'),
  OIDC_REDIRECT_URI: z
    .url()
    .optional()
    .describe('https://<gateway>/auth/callback, as registered at the provider'),
  OIDC_SCOPES: z
    .string()
    .min(1)
    .default('openid profile')
    .describe('scopes asked for (default "openid profile")'),
  OIDC_TOKEN: z
    .enum(['access_token', 'id_token'])
    .default('access_token')
    .describe(
      'which token of the provider becomes the session token the services see (default access_token)',
    ),
}).superRefine((config, context) => {
  if (!config.SESSION_SECRET && !config.RHYTHM_DEV_SIGN_IN) {
    context.addIssue({
      code: 'custom',
      path: ['SESSION_SECRET'],
      message: 'missing: sessions need it (only RHYTHM_DEV_SIGN_IN=true has a default)',
    });
  }
  const oidc = ['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_REDIRECT_URI'] as const;
  const given = oidc.filter((name) => config[name] !== undefined);
  if (given.length > 0 && given.length < oidc.length) {
    for (const name of oidc.filter((missing) => config[missing] === undefined)) {
      context.addIssue({
        code: 'custom',
        path: [name],
        message: `missing: OpenID Connect needs ${oidc.join(', ')}`,
      });
    }
  }
});

export type GatewayConfiguration = z.infer<typeof gatewayConfigurationSchema>;

/** The services behind `/api/<name>`. */
export const routedServices = ['org', 'goals', 'checkins', 'recognition'] as const;
export type RoutedService = (typeof routedServices)[number];

export const serviceUrlOf = (config: GatewayConfiguration, service: RoutedService): string => {
  switch (service) {
    case 'org':
      return config.ORG_URL;
    case 'goals':
      return config.GOALS_URL;
    case 'checkins':
      return config.CHECKINS_URL;
    case 'recognition':
      return config.RECOGNITION_URL;
    default:
      return service satisfies never;
  }
};
