import { generateKeyPairSync } from 'node:crypto';
import { createServer } from 'node:http';
import { type AddressInfo } from 'node:net';
import { ServiceUnavailableException } from '@nestjs/common';
import { AccessTokenRejected, type AccessTokenRejection } from './access-token-rejected';
import { AccessTokenVerifier } from './access-token-verifier';
import { publicJwkOf, TestJwksEndpoint } from './test-jwks-endpoint';
import { generateTestKeyPair, mintTestToken, TEST_AUDIENCE, TEST_ISSUER } from './testing';

const outcomeOf = async (
  run: () => Promise<unknown>,
): Promise<AccessTokenRejection | 'accepted' | 'unavailable'> => {
  try {
    await run();
    return 'accepted';
  } catch (error) {
    if (error instanceof AccessTokenRejected) return error.rejection;
    if (error instanceof ServiceUnavailableException) return 'unavailable';
    throw error;
  }
};

const minute = 60_000;

/** An identity provider's JWKS on 127.0.0.1, and a verifier that knows only its URL. */
const providerAndVerifier = async (...served: ReturnType<typeof generateTestKeyPair>[]) => {
  const endpoint = await TestJwksEndpoint.start(served);
  const clock = { now: 1_000_000 };
  const warnings: string[] = [];
  const verifier = new AccessTokenVerifier({
    issuer: TEST_ISSUER,
    audience: TEST_AUDIENCE,
    jwksUrl: endpoint.url,
    jwksRefresh: {
      now: () => clock.now,
      timeoutMs: 500,
      log: { warn: (message: string) => void warnings.push(message), log: () => undefined },
    },
  });
  const verify = (keys: ReturnType<typeof generateTestKeyPair>, sub = 'person-1') =>
    outcomeOf(() => verifier.verify(mintTestToken({ keys, sub })));
  return { endpoint, clock, warnings, verifier, verify };
};

describe('AccessTokenVerifier with a JWKS fetched by URL', () => {
  const first = generateTestKeyPair('RS256');
  const second = generateTestKeyPair('ES256');
  let provider: Awaited<ReturnType<typeof providerAndVerifier>>;

  afterEach(async () => {
    await provider?.endpoint.stop();
  });

  it('fetches the set once and checks each token with the key its kid names', async () => {
    provider = await providerAndVerifier(first, second);
    expect(await provider.verify(first)).toBe('accepted');
    expect(await provider.verify(second)).toBe('accepted');
    expect(
      (await provider.verifier.verify(mintTestToken({ keys: first, sub: 'p-9' }))).personId,
    ).toBe('p-9');
    expect(provider.endpoint.requests).toBe(1);
  });

  it('refuses a token signed by a key the set does not hold, whatever its kid says', async () => {
    provider = await providerAndVerifier(first);
    const stranger = { ...generateTestKeyPair('RS256'), keyId: first.keyId };
    expect(await provider.verify(stranger)).toBe('bad_signature');
  });

  it('picks up a new key with a new kid when the provider rotates', async () => {
    provider = await providerAndVerifier(first);
    expect(await provider.verify(first)).toBe('accepted');
    provider.endpoint.serve([first, second]);
    provider.clock.now += 31_000;
    expect(await provider.verify(second)).toBe('accepted');
    expect(provider.endpoint.requests).toBe(2);
  });

  it('refuses a kid the provider removed, once the set was fetched again', async () => {
    provider = await providerAndVerifier(first);
    expect(await provider.verify(first)).toBe('accepted');
    provider.endpoint.serve([second]);
    provider.clock.now += 31_000;
    // The rotation is seen when a token names the new kid...
    expect(await provider.verify(second)).toBe('accepted');
    // ...and from then on the removed key verifies nothing.
    expect(await provider.verify(first)).toBe('unknown_key');
  });

  it('fetches again when the set is older than its maximum age, and drops removed keys', async () => {
    provider = await providerAndVerifier(first);
    expect(await provider.verify(first)).toBe('accepted');
    provider.endpoint.serve([second]);
    provider.clock.now += 9 * minute;
    expect(await provider.verify(first)).toBe('accepted');
    expect(provider.endpoint.requests).toBe(1);
    provider.clock.now += 2 * minute;
    expect(await provider.verify(first)).toBe('unknown_key');
    expect(provider.endpoint.requests).toBe(2);
  });

  it('fetches at most once per 30 s however many unknown kids tokens name', async () => {
    provider = await providerAndVerifier(first);
    expect(await provider.verify(first)).toBe('accepted');
    provider.clock.now += 31_000;
    for (let attempt = 0; attempt < 20; attempt += 1) {
      const madeUp = { ...generateTestKeyPair('ES256'), keyId: `made-up-${attempt}` };
      expect(await provider.verify(madeUp)).toBe('unknown_key');
    }
    expect(provider.endpoint.requests).toBe(2);
    provider.clock.now += 31_000;
    expect(await provider.verify({ ...first, keyId: 'made-up-again' })).toBe('unknown_key');
    expect(provider.warnings).toEqual([]);
    expect(provider.endpoint.requests).toBe(3);
  });

  it('keeps the last good keys while the provider is down', async () => {
    provider = await providerAndVerifier(first);
    expect(await provider.verify(first)).toBe('accepted');
    await provider.endpoint.stop();
    provider.clock.now += 11 * minute;
    expect(await provider.verify(first)).toBe('accepted');
    expect(provider.warnings).toEqual([
      expect.stringMatching(
        /JWKS fetch from http:\/\/127\.0\.0\.1:\d+\/.* failed .*keeping the 1 keys/,
      ),
    ]);
  });

  it('keeps the last good keys when the provider does not answer in time', async () => {
    provider = await providerAndVerifier(first);
    expect(await provider.verify(first)).toBe('accepted');
    provider.endpoint.stopAnswering();
    provider.clock.now += 11 * minute;
    expect(await provider.verify(first)).toBe('accepted');
    expect(provider.endpoint.requests).toBe(2);
    expect(provider.warnings).toEqual([expect.stringMatching(/failed .*keeping the 1 keys/)]);
  });

  it('answers 503, not 401, while no key could ever be fetched', async () => {
    provider = await providerAndVerifier(first);
    provider.endpoint.stopAnswering();
    expect(await provider.verify(first)).toBe('unavailable');
    expect(provider.warnings).toEqual([expect.stringMatching(/failed .*no keys/)]);
  });

  it('uses no key the set marks for encryption, for another algorithm or of another curve', async () => {
    const served = (jwks: object[]) =>
      new Promise<{ url: string; close: () => Promise<void> }>((resolve) => {
        const server = createServer((_request, response) => {
          response.writeHead(200, { 'content-type': 'application/json' });
          response.end(JSON.stringify({ keys: jwks }));
        });
        server.listen(0, '127.0.0.1', () =>
          resolve({
            url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks`,
            close: () => new Promise((done) => server.close(() => done())),
          }),
        );
      });
    const third = generateTestKeyPair('ES256');
    const fourth = generateTestKeyPair('ES256');
    const good = generateTestKeyPair('RS256');
    const p384 = generateKeyPairSync('ec', { namedCurve: 'P-384' }).publicKey.export({
      format: 'jwk',
    });
    const jwks = await served([
      { ...publicJwkOf(first), use: 'enc' },
      { ...publicJwkOf(second), alg: 'ES384' },
      { ...publicJwkOf(third), key_ops: ['encrypt'] },
      // Named like fourth's key, but on another curve than ES256's P-256.
      { ...p384, kid: fourth.keyId, use: 'sig' },
      { kty: 'oct', kid: 'shared', k: Buffer.from('a-shared-secret').toString('base64url') },
      publicJwkOf(good),
    ]);
    try {
      const verifier = new AccessTokenVerifier({
        issuer: TEST_ISSUER,
        audience: TEST_AUDIENCE,
        jwksUrl: jwks.url,
        jwksRefresh: { log: { warn: () => undefined, log: () => undefined } },
      });
      expect(await outcomeOf(() => verifier.verify(mintTestToken({ keys: good })))).toBe(
        'accepted',
      );
      for (const keys of [first, second, third, fourth]) {
        expect(await outcomeOf(() => verifier.verify(mintTestToken({ keys })))).toBe('unknown_key');
      }
    } finally {
      await jwks.close();
    }
  });
});
