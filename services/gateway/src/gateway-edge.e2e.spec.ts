import { get, type IncomingHttpHeaders } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { uniqueName } from '@rhythm/testing';
import { fakeConsoleDist, startGateway, type GatewayUnderTest } from './testing/gateway-under-test';
import { type SeenRequest, StandInService } from './testing/stand-in-service';

jest.setTimeout(60_000);

const orgPeople = [
  { personId: 'ada', name: 'Ada', leads: [{ kind: 'tribe', id: 't1', name: 'Payments' }] },
  { personId: 'bob', name: 'Bob', leads: [] },
];

/** What the stand-in goals service answers: an echo of what reached it, or a hang. */
const goalsRoute = (request: SeenRequest) =>
  request.url.startsWith('/slow')
    ? ('hang' as const)
    : {
        status: request.method === 'POST' ? 201 : 200,
        body: {
          method: request.method,
          url: request.url,
          body: request.body,
          items: 'x'.repeat(2_000),
        },
        headers: { etag: '"7"', 'set-cookie': 'evil=1' },
      };

/**
 * The gateway's edge against real HTTP servers standing in for the services: the console's
 * files, the session cookie, the CSRF header, the routes with the token added, and the 401, 403
 * and 503 a browser may meet.
 */
describe('gateway: one origin for the browser', () => {
  const tenant = uniqueName('gateway-edge');
  let org: StandInService;
  let goals: StandInService;
  let gateway: GatewayUnderTest;
  let cookie: string;

  const call = (path: string, init: RequestInit = {}) =>
    fetch(`${gateway.url}${path}`, { redirect: 'manual', ...init });
  const withSession = (path: string, init: RequestInit = {}) =>
    call(path, { ...init, headers: { cookie, ...(init.headers as Record<string, string>) } });

  beforeAll(async () => {
    org = await StandInService.start((request) =>
      request.url === '/people' ? { status: 200, body: orgPeople } : { status: 404, body: {} },
    );
    goals = await StandInService.start(goalsRoute);
    gateway = await startGateway({
      CONSOLE_DIST: fakeConsoleDist(),
      ORG_URL: org.url,
      GOALS_URL: goals.url,
      // Nothing listens there: a service that is down.
      CHECKINS_URL: 'http://127.0.0.1:9',
      RHYTHM_DEV_SIGN_IN: 'true',
      PROXY_TIMEOUT_MS: '500',
    });
    const signedIn = await call('/api/session/development', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-rhythm-console': '1' },
      body: JSON.stringify({ organisationId: tenant, personId: 'ada', admin: true }),
    });
    expect(signedIn.status).toBe(200);
    cookie = signedIn.headers.get('set-cookie')!.split(';')[0];
  });

  afterAll(async () => {
    await gateway?.stop();
    await org?.stop();
    await goals?.stop();
  });

  describe('the console', () => {
    it('serves index.html for client-side routes, never cached, under a self-only policy', async () => {
      for (const path of ['/', '/okrs/tree', '/people/ada?asOf=2026-01-01']) {
        const answer = await call(path);
        expect(answer.status).toBe(200);
        expect(answer.headers.get('cache-control')).toBe('no-cache');
        expect(answer.headers.get('content-type')).toContain('text/html');
        expect(answer.headers.get('content-security-policy')).toContain("script-src 'self';");
        expect(await answer.text()).toContain('<div id="root">');
      }
    });

    it('serves assets for a year, compressed with Brotli or gzip as the browser takes', async () => {
      const asset = `${gateway.url}/assets/index-abc123.js`;
      const plain = await rawGet(asset, { 'accept-encoding': 'identity' });
      expect(plain.headers['content-encoding']).toBeUndefined();
      const brotli = await rawGet(asset, { 'accept-encoding': 'gzip, br' });
      expect(brotli.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(brotli.headers['content-encoding']).toBe('br');
      expect(brotli.body.length).toBeLessThan(plain.body.length / 10);
      expect(brotliDecompressSync(brotli.body)).toEqual(plain.body);
      const gzip = await rawGet(asset, { 'accept-encoding': 'gzip' });
      expect(gzip.headers['content-encoding']).toBe('gzip');
      expect(gunzipSync(gzip.body)).toEqual(plain.body);
    });

    it('answers 404 for a missing asset and never serves a file outside it by a crafted path', async () => {
      expect((await call('/assets/missing.js')).status).toBe(404);
      const escaped = await call('/assets/%2e%2e/secret.txt');
      expect(await escaped.text()).not.toContain('outside the assets');
    });
  });

  describe('the session', () => {
    it('says who is signed in, and 401 to a browser without a session or with an altered one', async () => {
      const session = await withSession('/api/session');
      expect(await session.json()).toMatchObject({
        personId: 'ada',
        organisationId: tenant,
        name: 'Ada',
        roles: ['admin', 'member'],
        method: 'development',
      });
      expect((await call('/api/session')).status).toBe(401);
      const altered = cookie.slice(0, -4) + (cookie.endsWith('AAAA') ? 'BBBB' : 'AAAA');
      expect((await call('/api/session', { headers: { cookie: altered } })).status).toBe(401);
    });

    it('keeps the token out of the browser: an httpOnly, SameSite=Strict cookie that does not show it', async () => {
      const answer = await call('/api/session/development', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-rhythm-console': '1' },
        body: JSON.stringify({ organisationId: tenant, personId: 'bob' }),
      });
      const setCookie = answer.headers.get('set-cookie')!;
      expect(setCookie).toMatch(/HttpOnly/i);
      expect(setCookie).toMatch(/SameSite=Strict/i);
      expect(setCookie).not.toMatch(/eyJ/);
      expect(await answer.json()).toMatchObject({ personId: 'bob', roles: ['member'] });
    });

    it('lists the organisation for the development sign-in, asking org with a token for that tenant', async () => {
      const answer = await call(`/api/session/development/people?organisationId=${tenant}`);
      expect(await answer.json()).toEqual([
        { personId: 'ada', name: 'Ada', leads: ['Payments'] },
        { personId: 'bob', name: 'Bob', leads: [] },
      ]);
      expect(org.seen.at(-1)?.headers.authorization).toMatch(/^Bearer /);
      await expect(providersOf(await call('/api/session/providers'))).resolves.toEqual({
        development: true,
        oidc: false,
      });
    });

    it('refuses a sign-in without the console header (403), as someone else (404), or malformed (400)', async () => {
      const signIn = (
        body: unknown,
        headers: Record<string, string> = { 'x-rhythm-console': '1' },
      ) =>
        call('/api/session/development', {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: JSON.stringify(body),
        });
      expect((await signIn({ organisationId: tenant, personId: 'ada' }, {})).status).toBe(403);
      expect((await signIn({ organisationId: tenant, personId: 'eve' })).status).toBe(404);
      const malformed = await signIn({
        organisationId: 'not an id!',
        personId: 'ada',
        shoeSize: 44,
      });
      expect(malformed.status).toBe(400);
      expect(((await malformed.json()) as { fields: unknown }).fields).toEqual({
        organisationId: expect.any(String),
        body: expect.stringContaining('shoeSize'),
      });
    });

    it('lets the founder of a new organisation in as an admin who is no person yet', async () => {
      const answer = await call('/api/session/development', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-rhythm-console': '1' },
        body: JSON.stringify({
          organisationId: uniqueName('new-org'),
          personId: 'founder',
          name: 'Fay',
          admin: true,
        }),
      });
      expect(await answer.json()).toMatchObject({
        personId: 'founder',
        name: 'Fay',
        roles: ['admin', 'member'],
      });
    });

    it('signs out: the cookie is cleared', async () => {
      const answer = await withSession('/api/session/sign-out', {
        method: 'POST',
        headers: { 'x-rhythm-console': '1' },
      });
      expect(answer.status).toBe(204);
      expect(answer.headers.get('set-cookie')).toMatch(
        /rhythm_session=;.*Expires=Thu, 01 Jan 1970/,
      );
    });
  });

  describe('the routes to the services', () => {
    it('strips the prefix, keeps the query and If-Match, puts the token on and the cookie off', async () => {
      const answer = await withSession('/api/goals/objectives/o-1?asOf=2026-03-01', {
        headers: { 'if-match': '"3"', 'accept-language': 'nl' },
      });
      expect(answer.status).toBe(200);
      expect(answer.headers.get('etag')).toBe('"7"');
      expect(answer.headers.get('set-cookie')).toBeNull();
      const seen = goals.seen.at(-1)!;
      expect(seen.url).toBe('/objectives/o-1?asOf=2026-03-01');
      expect(seen.subject).toBe('ada');
      expect(seen.headers['if-match']).toBe('"3"');
      expect(seen.headers['accept-language']).toBe('nl');
      expect(seen.headers.cookie).toBeUndefined();
    });

    it('streams a change through when it carries the console header, and refuses it (403) without', async () => {
      const before = goals.seen.length;
      const refused = await withSession('/api/goals/objectives', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"title":"Grow"}',
      });
      expect(refused.status).toBe(403);
      expect(((await refused.json()) as { error: string }).error).toBe('forbidden');
      expect(goals.seen.length).toBe(before);
      const made = await withSession('/api/goals/objectives', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-rhythm-console': '1' },
        body: '{"title":"Grow"}',
      });
      expect(made.status).toBe(201);
      expect(goals.seen.at(-1)).toMatchObject({
        method: 'POST',
        url: '/objectives',
        body: '{"title":"Grow"}',
      });
    });

    it('answers 401 without a session, and never asks the service', async () => {
      const before = goals.seen.length;
      const answer = await call('/api/goals/objectives/o-1');
      expect(answer.status).toBe(401);
      expect(await answer.json()).toMatchObject({ statusCode: 401, error: 'unauthenticated' });
      expect(goals.seen.length).toBe(before);
    });

    it('answers 503 in the services’ shape for a service that is down or does not answer', async () => {
      for (const path of ['/api/checkins/me/agenda', '/api/goals/slow']) {
        const answer = await withSession(path);
        expect(answer.status).toBe(503);
        expect(await answer.json()).toMatchObject({
          statusCode: 503,
          error: 'service_unavailable',
          correlationId: expect.any(String),
        });
      }
    });

    it('compresses a service’s JSON on its way to the browser', async () => {
      const raw = await rawGet(`${gateway.url}/api/goals/objectives`, {
        cookie,
        'accept-encoding': 'gzip',
      });
      expect(raw.headers['content-encoding']).toBe('gzip');
      const json = JSON.parse(gunzipSync(raw.body).toString()) as { url: string; items: string };
      expect(json).toMatchObject({ url: '/objectives' });
      expect(raw.body.length).toBeLessThan(json.items.length / 4);
    });
  });

  it('answers its health, and is degraded while a service is down', async () => {
    expect((await call('/health/live')).status).toBe(200);
    const ready = (await (await call('/health/ready')).json()) as {
      checks: { name: string; status: string }[];
    };
    expect(ready.checks.find((check) => check.name === 'service-checkins')?.status).toBe(
      'degraded',
    );
    expect(ready.checks.find((check) => check.name === 'service-goals')?.status).toBe('up');
  });
});

const providersOf = async (answer: Response) => await answer.json();

/** A GET whose body is not decoded, to see the bytes on the wire. */
const rawGet = (url: string, headers: Record<string, string>) =>
  new Promise<{ headers: IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    get(url, { headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ headers: response.headers, body: Buffer.concat(chunks) }));
      response.on('error', reject);
    }).on('error', reject);
  });
