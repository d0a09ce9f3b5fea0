import { randomUUID } from 'node:crypto';
import { createConnection } from 'node:net';
import { networkInterfaces } from 'node:os';
import { expectEventually, uniqueName } from '@rhythm/testing';
import { OrgApiClient, type OrgApiError } from './testing/org-api.client';
import { OrgServiceProcess, orgToken } from './testing/org-service.process';

jest.setTimeout(180_000);

/** Requests a tenant may send at once before the edge answers 429; nothing refills in a test. */
const TENANT_BURST = 12;

/** An address of this machine other than loopback: a service bound to 127.0.0.1 is not there. */
const otherAddress = () =>
  Object.values(networkInterfaces())
    .flat()
    .find((address) => address && !address.internal && address.family === 'IPv4')?.address ??
  // Linux routes all of 127/8 to loopback, but a socket bound to 127.0.0.1 answers only there.
  '127.0.0.2';

const connects = (host: string, port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = createConnection({ host, port, timeout: 5_000 });
    const settle = (connected: boolean) => {
      socket.destroy();
      resolve(connected);
    };
    socket.once('connect', () => settle(true));
    socket.once('error', () => settle(false));
    socket.once('timeout', () => settle(false));
  });

/**
 * Finding 5 against the real org process: the exact bodies that answered 500 answer 400, a burst
 * from one tenant answers 429 while another tenant is served, every answer carries the security
 * headers, and the service listens on 127.0.0.1 only.
 */
describe('org edge against hostile input and abuse', () => {
  let service: OrgServiceProcess;
  let api: OrgApiClient;
  /** What the process printed while starting, before request lines crowd it out. */
  let startLog = '';

  /** The exact bytes, as a client would send them (OrgApiClient would serialise an object). */
  const send = async (path: string, body: string, token: string) => {
    const response = await fetch(`${service.url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body,
      signal: AbortSignal.timeout(60_000),
    });
    return {
      status: response.status,
      headers: response.headers,
      body: (await response.json()) as OrgApiError,
    };
  };

  /** An organisation whose admin is one of its people: every route is open to them. */
  const organisationWithAdmin = async () => {
    const tenantId = uniqueName('hostile');
    const founder = api.as(orgToken({ personId: randomUUID(), tenantId, roles: ['admin'] }));
    expect((await founder.post('/organisation', { name: 'Acme' })).status).toBe(201);
    const joined = await founder.post('/people', { name: 'Ada', email: 'ada@acme.test' });
    expect(joined.status).toBe(201);
    const token = orgToken({ personId: joined.body.id, tenantId, roles: ['admin', 'member'] });
    // The person read model catches up; until then the token's subject is nobody here.
    await expectEventually(
      async () => expect((await api.as(token).get(`/people/${joined.body.id}`)).status).toBe(200),
      { timeoutMs: 30_000, intervalMs: 250 },
    );
    return token;
  };

  beforeAll(async () => {
    service = await OrgServiceProcess.start({
      logLevel: 'info',
      environment: {
        RATE_LIMITS: 'on',
        RATE_LIMIT_PER_TENANT_PER_SECOND: '0.001',
        RATE_LIMIT_PER_TENANT_BURST: String(TENANT_BURST),
      },
    });
    api = new OrgApiClient(service.url);
    startLog = service.logs(500);
  });

  afterAll(async () => {
    if (!service) return;
    await service.stop();
    await service.dispose();
  });

  it('answers 400 naming the field for POST /tribes {"name":"a\\ud800"}, and stores nothing', async () => {
    const admin = await organisationWithAdmin();
    const response = await send('/tribes', String.raw`{"name":"a\ud800"}`, admin);
    expect({ status: response.status, body: response.body }).toEqual({
      status: 400,
      body: {
        statusCode: 400,
        error: 'validation_failed',
        message: 'The request is not valid.',
        fields: { name: 'holds a lone surrogate (U+D800): not valid Unicode text' },
        correlationId: expect.any(String),
      },
    });
    const tree = await api.as(admin).get<{ tribes: unknown[] }>('/org/tree');
    expect(tree.body.tribes).toEqual([]);
  });

  it('answers 400 for 3,000 nested arrays (6 kB) and 3,000 nested objects', async () => {
    const admin = await organisationWithAdmin();
    const arrays = `${'['.repeat(3000)}${']'.repeat(3000)}`;
    const objects = `{"name":"Payments","mission":${'{"a":'.repeat(3000)}1${'}'.repeat(3000)}}`;
    for (const body of [arrays, objects]) {
      const response = await send('/tribes', body, admin);
      expect(response.status).toBe(400);
      expect(response.body.error).toBe('validation_failed');
      expect(Object.values(response.body.fields ?? {})).toEqual([
        'nests arrays and objects deeper than 32 levels',
      ]);
    }
  });

  it('answers 429 with Retry-After after a burst from one tenant, while another tenant is served', async () => {
    const busyTenant = uniqueName('busy');
    const busy = api.as(
      orgToken({ personId: randomUUID(), tenantId: busyTenant, roles: ['admin'] }),
    );
    const statuses: number[] = [];
    for (let i = 0; i < TENANT_BURST; i += 1) {
      statuses.push((await busy.post('/organisation', { name: 'Busy' })).status);
    }
    expect(statuses).not.toContain(429);
    const refused = await busy.post<OrgApiError>('/organisation', { name: 'Busy' });
    expect({ status: refused.status, body: refused.body }).toEqual({
      status: 429,
      body: {
        statusCode: 429,
        error: 'too_many_requests',
        message: 'Too many requests. Try again later.',
        correlationId: expect.any(String),
      },
    });
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);

    const quiet = api.as(
      orgToken({ personId: randomUUID(), tenantId: uniqueName('quiet'), roles: ['admin'] }),
    );
    expect((await quiet.post('/organisation', { name: 'Quiet' })).status).toBe(201);
    expect(await service.metric('rhythm_http_requests_throttled_total')).toEqual([
      { labels: { limit: 'tenant', tenant: busyTenant }, value: 1 },
    ]);
  });

  it('puts the security headers on answers and errors', async () => {
    for (const response of [
      await api.get('/org/tree'),
      await fetch(`${service.url}/health/live`),
    ]) {
      expect(Object.fromEntries(response.headers)).toMatchObject({
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
        'x-frame-options': 'DENY',
        'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
        'cross-origin-resource-policy': 'same-origin',
        'cache-control': 'no-store',
      });
      expect(response.headers.get('x-powered-by')).toBeNull();
    }
  });

  it('listens on 127.0.0.1 only, and says where', async () => {
    expect(await connects('127.0.0.1', service.port)).toBe(true);
    expect(await connects(otherAddress(), service.port)).toBe(false);
    expect(startLog).toContain(
      `org is listening on http://127.0.0.1:${service.port} (OpenAPI: http://127.0.0.1:${service.port}/docs)`,
    );
  });
});
