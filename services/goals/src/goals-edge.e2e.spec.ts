import { mintTestToken } from '@rhythm/identity';
import { uniqueName } from '@rhythm/testing';
import request from 'supertest';
import type { App } from 'supertest/types';
import { readGoalsTopicUntil } from './testing/goals-topic';
import { peopleOfTheOrganisation } from './testing/people-of-the-organisation';
import { startGoalsTestApp, type GoalsTestApp } from './testing/goals-test-app';

jest.setTimeout(120_000);

/**
 * What the goals integration contract caps is refused at the edge, before any event exists: a
 * token's tenant id or subject by the verifier (401), a body's text or id by the DTOs (400 naming
 * the field). The longest values the edge accepts reach the goals topic.
 */
describe('goals edge refuses what the contract caps', () => {
  let goals: GoalsTestApp;
  let http: App;
  const plan = (token: string, body: Record<string, unknown>) =>
    request(http)
      .post('/cycles')
      .set('Authorization', `Bearer ${token}`)
      .send({
        name: 'Q1',
        startsOn: '2026-01-01',
        endsOn: '2026-03-31',
        ...body,
      });
  const admin = (tenant: string, sub = 'olga') =>
    mintTestToken({ sub, tenant, roles: ['admin', 'member'] });

  beforeAll(async () => {
    goals = await startGoalsTestApp();
    http = goals.app.getHttpServer();
  });

  afterAll(async () => {
    await goals?.close();
  });

  it('answers 401 invalid_claims for a tenant id longer than 64 characters or not plain', async () => {
    for (const tenant of ['x'.repeat(200), 'x'.repeat(65), 'acme corp']) {
      const response = await plan(admin(tenant), {});
      expect({ status: response.status, body: response.body }).toEqual({
        status: 401,
        body: expect.objectContaining({ error: 'unauthenticated', reason: 'invalid_claims' }),
      });
    }
  });

  it('answers 401 invalid_claims for a subject that is not a plain id', async () => {
    const response = await plan(admin(uniqueName('acme'), 'auth0|olga'), {});
    expect(response.status).toBe(401);
    expect(response.body.reason).toBe('invalid_claims');
  });

  it('answers 400 naming the field for an over-long name or cycle id', async () => {
    const tenant = uniqueName('acme');
    await peopleOfTheOrganisation(goals, tenant, ['olga']);
    const longName = await plan(admin(tenant), { name: 'n'.repeat(121) });
    expect(longName.status).toBe(400);
    expect(Object.keys(longName.body.fields as object)).toEqual(['name']);

    const longId = await plan(admin(tenant), { cycleId: 'c'.repeat(101) });
    expect(longId.status).toBe(400);
    expect(Object.keys(longId.body.fields as object)).toEqual(['cycleId']);
  });

  it('publishes the longest tenant id, subject, name and cycle id it accepts', async () => {
    const tenant = `t${uniqueName('').replace(/_/g, '-')}`.padEnd(64, 'x');
    const sub = 'o'.repeat(64);
    const cycleId = `c${'q'.repeat(99)}`;
    await peopleOfTheOrganisation(goals, tenant, [sub]);
    const response = await plan(admin(tenant, sub), { cycleId, name: 'N'.repeat(120) });
    expect(response.status).toBe(201);

    const [planned] = await readGoalsTopicUntil(
      goals.kafka,
      goals.config.GOALS_EVENTS_TOPIC,
      (read) => read.some((envelope) => envelope.tenantId === tenant),
    );
    expect(planned).toMatchObject({
      type: 'goals.cycle-planned',
      tenantId: tenant,
      actor: sub,
      data: { cycleId, name: 'N'.repeat(120) },
    });
  });
});
