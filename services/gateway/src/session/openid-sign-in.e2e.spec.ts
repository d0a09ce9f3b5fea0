import { generateTestKeyPair } from '@rhythm/identity';
import { uniqueName } from '@rhythm/testing';
import {
  fakeConsoleDist,
  startGateway,
  type GatewayUnderTest,
} from '../testing/gateway-under-test';
import { TestOpenIdProvider } from '../testing/test-openid-provider';

jest.setTimeout(60_000);

const cookieOf = (answer: Response, name: string) =>
  answer.headers
    .getSetCookie()
    .map((cookie) => cookie.split(';')[0])
    .find((cookie) => cookie.startsWith(`${name}=`) && cookie !== `${name}=`);

/**
 * OpenID Connect, authorization code with PKCE, against a real (small) provider: the gateway's
 * own code runs whole — discovery, the redirect with state, nonce and S256 challenge, the code
 * exchange with the verifier, the token verified with the provider's JWKS, the session cookie.
 */
describe('gateway: sign-in with OpenID Connect (authorization code with PKCE)', () => {
  const tenant = uniqueName('gateway-oidc');
  const keys = generateTestKeyPair();
  let provider: TestOpenIdProvider;
  let gateway: GatewayUnderTest;

  beforeAll(async () => {
    provider = await TestOpenIdProvider.start(keys, 'rhythm-oidc-test', {
      sub: 'ada',
      tenant,
      roles: ['member'],
      name: 'Ada',
    });
    gateway = await startGateway({
      CONSOLE_DIST: fakeConsoleDist(),
      JWT_ISSUER: provider.issuer,
      JWT_AUDIENCE: 'rhythm-oidc-test',
      JWT_PUBLIC_KEY: '',
      JWT_JWKS_URL: provider.jwksUrl,
      SESSION_SECRET: 'a-session-secret-of-at-least-32-characters',
      OIDC_ISSUER: provider.issuer,
      OIDC_CLIENT_ID: 'rhythm-console',
      OIDC_REDIRECT_URI: 'http://127.0.0.1:1/auth/callback',
    });
  });

  afterAll(async () => {
    await gateway?.stop();
    await provider?.stop();
  });

  /** The browser's part: to the provider, back to the callback with the pending cookie. */
  const signIn = async (next: string) => {
    const login = await fetch(`${gateway.url}/auth/login?next=${encodeURIComponent(next)}`, {
      redirect: 'manual',
    });
    expect(login.status).toBe(302);
    const pending = cookieOf(login, 'rhythm_oidc')!;
    const atProvider = await fetch(login.headers.get('location')!, { redirect: 'manual' });
    const back = new URL(atProvider.headers.get('location')!);
    const callback = await fetch(`${gateway.url}/auth/callback${back.search}`, {
      redirect: 'manual',
      headers: { cookie: pending },
    });
    return { login, callback, pending, back };
  };

  it('signs in through the provider and lands where the person was going', async () => {
    const { login, callback } = await signIn('/okrs/tree?cycle=q1');
    const authorize = new URL(login.headers.get('location')!);
    expect(authorize.origin + authorize.pathname).toBe(`${provider.issuer}/authorize`);
    expect(Object.fromEntries(authorize.searchParams)).toMatchObject({
      response_type: 'code',
      client_id: 'rhythm-console',
      redirect_uri: 'http://127.0.0.1:1/auth/callback',
      scope: 'openid profile',
      code_challenge_method: 'S256',
      state: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      nonce: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      code_challenge: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
    });
    // The verifier went over the back channel only, never through the browser.
    const verifier = provider.tokenRequests.at(-1)?.get('code_verifier');
    expect(verifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(login.headers.get('location')).not.toContain(verifier);

    expect(callback.status).toBe(302);
    expect(callback.headers.get('location')).toBe('/okrs/tree?cycle=q1');
    const session = cookieOf(callback, 'rhythm_session')!;
    const who = await fetch(`${gateway.url}/api/session`, { headers: { cookie: session } });
    expect(await who.json()).toMatchObject({
      personId: 'ada',
      organisationId: tenant,
      roles: ['member'],
      method: 'oidc',
    });
    expect(await (await fetch(`${gateway.url}/api/session/providers`)).json()).toEqual({
      development: false,
      oidc: true,
    });
  });

  it('refuses a callback whose state is not the one it sent, or that comes without its cookie', async () => {
    const { back, pending } = await signIn('/');
    const forged = new URLSearchParams(back.search);
    forged.set('state', 'someone-elses-state');
    const wrongState = await fetch(`${gateway.url}/auth/callback?${forged.toString()}`, {
      redirect: 'manual',
      headers: { cookie: pending },
    });
    expect(wrongState.status).toBe(400);
    expect(cookieOf(wrongState, 'rhythm_session')).toBeUndefined();
    const noCookie = await fetch(`${gateway.url}/auth/callback${back.search}`, {
      redirect: 'manual',
    });
    expect(noCookie.status).toBe(400);
  });

  it('never sends the browser to another site after signing in', async () => {
    for (const next of ['//evil.example/x', 'https://evil.example/', '/\\evil.example']) {
      const { callback } = await signIn(next);
      expect(callback.headers.get('location')).toBe('/');
    }
  });

  it('refuses a token the services would not trust (another organisation’s key)', async () => {
    const stranger = await TestOpenIdProvider.start(generateTestKeyPair(), 'rhythm-oidc-test', {
      sub: 'eve',
      tenant,
      roles: ['admin'],
    });
    const other = await startGateway({
      CONSOLE_DIST: fakeConsoleDist(),
      // The services trust the first provider's keys; this gateway's provider signs with others.
      JWT_ISSUER: stranger.issuer,
      JWT_AUDIENCE: 'rhythm-oidc-test',
      JWT_PUBLIC_KEY: '',
      JWT_JWKS_URL: provider.jwksUrl,
      SESSION_SECRET: 'a-session-secret-of-at-least-32-characters',
      OIDC_ISSUER: stranger.issuer,
      OIDC_CLIENT_ID: 'rhythm-console',
      OIDC_REDIRECT_URI: 'http://127.0.0.1:1/auth/callback',
    });
    try {
      const login = await fetch(`${other.url}/auth/login`, { redirect: 'manual' });
      const atProvider = await fetch(login.headers.get('location')!, { redirect: 'manual' });
      const back = new URL(atProvider.headers.get('location')!);
      const callback = await fetch(`${other.url}/auth/callback${back.search}`, {
        redirect: 'manual',
        headers: { cookie: cookieOf(login, 'rhythm_oidc')! },
      });
      expect(callback.status).toBe(400);
      expect(cookieOf(callback, 'rhythm_session')).toBeUndefined();
    } finally {
      await other.stop();
      await stranger.stop();
    }
  });
});
