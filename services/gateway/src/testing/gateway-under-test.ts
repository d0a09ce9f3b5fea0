import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mintTestToken, TEST_AUDIENCE, TEST_ISSUER, testKeyPair } from '@rhythm/identity';
import { parseConfiguration } from '@rhythm/operability';
import { testInfrastructure } from '@rhythm/testing';
import { createGatewayApp, type GatewayApp } from '../gateway.app';
import { gatewayConfigurationSchema } from '../gateway-configuration';

/** A built console of three files, enough to see what the gateway serves and how. */
export const fakeConsoleDist = (): string => {
  const dist = mkdtempSync(join(tmpdir(), 'rhythm-console-'));
  mkdirSync(join(dist, 'assets'));
  writeFileSync(
    join(dist, 'index.html'),
    '<!doctype html><html><head><script type="module" src="/assets/index-abc123.js"></script></head><body><div id="root"></div></body></html>',
  );
  writeFileSync(
    join(dist, 'assets', 'index-abc123.js'),
    `export const console = ${JSON.stringify('Rhythm '.repeat(2_000))};\n`,
  );
  writeFileSync(join(dist, 'secret.txt'), 'outside the assets');
  return dist;
};

export type GatewayUnderTest = GatewayApp & Readonly<{ url: string; stop: () => Promise<void> }>;

/**
 * The gateway in-process, listening on a free port of 127.0.0.1, trusting the test key pair;
 * its development sign-in mints test tokens. `env` adds or overrides variables.
 */
export const startGateway = async (env: Record<string, string>): Promise<GatewayUnderTest> => {
  const config = parseConfiguration(gatewayConfigurationSchema, {
    ...testInfrastructure.kafkaEnvironment(),
    JWT_ISSUER: TEST_ISSUER,
    JWT_AUDIENCE: TEST_AUDIENCE,
    JWT_ALGORITHMS: 'RS256',
    JWT_PUBLIC_KEY: testKeyPair().publicKeyPem,
    LOG_LEVEL: 'silent',
    SHUTDOWN_TIMEOUT_MS: '2000',
    LIVE_GROUP_PREFIX: `rhythm-gateway-test.live-`,
    ...env,
  });
  const gateway = await createGatewayApp(config, {
    mintDevelopmentToken: (claims) =>
      mintTestToken({
        sub: claims.sub,
        tenant: claims.tenant,
        roles: claims.roles,
        ...(claims.name ? { name: claims.name } : {}),
        ttl: '1h',
      }),
  });
  await gateway.app.listen(0, '127.0.0.1');
  const { port } = gateway.app.getHttpServer().address() as { port: number };
  return {
    ...gateway,
    url: `http://127.0.0.1:${port}`,
    stop: async () => {
      await gateway.hub.close();
      await gateway.feed.stop();
      await gateway.app.close();
    },
  };
};
