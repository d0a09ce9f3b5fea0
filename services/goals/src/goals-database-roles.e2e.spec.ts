import { verifyHashChains } from '@rhythm/event-store-postgres';
import { mintTestToken } from '@rhythm/identity';
import { connected, createDatabaseRoles, uniqueName, type DatabaseRoles } from '@rhythm/testing';
import request from 'supertest';
import { readGoalsTopicUntil } from './testing/goals-topic';
import { peopleOfTheOrganisation } from './testing/people-of-the-organisation';
import { startGoalsTestApp, type GoalsTestApp } from './testing/goals-test-app';

jest.setTimeout(120_000);

/**
 * The goals service as `npm start` runs it (docs/adr/0029): its pools connect as a role that may
 * only read and append events, and the start-up migrations run as the owner role.
 */
describe('goals service on the read-and-append database role', () => {
  let roles: DatabaseRoles;
  let goals: GoalsTestApp;

  beforeAll(async () => {
    roles = await createDatabaseRoles();
    goals = await startGoalsTestApp({
      DATABASE_URL: roles.serviceUrl,
      DATABASE_OWNER_URL: roles.ownerUrl,
    });
  });
  afterAll(async () => {
    await goals?.close();
    await roles?.dispose();
  });

  it('plans a cycle and publishes it, and its role may not rewrite the event', async () => {
    const tenant = uniqueName('acme');
    await peopleOfTheOrganisation(goals, tenant, ['olga']);
    const response = await request(goals.app.getHttpServer())
      .post('/cycles')
      .set('Authorization', `Bearer ${mintTestToken({ sub: 'olga', tenant, roles: ['admin'] })}`)
      .send({ cycleId: '2026-q1', name: 'Q1', startsOn: '2026-01-01', endsOn: '2026-03-31' });
    expect(response.status).toBe(201);
    // The relay's checkpoint and parking tables were created by the owner, used by the service.
    await readGoalsTopicUntil(goals.kafka, goals.config.GOALS_EVENTS_TOPIC, (read) =>
      read.some((envelope) => envelope.tenantId === tenant),
    );

    const schema = goals.config.GOALS_EVENT_STORE_SCHEMA;
    await expect(
      connected(roles.serviceUrl, (client) =>
        client.query(`UPDATE "${schema}".events SET data = '{}' WHERE tenant_id = $1`, [tenant]),
      ),
    ).rejects.toThrow(/permission denied/);
    const verification = await connected(roles.serviceUrl, (client) =>
      verifyHashChains(client, { schemas: [schema] }),
    );
    expect(verification.intact).toBe(true);
    expect(verification.stores[0].mayRewrite).not.toContain(roles.serviceRole);
  });
});
