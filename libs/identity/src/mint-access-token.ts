import { type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { ROLES_CLAIM, TENANT_CLAIM, type AccessTokenClaims } from './access-token-claims';
import { type SigningAlgorithm } from './access-token-verifier';

export type TokenSigner = Readonly<{
  /** PEM private key (RS*, PS*, ES*) or the shared secret (HS*). */
  key: string | KeyObject;
  algorithm: SigningAlgorithm;
  issuer: string;
  audience: string;
  keyId?: string;
}>;

/** Seconds, or a duration such as '8h' or '15m'. */
export type TokenLifetime = number | `${number}${'s' | 'm' | 'h' | 'd'}`;

/** Signs a Rhythm access token. For development and tests; production tokens come from the IdP. */
export const mintAccessToken = (
  claims: AccessTokenClaims,
  signer: TokenSigner,
  ttl: TokenLifetime = '1h',
): string =>
  jwt.sign(
    {
      [TENANT_CLAIM]: claims.tenant,
      [ROLES_CLAIM]: [...claims.roles],
      ...(claims.name ? { name: claims.name } : {}),
    },
    signer.key,
    {
      algorithm: signer.algorithm,
      subject: claims.sub,
      issuer: signer.issuer,
      audience: signer.audience,
      expiresIn: ttl,
      ...(signer.keyId ? { keyid: signer.keyId } : {}),
    },
  );
