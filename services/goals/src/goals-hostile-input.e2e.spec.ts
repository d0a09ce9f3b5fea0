import { randomUUID } from 'node:crypto';
import { createConnection } from 'node:net';
import { networkInterfaces } from 'node:os';
import { mintTestToken } from '@rhythm/identity';
import {
  dropTestStores,
  expectEventually,
  type ServiceProcess,
  testKafkaClient,
  uniqueName,
} from '@rhythm/testing';
import { OrgHistory } from '@rhythm/org-directory/testing';
import { publishToTopic } from '@rhythm/org-directory/testing';
import { type GoalsServiceStores, startGoalsService } from './testing/goals-service.process';

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

type ErrorBody = Readonly<{ statusCode: number; error: string; fields?: Record<string, string> }>;

/**
 * Finding 5 against the real goals process: the exact bodies that answered 500 answer 400, a
 * burst from one tenant answers 429 while another tenant is served, and the service listens on
 * 127.0.0.1 only. Its org directory learns the people from org events on Kafka.
 */
describe('goals edge against hostile input and abuse', () => {
  const run = uniqueName('goals_hostile');
  const stores: GoalsServiceStores = {
    schema: run,
    database: run,
    topic: `${run}_goals`,
    orgTopic: `${run}_org`,
  };
  let goals: ServiceProcess;
  /** What the process printed while starting, before request lines crowd it out. */
  let startLog = '';
  /** One person of each organisation, by tenant. */
  const people = { hostile: randomUUID(), busy: randomUUID(), quiet: randomUUID() };
  const tenants = {
    hostile: uniqueName('hostile'),
    busy: uniqueName('busy'),
    quiet: uniqueName('quiet'),
  };
  const tokenOf = (who: keyof typeof people) =>
    mintTestToken({ sub: people[who], tenant: tenants[who], roles: ['member'], ttl: '1h' });

  const call = async (
    who: keyof typeof people,
    method: 'GET' | 'POST',
    path: string,
    body?: string,
  ) => {
    const response = await fetch(`${goals.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${tokenOf(who)}`, 'content-type': 'application/json' },
      body,
      signal: AbortSignal.timeout(60_000),
    });
    return {
      status: response.status,
      headers: response.headers,
      body: (await response.json()) as ErrorBody,
    };
  };

  beforeAll(async () => {
    goals = await startGoalsService(stores, {
      logLevel: 'info',
      environment: {
        RATE_LIMITS: 'on',
        RATE_LIMIT_PER_TENANT_PER_SECOND: '0.001',
        RATE_LIMIT_PER_TENANT_BURST: String(TENANT_BURST),
      },
    });
    startLog = goals.logs(500);
    for (const who of ['hostile', 'busy', 'quiet'] as const) {
      const org = new OrgHistory(tenants[who]);
      await publishToTopic(testKafkaClient('goals-hostile-input'), stores.orgTopic, [
        org.established('Acme'),
        org.personJoined(people[who], 'Ada'),
      ]);
    }
    // Until the org directory has them, their tokens' subjects are nobody here (403).
    await expectEventually(
      async () => {
        for (const who of ['hostile', 'quiet'] as const) {
          expect((await call(who, 'GET', '/templates')).status).toBe(200);
        }
      },
      { timeoutMs: 60_000, intervalMs: 500 },
    );
  });

  afterAll(async () => {
    await goals?.kill('SIGKILL');
    await dropTestStores({
      schemas: [stores.schema],
      databases: [stores.database],
      topics: [stores.topic, stores.orgTopic],
    });
  });

  it('answers 400 naming the field for an ambition titled "a\\ud800"', async () => {
    const response = await call(
      'hostile',
      'POST',
      '/people/me/ambitions',
      String.raw`{"kind":"growth","title":"a\ud800"}`,
    );
    expect({ status: response.status, body: response.body }).toEqual({
      status: 400,
      body: {
        statusCode: 400,
        error: 'validation_failed',
        message: 'The request is not valid.',
        fields: { title: 'holds a lone surrogate (U+D800): not valid Unicode text' },
        correlationId: expect.any(String),
      },
    });
  });

  it('answers 400 for 3,000 nested arrays (6 kB) and 3,000 nested objects', async () => {
    const arrays = `${'['.repeat(3000)}${']'.repeat(3000)}`;
    const objects = `{"kind":"growth","title":${'{"a":'.repeat(3000)}1${'}'.repeat(3000)}}`;
    for (const body of [arrays, objects]) {
      const response = await call('hostile', 'POST', '/people/me/ambitions', body);
      expect(response.status).toBe(400);
      expect(response.body.error).toBe('validation_failed');
      expect(Object.values(response.body.fields ?? {})).toEqual([
        'nests arrays and objects deeper than 32 levels',
      ]);
    }
  });

  it('answers 429 with Retry-After after a burst from one tenant, while another tenant is served', async () => {
    // The burst's tokens were not touched while waiting: the busy person's 403s did not authenticate.
    const statuses: number[] = [];
    await expectEventually(
      async () => expect((await call('busy', 'GET', '/templates')).status).toBe(200),
      { timeoutMs: 60_000, intervalMs: 500 },
    );
    for (let i = 1; i < TENANT_BURST; i += 1) {
      statuses.push((await call('busy', 'GET', '/templates')).status);
    }
    expect(statuses).toEqual(Array.from({ length: TENANT_BURST - 1 }, () => 200));
    const refused = await call('busy', 'GET', '/templates');
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
    expect((await call('quiet', 'GET', '/templates')).status).toBe(200);
    expect(await goals.metric('rhythm_http_requests_throttled_total')).toEqual([
      { labels: { limit: 'tenant', tenant: tenants.busy }, value: 1 },
    ]);
  });

  it('listens on 127.0.0.1 only, and says where', async () => {
    expect(await connects('127.0.0.1', goals.port)).toBe(true);
    expect(await connects(otherAddress(), goals.port)).toBe(false);
    expect(startLog).toContain(`goals is listening on http://127.0.0.1:${goals.port}`);
  });
});
