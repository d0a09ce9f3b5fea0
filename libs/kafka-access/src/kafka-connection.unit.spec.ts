import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  asPrincipal,
  kafkaClientConfig,
  kafkaConnectionFromEnvironment,
  kafkaConnectionIssues,
} from './kafka-connection';

const problemOf = (env: Record<string, string>): string => {
  try {
    kafkaConnectionFromEnvironment(env);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected the connection to be refused');
};

describe('a Kafka connection from the environment', () => {
  it('has no credentials when none are given: the plaintext broker of an older stack', () => {
    const connection = kafkaConnectionFromEnvironment({ KAFKA_BROKERS: '127.0.0.1:59092' });

    expect(connection).toEqual({ brokers: ['127.0.0.1:59092'] });
    expect(kafkaClientConfig(connection, { clientId: 'c' })).not.toHaveProperty('sasl');
  });

  it('authenticates with SCRAM-SHA-512 unless another mechanism is named', () => {
    const env = {
      KAFKA_BROKERS: '127.0.0.1:59092, 127.0.0.2:59092',
      KAFKA_USERNAME: 'goals',
      KAFKA_PASSWORD: 's3cret',
    };

    expect(kafkaConnectionFromEnvironment(env)).toEqual({
      brokers: ['127.0.0.1:59092', '127.0.0.2:59092'],
      sasl: { mechanism: 'scram-sha-512', username: 'goals', password: 's3cret' },
    });
    expect(
      kafkaConnectionFromEnvironment({ ...env, KAFKA_SASL_MECHANISM: 'scram-sha-256' }).sasl
        ?.mechanism,
    ).toBe('scram-sha-256');
  });

  it('treats an empty variable as unset, as a service configuration does', () => {
    expect(
      kafkaConnectionFromEnvironment({
        KAFKA_BROKERS: '127.0.0.1:59092',
        KAFKA_USERNAME: '',
        KAFKA_PASSWORD: '',
      }),
    ).toEqual({ brokers: ['127.0.0.1:59092'] });
  });

  it('refuses half a credential, naming the variable and never echoing a value', () => {
    const problem = problemOf({ KAFKA_BROKERS: '127.0.0.1:59092', KAFKA_USERNAME: 'goals' });
    expect(problem).toMatch(/KAFKA_PASSWORD: missing: KAFKA_USERNAME needs it/);

    const secret = 'do-not-print-me';
    const other = problemOf({ KAFKA_BROKERS: '127.0.0.1:59092', KAFKA_PASSWORD: secret });
    expect(other).toMatch(/KAFKA_USERNAME: missing: KAFKA_PASSWORD needs it/);
    expect(other).not.toContain(secret);
  });

  it('refuses a mechanism without credentials, and a bad broker list', () => {
    expect(
      problemOf({ KAFKA_BROKERS: '127.0.0.1:59092', KAFKA_SASL_MECHANISM: 'scram-sha-512' }),
    ).toMatch(/KAFKA_USERNAME: missing: KAFKA_SASL_MECHANISM needs/);
    expect(problemOf({ KAFKA_BROKERS: 'broker-without-port' })).toMatch(
      /KAFKA_BROKERS: must be host:port/,
    );
    expect(problemOf({})).toMatch(/KAFKA_BROKERS: missing/);
  });

  it('connects with TLS trusting the given certificate authority', () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'kafka-ca-'));
    const caFile = path.join(folder, 'ca.crt');
    writeFileSync(caFile, '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');

    const connection = kafkaConnectionFromEnvironment({
      KAFKA_BROKERS: 'kafka.rhythm-infra.svc:9093',
      KAFKA_SSL: 'true',
      KAFKA_SSL_CA_FILE: caFile,
    });

    expect(kafkaClientConfig(connection, { clientId: 'c' }).ssl).toEqual({
      ca: ['-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n'],
    });
    expect(
      problemOf({ KAFKA_BROKERS: 'kafka:9093', KAFKA_SSL: 'false', KAFKA_SSL_CA_FILE: caFile }),
    ).toMatch(/KAFKA_SSL: must be true when KAFKA_SSL_CA_FILE is set/);
  });

  it('checks raw values too, as a service configuration sees them before parsing', () => {
    expect(kafkaConnectionIssues({ KAFKA_USERNAME: 'org', KAFKA_PASSWORD: 'pw' })).toEqual([]);
    expect(kafkaConnectionIssues({ KAFKA_SSL: 'true', KAFKA_SSL_CA_FILE: '/ca.crt' })).toEqual([]);
  });

  it('switches principal on the same brokers, keeping the mechanism', () => {
    const admin = kafkaConnectionFromEnvironment({
      KAFKA_BROKERS: '127.0.0.1:59092',
      KAFKA_SASL_MECHANISM: 'scram-sha-256',
      KAFKA_USERNAME: 'admin',
      KAFKA_PASSWORD: 'a',
    });

    expect(asPrincipal(admin, 'analytics', 'b')).toEqual({
      brokers: ['127.0.0.1:59092'],
      sasl: { mechanism: 'scram-sha-256', username: 'analytics', password: 'b' },
    });
  });
});
