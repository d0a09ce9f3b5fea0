import { createPublicKey, createSecretKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ServiceUnavailableException } from '@nestjs/common';
import { identifierProblem } from '@rhythm/event-sourcing';
import jwt, { type JwtPayload } from 'jsonwebtoken';
import { AccessTokenRejected, type AccessTokenRejection } from './access-token-rejected';
import { ROLES_CLAIM, TENANT_CLAIM } from './access-token-claims';
import { ROLES, type AuthenticatedActor, type Role } from './authenticated-actor';
import {
  fitsAlgorithm,
  jsonWebKeySetOf,
  type JsonWebKeySet,
  type VerificationKey,
  verificationKeysOf,
} from './json-web-key-set';
import {
  KeySetUnavailable,
  RemoteJsonWebKeySet,
  type RemoteKeySetOptions,
} from './remote-json-web-key-set';

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

/** A day: an access token meant to live longer is a credential nobody can take back. */
export const DEFAULT_MAX_LIFETIME_SECONDS = 24 * 60 * 60;

/**
 * How tokens are verified. For RS*, PS*, ES*: any of publicKey, jwks, jwksFile and jwksUrl (keys
 * are looked for in that order); for HS*: secret.
 */
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
  /** An identity provider's JWKS (`jwks_uri`), fetched and refreshed on rotation. */
  jwksUrl?: string;
  /** Tests: how the JWKS is fetched again (default: 10 min max age, 30 s between fetches). */
  jwksRefresh?: Omit<RemoteKeySetOptions, 'url'>;
  /** HS* only, and only when an HS algorithm is listed explicitly. At least 32 characters. */
  secret?: string;
  clockToleranceSeconds?: number;
  /** Longest accepted `exp - iat` and `exp - now` (default a day). */
  maxLifetimeSeconds?: number;
  /** Tests: the clock, in milliseconds. */
  now?: () => number;
}>;

/** A configuration that cannot verify anything: thrown at start-up, never per request. */
export class IdentityMisconfigured extends Error {
  override name = 'IdentityMisconfigured';
}

const isSymmetric = (algorithm: string): algorithm is SymmetricAlgorithm =>
  algorithm.startsWith('HS');

/** Header parameters of RFC 7515 whose meaning this verifier knows: none is an extension. */
const UNDERSTOOD_EXTENSIONS: readonly string[] = [];

type Verified = Omit<AuthenticatedActor, 'correlationId'>;

/**
 * Verifies bearer tokens: allow-listed algorithm, no critical extension it does not understand,
 * a key of the matching kind (so an HS256 token can never be checked against an RSA public key
 * used as an HMAC secret), signature, issuer, audience, expiry (required), issued-at, lifetime,
 * then the Rhythm claims.
 */
export class AccessTokenVerifier {
  private readonly algorithms: readonly SigningAlgorithm[];
  private readonly secret?: KeyObject;
  /** Keys given at start-up: the PEM key (no id), then the JWKS's. */
  private readonly localKeys: VerificationKey[] = [];
  private readonly remoteKeys?: RemoteJsonWebKeySet;
  private readonly toleranceSeconds: number;
  private readonly maxLifetimeSeconds: number;
  private readonly now: () => number;

  constructor(private readonly config: IdentityConfig) {
    this.algorithms = config.algorithms?.length ? config.algorithms : DEFAULT_ALGORITHMS;
    this.toleranceSeconds = config.clockToleranceSeconds ?? 5;
    this.maxLifetimeSeconds = config.maxLifetimeSeconds ?? DEFAULT_MAX_LIFETIME_SECONDS;
    this.now = config.now ?? Date.now;
    const unknown = this.algorithms.filter((a) => !SIGNING_ALGORITHMS.includes(a));
    if (unknown.length > 0) {
      throw new IdentityMisconfigured(`Unsupported JWT algorithms: ${unknown.join(', ')}`);
    }
    if (!config.issuer || !config.audience) {
      throw new IdentityMisconfigured('JWT issuer and audience are required');
    }
    if (!(this.maxLifetimeSeconds > 0)) {
      throw new IdentityMisconfigured('The longest token lifetime must be a positive number');
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
      if (config.publicKey) this.localKeys.push({ key: createPublicKey(config.publicKey) });
      const jwks = config.jwks ?? (config.jwksFile ? readJwks(config.jwksFile) : undefined);
      if (jwks) this.localKeys.push(...verificationKeysOf(jwks).keys);
      if (config.jwksUrl) {
        this.remoteKeys = new RemoteJsonWebKeySet({ ...config.jwksRefresh, url: config.jwksUrl });
      }
      if (this.localKeys.length === 0 && !this.remoteKeys) {
        throw new IdentityMisconfigured(
          `Asymmetric JWT algorithms (${this.algorithms.filter((a) => !isSymmetric(a)).join(', ')}) ` +
            'are allowed but no public key or JWKS is configured',
        );
      }
    }
  }

  /** The actor a token names, or AccessTokenRejected (401). */
  async verify(token: string | undefined): Promise<Verified> {
    if (!token) throw new AccessTokenRejected('missing');
    const decoded = jwt.decode(token, { complete: true });
    if (!decoded || typeof decoded.payload === 'string') throw new AccessTokenRejected('malformed');
    const algorithm = decoded.header.alg as SigningAlgorithm;
    if (!this.algorithms.includes(algorithm)) {
      throw new AccessTokenRejected('algorithm_not_allowed');
    }
    // RFC 7515 §4.1.11: an extension marked critical that the recipient does not understand
    // makes the token invalid. None is understood here, so any `crit` is refused.
    const { crit } = decoded.header as { crit?: unknown };
    if (crit !== undefined && !isUnderstood(crit)) {
      throw new AccessTokenRejected('unsupported_critical_header');
    }
    const key = await this.keyFor(algorithm, decoded.header.kid);
    const nowSeconds = Math.floor(this.now() / 1000);
    let payload: JwtPayload;
    try {
      payload = jwt.verify(token, key, {
        algorithms: [algorithm],
        issuer: this.config.issuer,
        audience: this.config.audience,
        clockTolerance: this.toleranceSeconds,
        clockTimestamp: nowSeconds,
      }) as JwtPayload;
    } catch (error) {
      throw new AccessTokenRejected(rejectionOf(error));
    }
    if (typeof payload.exp !== 'number') throw new AccessTokenRejected('missing_expiry');
    this.checkTimes(payload.exp, payload.iat, nowSeconds);
    return claimsOf(payload);
  }

  /** Issued in the past, and meant to live no longer than the longest lifetime from then or now. */
  private checkTimes(exp: number, iat: number | undefined, nowSeconds: number): void {
    if (typeof iat === 'number' && iat > nowSeconds + this.toleranceSeconds) {
      throw new AccessTokenRejected('issued_in_future');
    }
    const longest = this.maxLifetimeSeconds;
    if (
      (typeof iat === 'number' && exp - iat > longest) ||
      exp - nowSeconds > longest + this.toleranceSeconds
    ) {
      throw new AccessTokenRejected('lifetime_too_long');
    }
  }

  private async keyFor(algorithm: SigningAlgorithm, keyId: string | undefined): Promise<KeyObject> {
    if (isSymmetric(algorithm)) {
      if (!this.secret) throw new AccessTokenRejected('unknown_key');
      return this.secret;
    }
    const fitting = (keys: readonly VerificationKey[]) =>
      keys.find((candidate) => fitsAlgorithm(candidate, algorithm))?.key;
    // A kid picks its key, here or at the provider; keys without an id (a PEM key) come after.
    const named = keyId === undefined ? undefined : this.localKeys.filter((k) => k.keyId === keyId);
    const key =
      fitting(named ?? this.localKeys) ??
      (await this.remoteKeyFor(keyId, fitting)) ??
      fitting(this.localKeys.filter((k) => k.keyId === undefined));
    if (!key) throw new AccessTokenRejected('unknown_key');
    return key;
  }

  private async remoteKeyFor(
    keyId: string | undefined,
    fitting: (keys: readonly VerificationKey[]) => KeyObject | undefined,
  ): Promise<KeyObject | undefined> {
    if (!this.remoteKeys) return undefined;
    try {
      return fitting(await this.remoteKeys.keysFor(keyId));
    } catch (error) {
      if (!(error instanceof KeySetUnavailable)) throw error;
      // A local key without an id may still fit; if none does, the service cannot check tokens
      // until the provider answers, which is not the token's fault (503).
      if (this.localKeys.some((k) => k.keyId === undefined)) return undefined;
      throw new ServiceUnavailableException(error.message);
    }
  }
}

const isUnderstood = (crit: unknown): boolean =>
  Array.isArray(crit) &&
  crit.length > 0 &&
  crit.every((name) => typeof name === 'string' && UNDERSTOOD_EXTENSIONS.includes(name));

const readJwks = (file: string): JsonWebKeySet => {
  try {
    return jsonWebKeySetOf(readFileSync(file, 'utf8'));
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

/** Exactly a role this service knows: `Admin` and `superuser` are not `admin`. */
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
    // Roles this service does not know grant nothing; with none left, the guard refuses (403).
    roles: [...new Set(roles.filter(isRole))],
    ...(typeof name === 'string' && name.length > 0 ? { name } : {}),
  };
};
