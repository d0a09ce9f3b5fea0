import { randomUUID } from 'node:crypto';
import { TENANT_CLAIM, TEST_AUDIENCE, TEST_ISSUER, testKeyPair } from '@rhythm/identity';
import { expectEventually, uniqueName } from '@rhythm/testing';
import jwt from 'jsonwebtoken';
import { foundOrganisation, type FoundedOrganisation } from './testing/founded-organisation';
import { OrgApiClient, type OrgApiError, type OrgApiResponse } from './testing/org-api.client';
import { OrgServiceProcess, orgToken } from './testing/org-service.process';

jest.setTimeout(180_000);

const notAPerson = {
  statusCode: 403,
  error: 'forbidden',
  message: 'The caller is not a person of this organisation.',
};
const noKnownRole = {
  statusCode: 403,
  error: 'forbidden',
  message: 'The access token grants no role in this organisation.',
};

const refusal = ({ status, body }: OrgApiResponse<unknown>) => {
  const { statusCode, error, message, reason } = body as OrgApiError;
  return { status, body: { statusCode, error, message, ...(reason ? { reason } : {}) } };
};

/**
 * Who may act on the org service (docs/adr/0032, docs/security.md "Identity"): a person of the
 * organisation whose token carries a role the service knows. An admin who is no person yet may
 * only establish the organisation and keep its register of people.
 */
describe('org identity: only a person of the organisation, with a known role, acts', () => {
  const tenantId = uniqueName('identity');
  let service: OrgServiceProcess;
  let api: OrgApiClient;
  let acme: FoundedOrganisation;

  const as = (personId: string, roles: readonly string[], tenant = tenantId) =>
    api.as(orgToken({ personId, tenantId: tenant, roles }));

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

  it('lets an admin who is no person establish the organisation and register people, nothing else', async () => {
    const newcomer = await acme.founder.post('/people', { name: 'Ben', email: 'ben@acme.test' });
    expect(newcomer.status).toBe(201);
    expect(refusal(await acme.founder.post('/tribes', { name: 'Payments' }))).toEqual({
      status: 403,
      body: notAPerson,
    });
    expect(refusal(await acme.founder.get('/org/tree'))).toEqual({ status: 403, body: notAPerson });
    expect(refusal(await acme.founder.get(`/people/${newcomer.body.id}`))).toEqual({
      status: 403,
      body: notAPerson,
    });
    // The same founder's token without the admin role is no founder at all.
    const member = as(randomUUID(), ['member']);
    expect(refusal(await member.post('/people', { name: 'Eve', email: 'eve@acme.test' }))).toEqual({
      status: 403,
      body: notAPerson,
    });
  });

  it('lets the admin who is a person do the rest', async () => {
    expect((await acme.admin.post('/tribes', { name: 'Payments' })).status).toBe(201);
    expect((await acme.admin.get('/org/tree')).status).toBe(200);
  });

  it('refuses a token whose roles are all unknown, even for a person of the organisation (403)', async () => {
    for (const roles of [['Admin'], ['superuser'], ['ADMIN', 'Member'], []]) {
      const ada = as(acme.adminId, roles);
      for (const response of [
        await ada.get('/org/tree'),
        await ada.get(`/people/${acme.adminId}`),
        await ada.post('/tribes', { name: 'Discovery' }),
        await ada.post('/people', { name: 'Max', email: 'max@acme.test' }),
      ]) {
        expect([roles, refusal(response)]).toEqual([roles, { status: 403, body: noKnownRole }]);
      }
    }
    // Not even a new organisation can be established with such a token.
    const elsewhere = as(randomUUID(), ['Admin'], uniqueName('elsewhere'));
    expect(refusal(await elsewhere.post('/organisation', { name: 'Elsewhere' }))).toEqual({
      status: 403,
      body: noKnownRole,
    });
  });

  it('refuses a subject that is no person of the organisation (403)', async () => {
    expect(refusal(await as(randomUUID(), ['member']).get('/org/tree'))).toEqual({
      status: 403,
      body: notAPerson,
    });
    // A person of one organisation is nobody in another.
    const abroad = as(acme.adminId, ['admin', 'member'], uniqueName('elsewhere'));
    expect(refusal(await abroad.get('/org/tree'))).toEqual({ status: 403, body: notAPerson });
  });

  it('refuses a person once they have left the organisation', async () => {
    const joined = await acme.admin.post('/people', { name: 'Cat', email: 'cat@acme.test' });
    const cat = as(joined.body.id, ['member']);
    expect((await cat.get('/org/tree')).status).toBe(200);
    expect(
      (await acme.admin.post(`/people/${joined.body.id}/leave`, { reason: 'Moved abroad' })).status,
    ).toBe(200);
    // The guard remembers "is a person" for a few seconds.
    await expectEventually(
      async () =>
        expect(refusal(await cat.get('/org/tree'))).toEqual({ status: 403, body: notAPerson }),
      { timeoutMs: 30_000, intervalMs: 500 },
    );
  });

  describe('tokens the verifier refuses (401 invalid_token)', () => {
    const now = () => Math.floor(Date.now() / 1000);
    const signed = (
      times: Readonly<{ iat?: number; exp: number }>,
      header: Readonly<Record<string, unknown>> = {},
    ) =>
      jwt.sign(
        {
          sub: acme.adminId,
          [TENANT_CLAIM]: tenantId,
          roles: ['admin', 'member'],
          iss: TEST_ISSUER,
          aud: TEST_AUDIENCE,
          ...times,
        },
        testKeyPair().privateKeyPem,
        { algorithm: 'RS256', header: { alg: 'RS256', ...header } },
      );
    const answer = async (token: string) => {
      const { status, body } = await api.get<OrgApiError>('/org/tree', { token });
      return { status, reason: body.reason };
    };

    it('accepts the admin’s well-formed token', async () => {
      expect(await answer(signed({ iat: now(), exp: now() + 600 }))).toEqual({
        status: 200,
        reason: undefined,
      });
    });

    it('refuses a critical header extension it does not understand', async () => {
      const token = signed({ iat: now(), exp: now() + 600 }, { crit: ['exp-v2'], 'exp-v2': 1 });
      expect(await answer(token)).toEqual({ status: 401, reason: 'invalid_token' });
    });

    it('refuses a token meant to live longer than a day, or issued in the future', async () => {
      expect(await answer(signed({ iat: now(), exp: now() + 25 * 3600 }))).toEqual({
        status: 401,
        reason: 'invalid_token',
      });
      expect(await answer(signed({ exp: now() + 25 * 3600 }))).toEqual({
        status: 401,
        reason: 'invalid_token',
      });
      expect(await answer(signed({ iat: now() + 120, exp: now() + 600 }))).toEqual({
        status: 401,
        reason: 'invalid_token',
      });
    });
  });
});
