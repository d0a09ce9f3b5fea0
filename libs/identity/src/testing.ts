import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { type IdentityConfig } from './access-token-verifier';
import { mintAccessToken, type TokenLifetime } from './mint-access-token';
import { type Role } from './authenticated-actor';
import { type PersonRegistry } from './person-registry';

/** Test doubles for identity: an in-process key pair, its verifier config, and tokens it signs. */
export type TestKeyPair = Readonly<{
  algorithm: 'RS256' | 'ES256';
  keyId: string;
  publicKeyPem: string;
  privateKeyPem: string;
}>;

export const TEST_ISSUER = 'https://identity.rhythm.test';
export const TEST_AUDIENCE = 'rhythm-test';

export const generateTestKeyPair = (algorithm: 'RS256' | 'ES256' = 'RS256'): TestKeyPair => {
  const { publicKey, privateKey } =
    algorithm === 'RS256'
      ? generateKeyPairSync('rsa', { modulusLength: 2048 })
      : generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return {
    algorithm,
    keyId: `test-${randomUUID()}`,
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
};

let sharedKeys: TestKeyPair | undefined;
/** One key pair per test process, generated on first use. */
export const testKeyPair = (): TestKeyPair => (sharedKeys ??= generateTestKeyPair());

/** Verifier settings that accept what `mintTestToken` signs with the same keys. */
export const testIdentityConfig = (
  keys: TestKeyPair = testKeyPair(),
  overrides: Partial<IdentityConfig> = {},
): IdentityConfig => ({
  issuer: TEST_ISSUER,
  audience: TEST_AUDIENCE,
  algorithms: ['RS256', 'ES256'],
  publicKey: keys.publicKeyPem,
  ...overrides,
});

export type TestTokenOptions = Readonly<{
  sub?: string;
  tenant?: string;
  roles?: readonly Role[] | readonly string[];
  name?: string;
  ttl?: TokenLifetime;
  keys?: TestKeyPair;
  issuer?: string;
  audience?: string;
}>;

export const mintTestToken = (options: TestTokenOptions = {}): string => {
  const keys = options.keys ?? testKeyPair();
  return mintAccessToken(
    {
      sub: options.sub ?? 'person-test',
      tenant: options.tenant ?? 'organisation-test',
      roles: options.roles ?? ['member'],
      ...(options.name ? { name: options.name } : {}),
    },
    {
      key: keys.privateKeyPem,
      algorithm: keys.algorithm,
      issuer: options.issuer ?? TEST_ISSUER,
      audience: options.audience ?? TEST_AUDIENCE,
      keyId: keys.keyId,
    },
    options.ttl ?? '5m',
  );
};

/** A PersonRegistry for tests that are not about who is a person: every subject is one. */
export const everySubjectIsAPerson: PersonRegistry = { isPerson: () => Promise.resolve(true) };
