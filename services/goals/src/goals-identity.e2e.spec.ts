import { randomUUID } from 'node:crypto';
import {
  generateTestKeyPair,
  mintTestToken,
  type TestKeyPair,
  TestJwksEndpoint,
  testKeyPair,
} from '@rhythm/identity';
import { expectEventually, uniqueName } from '@rhythm/testing';
import request from 'supertest';
import type { App } from 'supertest/types';
import type { OrgHistory } from '@rhythm/org-directory/testing';
import { publishToTopic } from '@rhythm/org-directory/testing';
import { startGoalsTestApp, type GoalsTestApp } from './testing/goals-test-app';
import { peopleOfTheOrganisation } from './testing/people-of-the-organisation';

jest.setTimeout(120_000);

/**
 * The goals service trusting an identity provider's JWKS by URL (JWT_JWKS_URL, a server this test
 * starts on 127.0.0.1), and letting only people of the organisation with a known role act
 * (docs/adr/0032, docs/security.md "Identity").
 */
describe('goals identity: tokens by a JWKS URL, from people of the organisation only', () => {
  const rsa = generateTestKeyPair('RS256');
  const ec = generateTestKeyPair('ES256');
  const tenant = uniqueName('acme');
  const olga = randomUUID();
  const pia = randomUUID();
  let provider: TestJwksEndpoint;
  let goals: GoalsTestApp;
  let http: App;
  let org: OrgHistory;

  const token = (keys: TestKeyPair, sub: string, roles: readonly string[] = ['member']) =>
    mintTestToken({ keys, sub, tenant, roles });
  const cycles = (bearer: string) =>
    request(http).get('/cycles').set('Authorization', `Bearer ${bearer}`);
  const answer = async (bearer: string) => {
    const { status, body } = (await cycles(bearer)) as { status: number; body: unknown };
    return status === 200
      ? { status }
      : {
          status,
          error: (body as { error?: unknown }).error,
          reason: (body as { reason?: unknown }).reason,
          message: (body as { message?: unknown }).message,
        };
  };

  beforeAll(async () => {
    provider = await TestJwksEndpoint.start([rsa, ec]);
    goals = await startGoalsTestApp({ JWT_JWKS_URL: provider.url, JWT_PUBLIC_KEY: '' });
    http = goals.app.getHttpServer();
    org = await peopleOfTheOrganisation(goals, tenant, [olga, pia]);
  });

  afterAll(async () => {
    await goals?.close();
    await provider?.stop();
  });

  it('accepts tokens signed by a key its JWKS names by kid, RS256 or ES256', async () => {
    expect(await answer(token(rsa, olga, ['admin', 'member']))).toEqual({ status: 200 });
    expect(await answer(token(ec, pia))).toEqual({ status: 200 });
    // Fetched once, kept for the next tokens.
    expect(provider.requests).toBe(1);
  });

  it('refuses a token signed by a key the JWKS does not hold, whatever its kid (401)', async () => {
    const impostor = { ...generateTestKeyPair('RS256'), keyId: rsa.keyId };
    const refused = { status: 401, error: 'unauthenticated', reason: 'invalid_token' };
    expect(await answer(token(impostor, olga))).toMatchObject(refused);
    // The tests' own key is not the provider's.
    expect(await answer(token(testKeyPair(), olga))).toMatchObject(refused);
  });

  it('refuses a token whose roles are all unknown (403)', async () => {
    for (const roles of [['Admin'], ['superuser']]) {
      expect(await answer(token(rsa, olga, roles))).toEqual({
        status: 403,
        error: 'forbidden',
        reason: undefined,
        message: 'The access token grants no role in this organisation.',
      });
    }
  });

  it('refuses a subject that is no person of the organisation, and a person who left (403)', async () => {
    const notAPerson = {
      status: 403,
      error: 'forbidden',
      reason: undefined,
      message: 'The caller is not a person of this organisation.',
    };
    expect(await answer(token(rsa, randomUUID(), ['admin', 'member']))).toEqual(notAPerson);
    expect(await answer(token(ec, pia))).toEqual({ status: 200 });
    await publishToTopic(goals.kafka, goals.config.ORG_EVENTS_TOPIC, [org.personLeft(pia)]);
    await expectEventually(async () => expect(await answer(token(ec, pia))).toEqual(notAPerson), {
      timeoutMs: 60_000,
      intervalMs: 500,
    });
  });
});
