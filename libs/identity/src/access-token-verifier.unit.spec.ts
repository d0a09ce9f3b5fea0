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

const rejectionOf = async (
  run: () => Promise<unknown>,
): Promise<AccessTokenRejection | 'accepted'> => {
  try {
    await run();
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
  it('accepts a valid token and returns the actor it names', async () => {
    const token = mintTestToken({
      keys,
      sub: 'person-7',
      tenant: 'org-3',
      roles: ['admin'],
      name: 'Ada',
    });
    expect(await verifier.verify(token)).toEqual({
      personId: 'person-7',
      tenantId: 'org-3',
      roles: ['admin'],
      name: 'Ada',
    });
  });

  it('accepts ES256 tokens with an EC key', async () => {
    const ec = generateTestKeyPair('ES256');
    const ecVerifier = new AccessTokenVerifier(testIdentityConfig(ec));
    expect((await ecVerifier.verify(mintTestToken({ keys: ec, tenant: 'org-9' }))).tenantId).toBe(
      'org-9',
    );
  });

  it('refuses a missing token', async () => {
    expect(await rejectionOf(() => verifier.verify(undefined))).toBe('missing');
  });

  it('refuses something that is not a JWT', async () => {
    expect(await rejectionOf(() => verifier.verify('not-a-token'))).toBe('malformed');
  });

  it('refuses a token signed with another key', async () => {
    const stranger = generateTestKeyPair('RS256');
    expect(await rejectionOf(() => verifier.verify(mintTestToken({ keys: stranger })))).toBe(
      'bad_signature',
    );
  });

  it('refuses a token whose payload was altered after signing', async () => {
    const [header, , signature] = mintTestToken({ keys, tenant: 'org-1' }).split('.');
    const forged = `${header}.${base64url({ ...claims(), [TENANT_CLAIM]: 'org-2' })}.${signature}`;
    expect(await rejectionOf(() => verifier.verify(forged))).toBe('bad_signature');
  });

  it('refuses a token from another issuer', async () => {
    const token = mintTestToken({ keys, issuer: 'https://evil.example' });
    expect(await rejectionOf(() => verifier.verify(token))).toBe('wrong_issuer');
  });

  it('refuses a token for another audience', async () => {
    const token = mintTestToken({ keys, audience: 'some-other-api' });
    expect(await rejectionOf(() => verifier.verify(token))).toBe('wrong_audience');
  });

  it('refuses an expired token', async () => {
    const token = jwt.sign({ ...claims(), iat: now() - 600, exp: now() - 60 }, keys.privateKeyPem, {
      algorithm: 'RS256',
    });
    expect(await rejectionOf(() => verifier.verify(token))).toBe('expired');
  });

  it('refuses a token without an expiry', async () => {
    const { exp: _exp, ...withoutExpiry } = claims();
    const token = jwt.sign(withoutExpiry, keys.privateKeyPem, { algorithm: 'RS256' });
    expect(await rejectionOf(() => verifier.verify(token))).toBe('missing_expiry');
  });

  it('refuses an unsigned token (alg: none)', async () => {
    const token = `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(claims())}.`;
    expect(await rejectionOf(() => verifier.verify(token))).toBe('algorithm_not_allowed');
  });

  it('refuses an HS256 token signed with the public key as secret (algorithm confusion)', async () => {
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
    expect(await rejectionOf(() => verifier.verify(`${header}.${payload}.${signature}`))).toBe(
      'algorithm_not_allowed',
    );
  });

  it('never uses the public key as an HMAC secret, even when HS256 is also allowed', async () => {
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
    expect(await rejectionOf(() => mixed.verify(`${header}.${payload}.${signature}`))).toBe(
      'bad_signature',
    );
  });

  it('refuses an RS256 token when only ES256 is allowed', async () => {
    const esOnly = new AccessTokenVerifier(testIdentityConfig(keys, { algorithms: ['ES256'] }));
    expect(await rejectionOf(() => esOnly.verify(mintTestToken({ keys })))).toBe(
      'algorithm_not_allowed',
    );
  });

  it('refuses a token without the tenant claim', async () => {
    const { [TENANT_CLAIM]: _tenant, ...withoutTenant } = claims();
    const token = jwt.sign(withoutTenant, keys.privateKeyPem, { algorithm: 'RS256' });
    expect(await rejectionOf(() => verifier.verify(token))).toBe('missing_claims');
  });

  it('accepts a tenant and a subject of 64 plain characters', async () => {
    const longest = `a${'0.b_c-'.repeat(10)}xyz`;
    expect(longest).toHaveLength(64);
    const actor = await verifier.verify(mintTestToken({ keys, sub: longest, tenant: longest }));
    expect(actor).toMatchObject({ personId: longest, tenantId: longest });
  });

  it('refuses a tenant id that is empty, too long or not plain (401 invalid_claims)', async () => {
    for (const tenant of ['', 'a'.repeat(65), 'a'.repeat(200), 'acme corp', '-acme', 'acme/x']) {
      const token = jwt.sign({ ...claims(), [TENANT_CLAIM]: tenant }, keys.privateKeyPem, {
        algorithm: 'RS256',
      });
      expect(await rejectionOf(() => verifier.verify(token))).toBe('invalid_tenant');
    }
    const refused = await (async () => {
      try {
        await verifier.verify(mintTestToken({ keys, tenant: 'a'.repeat(200) }));
      } catch (error) {
        return error as AccessTokenRejected;
      }
    })();
    expect(refused?.getStatus()).toBe(401);
    expect(refused?.reason).toBe('invalid_claims');
    expect(refused?.message).toMatch(/tenant or subject is not a valid id \(1 to 64 letters/);
  });

  it('refuses a subject that is empty, too long or not plain', async () => {
    for (const sub of ['', 'p'.repeat(65), 'auth0|123', 'person 1']) {
      const token = jwt.sign({ ...claims(), sub }, keys.privateKeyPem, { algorithm: 'RS256' });
      expect(await rejectionOf(() => verifier.verify(token))).toBe('invalid_subject');
    }
  });

  it('ignores roles it does not know', async () => {
    const token = mintTestToken({ keys, roles: ['member', 'superuser'] });
    expect((await verifier.verify(token)).roles).toEqual(['member']);
  });

  it('matches roles exactly: "Admin", "ADMIN", " admin" and "superuser" grant nothing', async () => {
    for (const roles of [['Admin'], ['superuser'], ['ADMIN', 'Member'], [' admin', 'member ']]) {
      expect((await verifier.verify(mintTestToken({ keys, roles }))).roles).toEqual([]);
    }
    const admin = mintTestToken({ keys, roles: ['Admin', 'admin', 'admin'] });
    expect((await verifier.verify(admin)).roles).toEqual(['admin']);
  });

  describe('critical header parameters (RFC 7515 §4.1.11)', () => {
    const signedWithHeader = (header: Record<string, unknown>) =>
      jwt.sign(claims(), keys.privateKeyPem, {
        algorithm: 'RS256',
        header: { alg: 'RS256', ...header },
      });

    it('refuses a token marking an extension it does not understand as critical', async () => {
      for (const header of [
        { crit: ['https://example.com/must-understand'], 'https://example.com/must-understand': 1 },
        { crit: ['b64'], b64: false },
        { crit: ['exp'] },
        { crit: [] },
        { crit: 'b64' },
      ]) {
        expect(await rejectionOf(() => verifier.verify(signedWithHeader(header)))).toBe(
          'unsupported_critical_header',
        );
      }
    });

    it('accepts an extension that is not marked critical', async () => {
      const token = signedWithHeader({ 'https://example.com/nice-to-know': 1 });
      expect(await rejectionOf(() => verifier.verify(token))).toBe('accepted');
    });

    it('names the refusal invalid_token to the caller', async () => {
      const refused = await verifier.verify(signedWithHeader({ crit: ['x'], x: 1 })).then(
        () => undefined,
        (error: unknown) => error as AccessTokenRejected,
      );
      expect({ status: refused?.getStatus(), reason: refused?.reason }).toEqual({
        status: 401,
        reason: 'invalid_token',
      });
    });
  });

  describe('lifetime', () => {
    const hour = 3600;
    const signed = (times: { iat?: number; exp: number }) => {
      const { iat: _iat, exp: _exp, ...rest } = claims();
      return jwt.sign({ ...rest, ...times }, keys.privateKeyPem, { algorithm: 'RS256' });
    };

    it('accepts a token meant to live a day, the default longest lifetime', async () => {
      const token = signed({ iat: now(), exp: now() + 24 * hour });
      expect(await rejectionOf(() => verifier.verify(token))).toBe('accepted');
    });

    it('refuses a token meant to live longer than a day (exp - iat)', async () => {
      const token = signed({ iat: now() - 2 * hour, exp: now() + 23 * hour });
      expect(await rejectionOf(() => verifier.verify(token))).toBe('lifetime_too_long');
    });

    it('refuses a token without iat that expires more than a day from now (exp - now)', async () => {
      const token = signed({ exp: now() + 25 * hour });
      expect(await rejectionOf(() => verifier.verify(token))).toBe('lifetime_too_long');
    });

    it('refuses a token issued in the future, beyond the clock tolerance', async () => {
      expect(
        await rejectionOf(() => verifier.verify(signed({ iat: now() + 60, exp: now() + 600 }))),
      ).toBe('issued_in_future');
      expect(
        await rejectionOf(() => verifier.verify(signed({ iat: now() + 3, exp: now() + 600 }))),
      ).toBe('accepted');
    });

    it('takes the longest lifetime from the configuration', async () => {
      const strict = new AccessTokenVerifier(testIdentityConfig(keys, { maxLifetimeSeconds: 60 }));
      expect(await rejectionOf(() => strict.verify(mintTestToken({ keys, ttl: '5m' })))).toBe(
        'lifetime_too_long',
      );
      expect(await rejectionOf(() => strict.verify(mintTestToken({ keys, ttl: 60 })))).toBe(
        'accepted',
      );
    });
  });

  it('accepts HS256 only when configured explicitly with a secret', async () => {
    const secret = 'a-shared-secret-of-at-least-32-characters!';
    const hs = new AccessTokenVerifier({
      issuer: TEST_ISSUER,
      audience: TEST_AUDIENCE,
      algorithms: ['HS256'],
      secret,
    });
    const token = jwt.sign(claims(), secret, { algorithm: 'HS256' });
    expect((await hs.verify(token)).personId).toBe('person-1');
    expect(await rejectionOf(() => verifier.verify(token))).toBe('algorithm_not_allowed');
  });

  it('picks the key named by kid from a JWKS', async () => {
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
    expect((await jwksVerifier.verify(mintTestToken({ keys, sub: 'p-2' }))).personId).toBe('p-2');
    const unknownKid = jwt.sign(claims(), keys.privateKeyPem, {
      algorithm: 'RS256',
      keyid: 'nope',
    });
    expect(await rejectionOf(() => jwksVerifier.verify(unknownKid))).toBe('unknown_key');
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
