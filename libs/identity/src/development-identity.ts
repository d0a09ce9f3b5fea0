import { generateKeyPairSync } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type AccessTokenClaims } from './access-token-claims';
import { mintAccessToken, type TokenLifetime } from './mint-access-token';

/**
 * Local development identity: an RSA key pair kept under .local/dev-keys (git-ignored) and tokens
 * signed with it. Services started by deploy/local/run.sh trust its public key.
 */
export const DEVELOPMENT_KEY_DIR = resolve(__dirname, '..', '..', '..', '.local', 'dev-keys');
export const DEVELOPMENT_ISSUER = 'https://identity.rhythm.local';
export const DEVELOPMENT_AUDIENCE = 'rhythm-api';

export type DevelopmentKeyPair = Readonly<{
  publicKeyFile: string;
  publicKeyPem: string;
  privateKeyPem: string;
}>;

/** Reads the development key pair, creating it on first use. */
export const developmentKeyPair = (dir: string = DEVELOPMENT_KEY_DIR): DevelopmentKeyPair => {
  const publicKeyFile = join(dir, 'public.pem');
  const privateKeyFile = join(dir, 'private.pem');
  if (!existsSync(publicKeyFile) || !existsSync(privateKeyFile)) {
    mkdirSync(dir, { recursive: true });
    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    writeFileSync(privateKeyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }), {
      mode: 0o600,
    });
    writeFileSync(publicKeyFile, publicKey.export({ type: 'spki', format: 'pem' }));
    chmodSync(privateKeyFile, 0o600);
  }
  return {
    publicKeyFile,
    publicKeyPem: readFileSync(publicKeyFile, 'utf8'),
    privateKeyPem: readFileSync(privateKeyFile, 'utf8'),
  };
};

export type DevelopmentTokenRequest = AccessTokenClaims & Readonly<{ ttl?: TokenLifetime }>;

export const mintDevelopmentToken = (
  { ttl = '8h', ...claims }: DevelopmentTokenRequest,
  dir: string = DEVELOPMENT_KEY_DIR,
): string =>
  mintAccessToken(
    claims,
    {
      key: developmentKeyPair(dir).privateKeyPem,
      algorithm: 'RS256',
      issuer: DEVELOPMENT_ISSUER,
      audience: DEVELOPMENT_AUDIENCE,
    },
    ttl,
  );

/** The JWT_* variables a locally started service needs to trust development tokens. */
export const developmentIdentityEnvironment = (dir: string = DEVELOPMENT_KEY_DIR) => ({
  JWT_ISSUER: DEVELOPMENT_ISSUER,
  JWT_AUDIENCE: DEVELOPMENT_AUDIENCE,
  JWT_ALGORITHMS: 'RS256',
  JWT_PUBLIC_KEY_FILE: developmentKeyPair(dir).publicKeyFile,
});
