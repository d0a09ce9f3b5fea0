import { generateTestKeyPair } from '@rhythm/identity';
import { InvalidConfiguration, loadConfiguration, parseConfiguration } from './configuration';
import {
  configVariables as v,
  identityConfigOf,
  serviceConfigSchema,
} from './configuration-variables';

const schema = serviceConfigSchema({
  DATABASE_URL: v.DATABASE_URL,
  DATABASE_OWNER_URL: v.DATABASE_OWNER_URL,
  KAFKA_BROKERS: v.KAFKA_BROKERS,
  MONGO_URL: v.MONGO_URL,
  EVENT_STORE: v.EVENT_STORE,
  KURRENTDB_URL: v.KURRENTDB_URL,
});

const publicKey = generateTestKeyPair().publicKeyPem;
const valid = {
  DATABASE_URL: 'postgres://rhythm:rhythm@127.0.0.1:55432/rhythm',
  KAFKA_BROKERS: '127.0.0.1:59092, 127.0.0.2:59092',
  MONGO_URL: 'mongodb://127.0.0.1:57017/rhythm',
  JWT_ISSUER: 'https://auth.rhythm.example',
  JWT_AUDIENCE: 'rhythm-api',
  JWT_PUBLIC_KEY: publicKey,
};

const problemsOf = (env: Record<string, string | undefined>): readonly string[] => {
  try {
    parseConfiguration(schema, env);
  } catch (error) {
    if (error instanceof InvalidConfiguration) return error.problems;
    throw error;
  }
  throw new Error('expected the configuration to be refused');
};

describe('configuration at boot', () => {
  it('types and defaults a valid environment', () => {
    const config = parseConfiguration(schema, valid);
    expect(config).toMatchObject({
      PORT: 3000,
      LOG_LEVEL: 'info',
      SHUTDOWN_TIMEOUT_MS: 10_000,
      EVENT_STORE: 'postgres',
      JWT_ALGORITHMS: ['RS256', 'ES256'],
      KAFKA_BROKERS: ['127.0.0.1:59092', '127.0.0.2:59092'],
    });
  });

  it('lists every missing and malformed variable at once, with the shape it expects', () => {
    const problems = problemsOf({
      PORT: 'eighty',
      DATABASE_URL: 'mysql://db/rhythm',
      KAFKA_BROKERS: '127.0.0.1:59092,broker-without-port',
      LOG_LEVEL: 'chatty',
    });
    expect(problems).toEqual([
      expect.stringMatching(/^PORT: must be a number; expected a TCP port/),
      expect.stringMatching(/^LOG_LEVEL: .*; expected fatal, error, warn, info/),
      expect.stringMatching(/^JWT_ISSUER: missing; expected the token issuer/),
      expect.stringMatching(/^JWT_AUDIENCE: missing/),
      expect.stringMatching(
        /^DATABASE_URL: must be a postgres or postgresql URL; expected postgres:\/\//,
      ),
      expect.stringMatching(/^KAFKA_BROKERS: must be host:port \(item 2\)/),
      expect.stringMatching(/^MONGO_URL: missing; expected mongodb:\/\//),
      expect.stringMatching(/^JWT_PUBLIC_KEY: missing: RS256, ES256 tokens need JWT_PUBLIC_KEY/),
    ]);
  });

  it('listens on 127.0.0.1 with rate limits on unless told otherwise', () => {
    expect(parseConfiguration(schema, valid)).toMatchObject({
      HOST: '127.0.0.1',
      TRUST_PROXY: false,
      RATE_LIMITS: 'on',
      RATE_LIMIT_PER_TENANT_PER_SECOND: 100,
      RATE_LIMIT_PER_TENANT_BURST: 500,
      RATE_LIMIT_PER_CLIENT_PER_SECOND: 10,
      RATE_LIMIT_PER_CLIENT_BURST: 100,
      HSTS_MAX_AGE_SECONDS: 0,
    });
    expect(
      parseConfiguration(schema, {
        ...valid,
        HOST: '0.0.0.0',
        TRUST_PROXY: 'loopback, 10.0.0.0/8',
      }),
    ).toMatchObject({ HOST: '0.0.0.0', TRUST_PROXY: ['loopback', '10.0.0.0/8'] });
    expect(parseConfiguration(schema, { ...valid, TRUST_PROXY: '1' }).TRUST_PROXY).toBe(1);
  });

  it('refuses a host that is not an address, a proxy trust of everyone, and limits of zero', () => {
    expect(
      problemsOf({
        ...valid,
        HOST: 'http://0.0.0.0',
        TRUST_PROXY: 'true',
        RATE_LIMITS: 'maybe',
        RATE_LIMIT_PER_TENANT_PER_SECOND: '0',
        RATE_LIMIT_PER_CLIENT_BURST: '0.5',
      }),
    ).toEqual([
      expect.stringMatching(/^HOST: must be an IPv4 or IPv6 address or a host name/),
      expect.stringMatching(/^TRUST_PROXY: must be a number of hops or a comma-separated list/),
      expect.stringMatching(/^RATE_LIMITS: .*; expected on or off/),
      expect.stringMatching(/^RATE_LIMIT_PER_TENANT_PER_SECOND: /),
      expect.stringMatching(/^RATE_LIMIT_PER_CLIENT_BURST: /),
    ]);
  });

  it('never echoes a value: it may be a secret', () => {
    const problems = problemsOf({ ...valid, DATABASE_URL: 'mysql://admin:hunter2@db/rhythm' });
    expect(problems.join('\n')).not.toContain('hunter2');
  });

  it('takes the schema owner role for migrations only when given, and refuses a URL that is not PostgreSQL', () => {
    expect(parseConfiguration(schema, valid).DATABASE_OWNER_URL).toBeUndefined();
    const owner = 'postgres://rhythm_owner:secret@127.0.0.1:55432/rhythm';
    expect(parseConfiguration(schema, { ...valid, DATABASE_OWNER_URL: owner })).toMatchObject({
      DATABASE_URL: valid.DATABASE_URL,
      DATABASE_OWNER_URL: owner,
    });
    const problems = problemsOf({
      ...valid,
      DATABASE_OWNER_URL: 'mysql://owner:hunter2@db/rhythm',
    });
    expect(problems).toEqual([
      expect.stringMatching(/^DATABASE_OWNER_URL: must be a postgres or postgresql URL/),
    ]);
    expect(problems.join('\n')).not.toContain('hunter2');
  });

  it('treats an empty variable as missing', () => {
    expect(problemsOf({ ...valid, JWT_ISSUER: '' })).toEqual([
      expect.stringMatching(/^JWT_ISSUER: missing/),
    ]);
  });

  it('needs KURRENTDB_URL when the event store is KurrentDB', () => {
    expect(problemsOf({ ...valid, EVENT_STORE: 'kurrentdb' })).toEqual([
      expect.stringMatching(/^KURRENTDB_URL: missing: EVENT_STORE=kurrentdb needs KURRENTDB_URL/),
    ]);
    const config = parseConfiguration(schema, {
      ...valid,
      EVENT_STORE: 'kurrentdb',
      KURRENTDB_URL: 'kurrentdb://127.0.0.1:2113?tls=false',
    });
    expect(config.EVENT_STORE).toBe('kurrentdb');
  });

  it('allows HS256 only with a secret', () => {
    expect(problemsOf({ ...valid, JWT_ALGORITHMS: 'HS256' })).toEqual([
      expect.stringMatching(/^JWT_SECRET: missing: JWT_ALGORITHMS lists an HS algorithm/),
    ]);
    expect(problemsOf({ ...valid, JWT_ALGORITHMS: 'RS256,none' })).toEqual([
      expect.stringMatching(/^JWT_ALGORITHMS: .*\(item 2\)/),
    ]);
  });

  it('reads a PEM key with escaped newlines from a single-line variable', () => {
    const config = parseConfiguration(schema, {
      ...valid,
      JWT_PUBLIC_KEY: publicKey.replace(/\n/g, '\\n'),
    });
    expect(config.JWT_PUBLIC_KEY).toBe(publicKey);
  });

  it('names JWT_JWKS_URL among the ways to give the keys', () => {
    const { JWT_PUBLIC_KEY: _key, ...withoutKey } = valid;
    expect(problemsOf(withoutKey)).toEqual([
      expect.stringMatching(/^JWT_PUBLIC_KEY: missing: .*, JWT_JWKS_FILE or JWT_JWKS_URL/),
    ]);
  });

  it('refuses a key file that does not exist', () => {
    const { JWT_PUBLIC_KEY: _key, ...withoutKey } = valid;
    expect(problemsOf({ ...withoutKey, JWT_PUBLIC_KEY_FILE: '/nowhere/public.pem' })).toEqual([
      expect.stringMatching(/^JWT_PUBLIC_KEY_FILE: file not found/),
    ]);
  });

  it("takes an identity provider's JWKS URL as the tokens' keys: https, or http on this machine", () => {
    const { JWT_PUBLIC_KEY: _key, ...withoutKey } = valid;
    const jwksUrl = 'https://auth.rhythm.example/.well-known/jwks.json';
    expect(
      identityConfigOf(parseConfiguration(schema, { ...withoutKey, JWT_JWKS_URL: jwksUrl })),
    ).toMatchObject({ jwksUrl, maxLifetimeSeconds: 86_400 });
    expect(
      parseConfiguration(schema, { ...withoutKey, JWT_JWKS_URL: 'http://127.0.0.1:8080/jwks' }),
    ).toMatchObject({ JWT_JWKS_URL: 'http://127.0.0.1:8080/jwks' });
    for (const url of ['http://auth.rhythm.example/jwks', 'ftp://127.0.0.1/jwks', 'jwks.json']) {
      expect(problemsOf({ ...withoutKey, JWT_JWKS_URL: url })).toEqual([
        expect.stringMatching(/^JWT_JWKS_URL: must be an https URL/),
      ]);
    }
  });

  it('caps the token lifetime at JWT_MAX_LIFETIME_SECONDS, a day unless set', () => {
    expect(identityConfigOf(parseConfiguration(schema, valid)).maxLifetimeSeconds).toBe(86_400);
    const hour = parseConfiguration(schema, { ...valid, JWT_MAX_LIFETIME_SECONDS: '3600' });
    expect(identityConfigOf(hour).maxLifetimeSeconds).toBe(3600);
    expect(problemsOf({ ...valid, JWT_MAX_LIFETIME_SECONDS: 'forever' })).toEqual([
      expect.stringMatching(/^JWT_MAX_LIFETIME_SECONDS: must be a number; expected the longest/),
    ]);
  });

  it("takes the service's Kafka principal as a pair, and refuses half of it (ADR 0035)", () => {
    const withKafka = serviceConfigSchema({
      KAFKA_BROKERS: v.KAFKA_BROKERS,
      KAFKA_SASL_MECHANISM: v.KAFKA_SASL_MECHANISM,
      KAFKA_USERNAME: v.KAFKA_USERNAME,
      KAFKA_PASSWORD: v.KAFKA_PASSWORD,
    });
    const { KAFKA_BROKERS, JWT_ISSUER, JWT_AUDIENCE, JWT_PUBLIC_KEY } = valid;
    const env = { KAFKA_BROKERS, JWT_ISSUER, JWT_AUDIENCE, JWT_PUBLIC_KEY };

    expect(
      parseConfiguration(withKafka, { ...env, KAFKA_USERNAME: 'goals', KAFKA_PASSWORD: 'pw' }),
    ).toMatchObject({ KAFKA_USERNAME: 'goals', KAFKA_PASSWORD: 'pw' });
    expect(() => parseConfiguration(withKafka, { ...env, KAFKA_USERNAME: 'goals' })).toThrow(
      /KAFKA_PASSWORD: missing: KAFKA_USERNAME needs it/,
    );
  });

  it('loadConfiguration prints the problems and exits 1', () => {
    const exit = jest.spyOn(process, 'exit').mockImplementation(() => {
      throw new Error('exited');
    });
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(() => loadConfiguration(schema, {})).toThrow('exited');
      expect(exit).toHaveBeenCalledWith(1);
      expect(String(stderr.mock.calls[0]?.[0])).toMatch(/^Invalid configuration \(\d+ problems\):/);
    } finally {
      exit.mockRestore();
      stderr.mockRestore();
    }
  });
});
