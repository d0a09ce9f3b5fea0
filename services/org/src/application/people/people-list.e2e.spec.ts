import { randomUUID } from 'node:crypto';
import { expectEventually, uniqueName } from '@rhythm/testing';
import { foundOrganisation, type FoundedOrganisation } from '../../testing/founded-organisation';
import { OrgApiClient } from '../../testing/org-api.client';
import { OrgServiceProcess, orgToken } from '../../testing/org-service.process';

jest.setTimeout(180_000);

type Entry = { personId: string; name: string; leads: { kind: string; id: string }[] };

/**
 * GET /people: the people in the organisation by name with what each leads, for the console's
 * people pages and the gateway's development sign-in (an admin who is no person may list them).
 */
describe('org: the list of people', () => {
  const tenantId = uniqueName('people-list');
  let service: OrgServiceProcess;
  let api: OrgApiClient;
  let acme: FoundedOrganisation;

  beforeAll(async () => {
    service = await OrgServiceProcess.start();
    api = new OrgApiClient(service.url);
    acme = await foundOrganisation(api, tenantId);
  });

  afterAll(async () => {
    if (!service) return;
    await service.stop();
    await service.dispose();
  });

  it('lists the people by name with the units they lead, and no e-mail addresses', async () => {
    const ben = await acme.founder.post('/people', { name: 'Ben', email: 'ben@acme.test' });
    const tribe = await acme.admin.post('/tribes', { name: 'Payments' });
    expect(
      (await acme.admin.put(`/tribes/${tribe.body.id}/lead`, { personId: ben.body.id })).status,
    ).toBe(200);

    const people = await expectEventually(async () => {
      const { status, body } = await acme.founder.get<Entry[]>('/people');
      expect(status).toBe(200);
      expect(body.find((entry) => entry.personId === ben.body.id)?.leads).toHaveLength(1);
      return body;
    });
    expect(people.map((entry) => entry.name)).toEqual(['Ada', 'Ben']);
    expect(people.find((entry) => entry.name === 'Ada')?.leads).toEqual([]);
    expect(people.find((entry) => entry.name === 'Ben')?.leads).toEqual([
      { kind: 'tribe', id: tribe.body.id, name: 'Payments' },
    ]);
    expect(JSON.stringify(people)).not.toContain('@acme.test');
  });

  it("shows one organisation's people only, and none to a member who is no person of it", async () => {
    const other = await foundOrganisation(api, uniqueName('people-other'), { admin: 'Olga' });
    await expectEventually(async () => {
      const { body } = await other.admin.get<Entry[]>('/people');
      expect(body.map((entry) => entry.name)).toEqual(['Olga']);
    });
    const stranger = api.as(orgToken({ personId: randomUUID(), tenantId, roles: ['member'] }));
    expect((await stranger.get('/people')).status).toBe(403);
  });
});
