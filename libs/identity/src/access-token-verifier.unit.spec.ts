import { createHmac, createPublicKey } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { TENANT_CLAIM } from './access-token-claims';
import { AccessTokenRejected, type AccessTokenRejection } from './access-token-rejected';
import { AccessTokenVerifier, IdentityMisconfigured } from './access-token-verifier';
import {
  generateTestKeyPair,
  mintTestToken,
  TEST_AUDIENCE,
  TEST_ISSUER,
  testIdentityConfig,
} from './testing';

const keys = generateTestKeyPair('RS256');
const verifier = new AccessTokenVerifier(testIdentityConfig(keys));

const rejectionOf = (run: () => unknown): AccessTokenRejection | 'accepted' => {
  try {
    run();
    return 'accepted';
  } catch (error) {
    if (error instanceof AccessTokenRejected) return error.rejection;
    throw error;
  }
};

const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const now = () => Math.floor(Date.now() / 1000);
const claims = () => ({
  sub: 'person-1',
  [TENANT_CLAIM]: 'org-1',
  roles: ['admin'],
  iss: TEST_ISSUER,
  aud: TEST_AUDIENCE,
  iat: now(),
  exp: now() + 300,
});

describe('AccessTokenVerifier', () => {
  it('accepts a valid token and returns the actor it names', () => {
    const token = mintTestToken({
      keys,
      sub: 'person-7',
      tenant: 'org-3',
      roles: ['admin'],
      name: 'Ada',
    });
    expect(verifier.verify(token)).toEqual({
      personId: 'person-7',
      tenantId: 'org-3',
      roles: ['admin'],
      name: 'Ada',
    });
  });

  it('accepts ES256 tokens with an EC key', () => {
    const ec = generateTestKeyPair('ES256');
    const ecVerifier = new AccessTokenVerifier(testIdentityConfig(ec));
    expect(ecVerifier.verify(mintTestToken({ keys: ec, tenant: 'org-9' })).tenantId).toBe('org-9');
  });

  it('refuses a missing token', () => {
    expect(rejectionOf(() => verifier.verify(undefined))).toBe('missing');
  });

  it('refuses something that is not a JWT', () => {
    expect(rejectionOf(() => verifier.verify('not-a-token'))).toBe('malformed');
  });

  it('refuses a token signed with another key', () => {
    const stranger = generateTestKeyPair('RS256');
    expect(rejectionOf(() => verifier.verify(mintTestToken({ keys: stranger })))).toBe(
      'bad_signature',
    );
  });

  it('refuses a token whose payload was altered after signing', () => {
    const [header, , signature] = mintTestToken({ keys, tenant: 'org-1' }).split('.');
    const forged = `${header}.${base64url({ ...claims(), [TENANT_CLAIM]: 'org-2' })}.${signature}`;
    expect(rejectionOf(() => verifier.verify(forged))).toBe('bad_signature');
  });

  it('refuses a token from another issuer', () => {
    const token = mintTestToken({ keys, issuer: 'https://evil.example' });
    expect(rejectionOf(() => verifier.verify(token))).toBe('wrong_issuer');
  });

  it('refuses a token for another audience', () => {
    const token = mintTestToken({ keys, audience: 'some-other-api' });
    expect(rejectionOf(() => verifier.verify(token))).toBe('wrong_audience');
  });

  it('refuses an expired token', () => {
    const token = jwt.sign({ ...claims(), iat: now() - 600, exp: now() - 60 }, keys.privateKeyPem, {
      algorithm: 'RS256',
    });
    expect(rejectionOf(() => verifier.verify(token))).toBe('expired');
  });

  it('refuses a token without an expiry', () => {
    const { exp: _exp, ...withoutExpiry } = claims();
    const token = jwt.sign(withoutExpiry, keys.privateKeyPem, { algorithm: 'RS256' });
    expect(rejectionOf(() => verifier.verify(token))).toBe('missing_expiry');
  });

  it('refuses an unsigned token (alg: none)', () => {
    const token = `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(claims())}.`;
    expect(rejectionOf(() => verifier.verify(token))).toBe('algorithm_not_allowed');
  });

  it('refuses an HS256 token signed with the public key as secret (algorithm confusion)', () => {
    // The classic attack: the public key is public, so anybody can HMAC with it.
    const publicKeyBytes = createPublicKey(keys.publicKeyPem).export({
      type: 'spki',
      format: 'pem',
    });
    const header = base64url({ alg: 'HS256', typ: 'JWT' });
    const payload = base64url(claims());
    const signature = createHmac('sha256', publicKeyBytes)
      .update(`${header}.${payload}`)
      .digest('base64url');
    expect(rejectionOf(() => verifier.verify(`${header}.${payload}.${signature}`))).toBe(
      'algorithm_not_allowed',
    );
  });

  it('never uses the public key as an HMAC secret, even when HS256 is also allowed', () => {
    const mixed = new AccessTokenVerifier(
      testIdentityConfig(keys, {
        algorithms: ['RS256', 'HS256'],
        secret: 'the-real-shared-secret-of-32-characters',
      }),
    );
    const header = base64url({ alg: 'HS256', typ: 'JWT' });
    const payload = base64url(claims());
    const signature = createHmac('sha256', keys.publicKeyPem)
      .update(`${header}.${payload}`)
      .digest('base64url');
    expect(rejectionOf(() => mixed.verify(`${header}.${payload}.${signature}`))).toBe(
      'bad_signature',
    );
  });

  it('refuses an RS256 token when only ES256 is allowed', () => {
    const esOnly = new AccessTokenVerifier(testIdentityConfig(keys, { algorithms: ['ES256'] }));
    expect(rejectionOf(() => esOnly.verify(mintTestToken({ keys })))).toBe('algorithm_not_allowed');
  });

  it('refuses a token without the tenant claim', () => {
    const { [TENANT_CLAIM]: _tenant, ...withoutTenant } = claims();
    const token = jwt.sign(withoutTenant, keys.privateKeyPem, { algorithm: 'RS256' });
    expect(rejectionOf(() => verifier.verify(token))).toBe('missing_claims');
  });

  it('accepts a tenant and a subject of 64 plain characters', () => {
    const longest = `a${'0.b_c-'.repeat(10)}xyz`;
    expect(longest).toHaveLength(64);
    const actor = verifier.verify(mintTestToken({ keys, sub: longest, tenant: longest }));
    expect(actor).toMatchObject({ personId: longest, tenantId: longest });
  });

  it('refuses a tenant id that is empty, too long or not plain (401 invalid_claims)', () => {
    for (const tenant of ['', 'a'.repeat(65), 'a'.repeat(200), 'acme corp', '-acme', 'acme/x']) {
      const token = jwt.sign({ ...claims(), [TENANT_CLAIM]: tenant }, keys.privateKeyPem, {
        algorithm: 'RS256',
      });
      expect(rejectionOf(() => verifier.verify(token))).toBe('invalid_tenant');
    }
    const refused = (() => {
      try {
        verifier.verify(mintTestToken({ keys, tenant: 'a'.repeat(200) }));
      } catch (error) {
        return error as AccessTokenRejected;
      }
    })();
    expect(refused?.getStatus()).toBe(401);
    expect(refused?.reason).toBe('invalid_claims');
    expect(refused?.message).toMatch(/tenant or subject is not a valid id \(1 to 64 letters/);
  });

  it('refuses a subject that is empty, too long or not plain', () => {
    for (const sub of ['', 'p'.repeat(65), 'auth0|123', 'person 1']) {
      const token = jwt.sign({ ...claims(), sub }, keys.privateKeyPem, { algorithm: 'RS256' });
      expect(rejectionOf(() => verifier.verify(token))).toBe('invalid_subject');
    }
  });

  it('ignores roles it does not know', () => {
    const token = mintTestToken({ keys, roles: ['member', 'superuser'] });
    expect(verifier.verify(token).roles).toEqual(['member']);
  });

  it('accepts HS256 only when configured explicitly with a secret', () => {
    const secret = 'a-shared-secret-of-at-least-32-characters!';
    const hs = new AccessTokenVerifier({
      issuer: TEST_ISSUER,
      audience: TEST_AUDIENCE,
      algorithms: ['HS256'],
      secret,
    });
    const token = jwt.sign(claims(), secret, { algorithm: 'HS256' });
    expect(hs.verify(token).personId).toBe('person-1');
    expect(rejectionOf(() => verifier.verify(token))).toBe('algorithm_not_allowed');
  });

  it('picks the key named by kid from a JWKS', () => {
    const other = generateTestKeyPair('RS256');
    const jwk = (pair: typeof keys) => ({
      ...createPublicKey(pair.publicKeyPem).export({ format: 'jwk' }),
      kid: pair.keyId,
      use: 'sig',
    });
    const jwksVerifier = new AccessTokenVerifier({
      issuer: TEST_ISSUER,
      audience: TEST_AUDIENCE,
      jwks: { keys: [jwk(other), jwk(keys)] },
    });
    expect(jwksVerifier.verify(mintTestToken({ keys, sub: 'p-2' })).personId).toBe('p-2');
    const unknownKid = jwt.sign(claims(), keys.privateKeyPem, {
      algorithm: 'RS256',
      keyid: 'nope',
    });
    expect(rejectionOf(() => jwksVerifier.verify(unknownKid))).toBe('unknown_key');
  });

  describe('configuration', () => {
    it('refuses HS256 without a secret', () => {
      expect(
        () =>
          new AccessTokenVerifier({
            issuer: 'i',
            audience: 'a',
            algorithms: ['HS256'],
            secret: 'short',
          }),
      ).toThrow(IdentityMisconfigured);
    });

    it('refuses asymmetric algorithms without a public key', () => {
      expect(() => new AccessTokenVerifier({ issuer: 'i', audience: 'a' })).toThrow(
        /no public key or JWKS/,
      );
    });
  });
});
