import type { AddressInfo } from 'node:net';
import { mintTestToken } from '@rhythm/identity';
import { OrgHistory } from '@rhythm/org-directory/testing';
import { expectEventually, uniqueName } from '@rhythm/testing';
import { findingsOf, servedOperations, successesOf } from '@rhythm/tools/openapi-fuzz/api-checks';
import { formatReport, runFuzz, type FuzzReport } from '@rhythm/tools/openapi-fuzz/fuzz-run';
import { seedFrom } from '@rhythm/tools/seeded-random';
import {
  startCheckinsWorld,
  untilCheckinsKnows,
  type CheckinsWorld,
} from './testing/checkins-world';

jest.setTimeout(420_000);

type Body = Record<string, string>;

/**
 * Every operation of the checkins API's own OpenAPI document, fed valid-ish and broken requests
 * (tools/openapi-fuzz), on an organisation and objectives the service knows from real org and
 * goals events: none may answer 5xx, hang, or answer outside the document. FUZZ_SEED repeats a
 * run.
 */
describe('the checkins API under fuzzing', () => {
  const tenant = uniqueName('fuzzco');
  const seed = seedFrom(process.env.FUZZ_SEED);
  const requestsPerOperation = Number(process.env.FUZZ_REQUESTS_PER_OPERATION ?? 30);
  const id = { admin: 'ann', lead: 'paula', owner: 'sam', member: 'cid', guildMember: 'gwen' };
  const token = mintTestToken({ sub: id.admin, tenant, roles: ['admin', 'member'], ttl: '1h' });
  let world: CheckinsWorld;
  let baseUrl: string;
  let report: FuzzReport;

  beforeAll(async () => {
    world = await startCheckinsWorld();
    await world.checkins.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(world.checkins.getHttpServer().address() as AddressInfo).port}`;
    const org = new OrgHistory(tenant);
    await world.publishOrg([
      org.established('Fuzzco'),
      ...Object.values(id).map((personId) => org.personJoined(personId, personId)),
      org.tribeFormed('payments', 'Payments'),
      org.squadFormed('checkout', 'payments', 'Checkout'),
      org.productOwnerAppointed('checkout', id.lead),
      org.joinedSquad(id.lead, 'checkout'),
      org.joinedSquad(id.owner, 'checkout'),
      org.guildFormed('web', 'Web'),
      org.coordinatorAdded('web', id.lead),
      org.joinedGuild(id.guildMember, 'web'),
    ]);
    const goalsAs = (personId: string) =>
      world.goalsAs(tenant, personId, personId === id.admin ? ['admin', 'member'] : ['member']);
    const ok = async (call: ReturnType<ReturnType<typeof goalsAs>['post']>, status = 201) => {
      const response = await call;
      expect(response.status).toBe(status);
      return response.body as Body;
    };
    const cycleId = 'fuzz-q1';
    await expectEventually(
      async () => {
        const planned = await goalsAs(id.admin).post('/cycles', {
          cycleId,
          name: 'Q1',
          startsOn: new Date(Date.now() - 7 * 86_400_000).toISOString().slice(0, 10),
          endsOn: new Date(Date.now() + 90 * 86_400_000).toISOString().slice(0, 10),
        });
        expect([201, 409]).toContain(planned.status);
      },
      { timeoutMs: 60_000, intervalMs: 250 },
    );
    await ok(goalsAs(id.admin).post(`/cycles/${cycleId}/activate`), 200);
    let objective: Body = {};
    await expectEventually(
      async () => {
        objective = await ok(
          goalsAs(id.lead).post('/objectives', {
            cycleId,
            title: 'Checkout that never fails',
            owner: { kind: 'squad', id: 'checkout' },
            kind: 'committed',
          }),
        );
      },
      { timeoutMs: 60_000, intervalMs: 250 },
    );
    const keyResult = await ok(
      goalsAs(id.lead).post(`/objectives/${objective.id}/key-results`, {
        title: 'Cut failed payments to 0.5%',
        metric: { type: 'percentage', unit: '%', start: 2, target: 0.5, direction: 'decrease' },
        owner: id.owner,
      }),
    );
    await ok(goalsAs(id.lead).post(`/objectives/${objective.id}/activate`), 200);
    await ok(goalsAs(id.lead).put(`/objectives/${objective.id}/followers/web`), 200);
    const owner = world.checkinsAs(tenant, id.owner);
    await untilCheckinsKnows(owner, objective.id, keyResult.keyResultId);
    const checkIn = (
      await owner
        .post(`/objectives/${objective.id}/key-results/${keyResult.keyResultId}/check-ins`, {
          value: 1.8,
          confidence: 6,
        })
        .expect(201)
    ).body as Body;
    const blocker = (
      await owner
        .post('/blockers', {
          target: { kind: 'objective', objectiveId: objective.id },
          description: 'The acquirer sandbox is down',
          waitsOn: { kind: 'outside', name: 'the acquirer' },
        })
        .expect(201)
    ).body as Body;

    report = await runFuzz({
      baseUrl,
      document: `${baseUrl}/docs/openapi.json`,
      token,
      otherTokens: [
        mintTestToken({ sub: id.member, tenant, roles: ['member'], ttl: '1h' }),
        mintTestToken({ sub: id.owner, tenant, roles: ['member'], ttl: '1h' }),
        mintTestToken({
          sub: id.lead,
          tenant: uniqueName('elsewhere'),
          roles: ['admin'],
          ttl: '1h',
        }),
      ],
      seed,
      requestsPerOperation,
      knownIds: {
        objectives: [objective.id],
        'key-results': [keyResult.keyResultId],
        'check-ins': [checkIn.checkInId],
        blockers: [blocker.id],
        people: Object.values(id),
        units: ['checkout', 'payments', 'web'],
        feeds: ['checkout', 'web'],
        cadences: ['checkout'],
        cycles: [cycleId],
      },
      jsonErrors: true,
      schemaChecks: true,
      budgetMs: 300_000,
    });
    process.stdout.write(`${formatReport(report)}\n`);
  }, 420_000);

  afterAll(() => world?.dispose());

  it(`covers every operation of the OpenAPI document (seed ${seed})`, async () => {
    const operations = await servedOperations(baseUrl);
    expect(Object.keys(report.operations).sort()).toEqual(operations);
    expect(report.stoppedEarly).toBeUndefined();
    expect(report.requests).toBe(operations.length * requestsPerOperation);
  });

  it('answers no request with a 5xx, silence, or an answer outside its document', () => {
    expect(findingsOf(report)).toEqual([]);
  });

  it('gets valid-ish requests through to the handlers, not only refusals', () => {
    const succeeded = (operation: string) => successesOf(report, operation);
    expect(succeeded('GET /me/agenda')).toBeGreaterThan(0);
    expect(report.statuses['401']).toBeGreaterThan(0);
  });
});
