import { createPublicKey, createSecretKey, type JsonWebKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { identifierProblem } from '@rhythm/event-sourcing';
import jwt, { type JwtPayload } from 'jsonwebtoken';
import { AccessTokenRejected, type AccessTokenRejection } from './access-token-rejected';
import { ROLES_CLAIM, TENANT_CLAIM } from './access-token-claims';
import { ROLES, type AuthenticatedActor, type Role } from './authenticated-actor';

export type AsymmetricAlgorithm =
  'RS256' | 'RS384' | 'RS512' | 'PS256' | 'PS384' | 'PS512' | 'ES256' | 'ES384' | 'ES512';
export type SymmetricAlgorithm = 'HS256' | 'HS384' | 'HS512';
export type SigningAlgorithm = AsymmetricAlgorithm | SymmetricAlgorithm;

export const DEFAULT_ALGORITHMS: readonly SigningAlgorithm[] = ['RS256', 'ES256'];
export const SIGNING_ALGORITHMS: readonly SigningAlgorithm[] = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'HS256',
  'HS384',
  'HS512',
];

export type JsonWebKeySet = { keys: Array<JsonWebKey & { kid?: string; use?: string }> };

/** How tokens are verified. One of publicKey / jwks / jwksFile for RS*, PS*, ES*; secret for HS*. */
export type IdentityConfig = Readonly<{
  issuer: string;
  audience: string;
  /** Allow-list; a token whose `alg` is not here is refused before any key is looked at. */
  algorithms?: readonly SigningAlgorithm[];
  /** PEM (SPKI or PKCS#1) public key. */
  publicKey?: string;
  jwks?: JsonWebKeySet;
  /** Path to a JSON Web Key Set file, read once at start-up. */
  jwksFile?: string;
  /** HS* only, and only when an HS algorithm is listed explicitly. At least 32 characters. */
  secret?: string;
  clockToleranceSeconds?: number;
}>;

/** A configuration that cannot verify anything: thrown at start-up, never per request. */
export class IdentityMisconfigured extends Error {
  override name = 'IdentityMisconfigured';
}

const isSymmetric = (algorithm: string): algorithm is SymmetricAlgorithm =>
  algorithm.startsWith('HS');

type Verified = Omit<AuthenticatedActor, 'correlationId'>;

/**
 * Verifies bearer tokens: allow-listed algorithm, a key of the matching kind (so an HS256 token
 * can never be checked against an RSA public key used as an HMAC secret), signature, issuer,
 * audience, expiry (required), then the Rhythm claims.
 */
export class AccessTokenVerifier {
  private readonly algorithms: readonly SigningAlgorithm[];
  private readonly secret?: KeyObject;
  private readonly publicKey?: KeyObject;
  private readonly keysById = new Map<string, KeyObject>();
  private readonly anonymousKeys: KeyObject[] = [];

  constructor(private readonly config: IdentityConfig) {
    this.algorithms = config.algorithms?.length ? config.algorithms : DEFAULT_ALGORITHMS;
    const unknown = this.algorithms.filter((a) => !SIGNING_ALGORITHMS.includes(a));
    if (unknown.length > 0) {
      throw new IdentityMisconfigured(`Unsupported JWT algorithms: ${unknown.join(', ')}`);
    }
    if (!config.issuer || !config.audience) {
      throw new IdentityMisconfigured('JWT issuer and audience are required');
    }
    if (this.algorithms.some(isSymmetric)) {
      if (!config.secret || config.secret.length < 32) {
        throw new IdentityMisconfigured(
          'An HS* algorithm is allowed, so a JWT secret of at least 32 characters is required',
        );
      }
      this.secret = createSecretKey(Buffer.from(config.secret, 'utf8'));
    }
    if (this.algorithms.some((a) => !isSymmetric(a))) {
      if (config.publicKey) this.publicKey = createPublicKey(config.publicKey);
      const jwks = config.jwks ?? (config.jwksFile ? readJwks(config.jwksFile) : undefined);
      for (const jwk of jwks?.keys ?? []) {
        if (jwk.use && jwk.use !== 'sig') continue;
        const key = createPublicKey({ key: jwk, format: 'jwk' });
        if (jwk.kid) this.keysById.set(jwk.kid, key);
        else this.anonymousKeys.push(key);
      }
      if (!this.publicKey && this.keysById.size === 0 && this.anonymousKeys.length === 0) {
        throw new IdentityMisconfigured(
          `Asymmetric JWT algorithms (${this.algorithms.filter((a) => !isSymmetric(a)).join(', ')}) ` +
            'are allowed but no public key or JWKS is configured',
        );
      }
    }
  }

  /** The actor a token names, or AccessTokenRejected (401). */
  verify(token: string | undefined): Verified {
    if (!token) throw new AccessTokenRejected('missing');
    const decoded = jwt.decode(token, { complete: true });
    if (!decoded || typeof decoded.payload === 'string') throw new AccessTokenRejected('malformed');
    const algorithm = decoded.header.alg as SigningAlgorithm;
    if (!this.algorithms.includes(algorithm)) {
      throw new AccessTokenRejected('algorithm_not_allowed');
    }
    const key = this.keyFor(algorithm, decoded.header.kid);
    let payload: JwtPayload;
    try {
      payload = jwt.verify(token, key, {
        algorithms: [algorithm],
        issuer: this.config.issuer,
        audience: this.config.audience,
        clockTolerance: this.config.clockToleranceSeconds ?? 5,
      }) as JwtPayload;
    } catch (error) {
      throw new AccessTokenRejected(rejectionOf(error));
    }
    if (typeof payload.exp !== 'number') throw new AccessTokenRejected('missing_expiry');
    return claimsOf(payload);
  }

  private keyFor(algorithm: SigningAlgorithm, keyId: string | undefined): KeyObject {
    if (isSymmetric(algorithm)) {
      if (!this.secret) throw new AccessTokenRejected('unknown_key');
      return this.secret;
    }
    const wantedType = algorithm.startsWith('ES') ? 'ec' : 'rsa';
    const named = keyId ? this.keysById.get(keyId) : undefined;
    // A kid picks its key from the JWKS; keys without an id (a PEM key) are tried otherwise.
    const candidates = named
      ? [named]
      : [this.publicKey, ...this.anonymousKeys, ...(keyId ? [] : this.keysById.values())];
    const key = candidates.find(
      (candidate) =>
        candidate !== undefined &&
        (candidate.asymmetricKeyType === wantedType ||
          (wantedType === 'rsa' && candidate.asymmetricKeyType === 'rsa-pss')),
    );
    if (!key) throw new AccessTokenRejected('unknown_key');
    return key;
  }
}

const readJwks = (file: string): JsonWebKeySet => {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<JsonWebKeySet>;
    if (!Array.isArray(parsed.keys)) throw new Error('no "keys" array');
    return parsed as JsonWebKeySet;
  } catch (error) {
    throw new IdentityMisconfigured(
      `Cannot read the JWKS file ${file}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
};

const rejectionOf = (error: unknown): AccessTokenRejection => {
  if (error instanceof jwt.TokenExpiredError) return 'expired';
  if (error instanceof jwt.NotBeforeError) return 'not_yet_valid';
  const message = error instanceof Error ? error.message : '';
  if (message === 'invalid signature') return 'bad_signature';
  if (message.startsWith('jwt issuer invalid')) return 'wrong_issuer';
  if (message.startsWith('jwt audience invalid')) return 'wrong_audience';
  if (message === 'invalid algorithm') return 'algorithm_not_allowed';
  return 'malformed';
};

const isRole = (value: unknown): value is Role => ROLES.includes(value as Role);

const claimsOf = (payload: JwtPayload): Verified => {
  const tenant: unknown = payload[TENANT_CLAIM];
  const roles: unknown = payload[ROLES_CLAIM];
  const name: unknown = payload.name;
  if (typeof payload.sub !== 'string' || typeof tenant !== 'string' || !Array.isArray(roles)) {
    throw new AccessTokenRejected('missing_claims');
  }
  // Both end up in stream ids, document keys and every event's metadata: refused here, they
  // cannot reach an integration contract that would refuse them later (ADR 0026).
  if (identifierProblem(tenant) !== undefined) throw new AccessTokenRejected('invalid_tenant');
  if (identifierProblem(payload.sub) !== undefined) {
    throw new AccessTokenRejected('invalid_subject');
  }
  return {
    personId: payload.sub,
    tenantId: tenant,
    // Roles this service does not know grant nothing here.
    roles: roles.filter(isRole),
    ...(typeof name === 'string' && name.length > 0 ? { name } : {}),
  };
};
