import { createPublicKey, type JsonWebKey, type KeyObject } from 'node:crypto';

export type JsonWebKeySet = {
  keys: Array<JsonWebKey & { kid?: string; use?: string; alg?: string; key_ops?: string[] }>;
};

/** A public key the verifier may check signatures with, and what its issuer said it is for. */
export type VerificationKey = Readonly<{
  key: KeyObject;
  /** `kid`: a token naming it gets this key and no other. */
  keyId?: string;
  /** `alg` of the JWK: when given, the only algorithm the key may verify (RFC 7517 §4.4). */
  algorithm?: string;
}>;

/**
 * The verification key of one JWK, or why it is no such key. Encryption keys (`use: enc`), keys
 * not meant to verify (`key_ops`) and symmetric keys (`kty: oct`) never verify a token: a JWKS
 * publishes public keys, and a shared secret found there would be anybody's.
 */
export const verificationKeyOf = (jwk: JsonWebKeySet['keys'][number]): VerificationKey | string => {
  if (jwk.use !== undefined && jwk.use !== 'sig') return `use is ${String(jwk.use)}`;
  if (Array.isArray(jwk.key_ops) && !jwk.key_ops.includes('verify')) {
    return 'key_ops has no verify';
  }
  if (jwk.kty !== 'RSA' && jwk.kty !== 'EC') return `kty ${String(jwk.kty)} is not RSA or EC`;
  try {
    // A private JWK would yield its public half: only the public half is kept.
    const key = createPublicKey({ key: jwk, format: 'jwk' });
    return {
      key,
      ...(typeof jwk.kid === 'string' && jwk.kid !== '' ? { keyId: jwk.kid } : {}),
      ...(typeof jwk.alg === 'string' ? { algorithm: jwk.alg } : {}),
    };
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
};

/** The verification keys of a set; keys that cannot verify are left out, with the reason. */
export const verificationKeysOf = (
  set: JsonWebKeySet,
): Readonly<{ keys: VerificationKey[]; skipped: string[] }> => {
  const keys: VerificationKey[] = [];
  const skipped: string[] = [];
  for (const jwk of set.keys) {
    const found = verificationKeyOf(jwk);
    if (typeof found === 'string') skipped.push(`${jwk.kid ?? '(no kid)'}: ${found}`);
    else keys.push(found);
  }
  return { keys, skipped };
};

/** A JSON Web Key Set as parsed from a file or a response; throws when it is none. */
export const jsonWebKeySetOf = (text: string): JsonWebKeySet => {
  const parsed = JSON.parse(text) as unknown;
  const keys = (parsed as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(keys)) throw new Error('no "keys" array');
  const objects: unknown[] = keys.filter((key) => typeof key === 'object' && key !== null);
  return { keys: objects as JsonWebKeySet['keys'] };
};

const curveOf: Readonly<Record<string, string>> = {
  ES256: 'prime256v1',
  ES384: 'secp384r1',
  ES512: 'secp521r1',
};

/** The key is of the kind the algorithm needs: RSA for RS and PS, the named EC curve for ES. */
export const fitsAlgorithm = (candidate: VerificationKey, algorithm: string): boolean => {
  if (candidate.algorithm !== undefined && candidate.algorithm !== algorithm) return false;
  const { key } = candidate;
  if (algorithm.startsWith('ES')) {
    return (
      key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === curveOf[algorithm]
    );
  }
  return key.asymmetricKeyType === 'rsa' || key.asymmetricKeyType === 'rsa-pss';
};
