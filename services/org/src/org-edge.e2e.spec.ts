import { randomUUID } from 'node:crypto';
import { expectEventually, uniqueName } from '@rhythm/testing';
import { foundOrganisation } from './testing/founded-organisation';
import { OrgApiClient, type OrgApiError } from './testing/org-api.client';
import { OrgServiceProcess, orgToken } from './testing/org-service.process';
import { readOrgTopic } from './testing/org-topic.reader';

jest.setTimeout(180_000);

/**
 * What the org integration contract caps is refused at the edge of the real process, before any
 * event exists: a token's tenant id or subject by the verifier (401), a body's text by the DTOs
 * (400 naming the field). The longest values the edge accepts reach the org topic.
 */
describe('org edge refuses what the contract caps', () => {
  let service: OrgServiceProcess;
  let api: OrgApiClient;
  const admin = (tenantId: string, personId: string = randomUUID()) =>
    api.as(orgToken({ personId, tenantId, roles: ['admin', 'member'] }));

  beforeAll(async () => {
    service = await OrgServiceProcess.start();
    api = new OrgApiClient(service.url);
  });

  afterAll(async () => {
    if (!service) return;
    await service.stop();
    await service.dispose();
  });

  it('answers 401 invalid_claims for a tenant id longer than 64 characters or not plain', async () => {
    for (const tenant of ['x'.repeat(200), 'x'.repeat(65), 'acme corp']) {
      const response = await admin(tenant).post<OrgApiError>('/organisation', { name: 'Acme' });
      expect({ status: response.status, reason: response.body.reason }).toEqual({
        status: 401,
        reason: 'invalid_claims',
      });
    }
  });

  it('answers 401 invalid_claims for a subject that is not a plain id', async () => {
    const response = await admin(uniqueName('acme'), 'auth0|ann').post<OrgApiError>(
      '/organisation',
      { name: 'Acme' },
    );
    expect(response.status).toBe(401);
    expect(response.body.reason).toBe('invalid_claims');
  });

  it('answers 400 naming the field for an over-long name or mission', async () => {
    const tenant = uniqueName('acme');
    const longName = await admin(tenant).post<OrgApiError>('/organisation', {
      name: 'n'.repeat(121),
    });
    expect(longName.status).toBe(400);
    expect(Object.keys(longName.body.fields ?? {})).toEqual(['name']);

    // Forming a tribe is for a person of the organisation (docs/adr/0032).
    const { admin: ada } = await foundOrganisation(api, tenant);
    const longMission = await ada.post<OrgApiError>('/tribes', {
      name: 'Payments',
      mission: 'm'.repeat(501),
    });
    expect(longMission.status).toBe(400);
    expect(Object.keys(longMission.body.fields ?? {})).toEqual(['mission']);
  });

  it('publishes the longest tenant id and name it accepts', async () => {
    const tenant = `t${uniqueName('').replace(/_/g, '-')}`.padEnd(64, 'x');
    const response = await admin(tenant).post('/organisation', { name: 'N'.repeat(120) });
    expect(response.status).toBe(201);

    await expectEventually(
      async () => {
        const established = (await readOrgTopic(service.stores.topic)).filter(
          (message) => message.envelope?.tenantId === tenant,
        );
        expect(established.map((message) => message.envelope)).toEqual([
          expect.objectContaining({
            type: 'org.organisation-established',
            data: { organisationId: tenant, name: 'N'.repeat(120) },
          }),
        ]);
      },
      { timeoutMs: 30_000, intervalMs: 500 },
    );
  });
});
