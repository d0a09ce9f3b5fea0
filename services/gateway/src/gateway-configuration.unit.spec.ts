import { InvalidConfiguration, parseConfiguration } from '@rhythm/operability';
import { gatewayConfigurationSchema } from './gateway-configuration';

const base = {
  KAFKA_BROKERS: '127.0.0.1:9092',
  JWT_ISSUER: 'https://identity.rhythm.test',
  JWT_AUDIENCE: 'rhythm-api',
  JWT_PUBLIC_KEY: '-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----',
};

const problemsOf = (env: Record<string, string>): string => {
  try {
    parseConfiguration(gatewayConfigurationSchema, env);
  } catch (error) {
    if (error instanceof InvalidConfiguration) return error.message;
    throw error;
  }
  return '';
};

describe("the gateway's configuration", () => {
  it('takes the local defaults: port 3000, the services on 3001 to 3004', () => {
    const config = parseConfiguration(gatewayConfigurationSchema, {
      ...base,
      RHYTHM_DEV_SIGN_IN: 'true',
    });
    expect(config).toMatchObject({
      PORT: 3000,
      ORG_URL: 'http://127.0.0.1:3001',
      GOALS_URL: 'http://127.0.0.1:3002',
      CHECKINS_URL: 'http://127.0.0.1:3003',
      RECOGNITION_URL: 'http://127.0.0.1:3004',
      RHYTHM_DEV_SIGN_IN: true,
    });
    expect(config.CONSOLE_DIST).toMatch(/services\/console\/dist$/);
  });

  it('needs a session secret unless the development sign-in is on', () => {
    expect(problemsOf(base)).toContain('SESSION_SECRET: missing');
    expect(problemsOf({ ...base, SESSION_SECRET: 'short' })).toContain('SESSION_SECRET');
    expect(problemsOf({ ...base, SESSION_SECRET: 'x'.repeat(32) })).toBe('');
  });

  it('needs the OpenID issuer, client and redirect together', () => {
    const problems = problemsOf({
      ...base,
      SESSION_SECRET: 'x'.repeat(32),
      OIDC_ISSUER: 'https://auth.example',
    });
    expect(problems).toContain('OIDC_CLIENT_ID: missing');
    expect(problems).toContain('OIDC_REDIRECT_URI: missing');
  });

  it('refuses a service URL that is not http', () => {
    expect(problemsOf({ ...base, RHYTHM_DEV_SIGN_IN: 'true', GOALS_URL: 'ftp://goals' })).toContain(
      'GOALS_URL: must be an http or https URL',
    );
  });
});
