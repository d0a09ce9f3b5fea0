import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { mintTestToken } from '@rhythm/identity';
import { expectEventually, uniqueName } from '@rhythm/testing';
// The fuzzer is a workspace tool (tools/openapi-fuzz), not a library: the e2e tier reaches it
// by path.
import { findingsOf, servedOperations, successesOf } from '@rhythm/tools/openapi-fuzz/api-checks';
import { formatReport, runFuzz, type FuzzReport } from '@rhythm/tools/openapi-fuzz/fuzz-run';
import { seedFrom } from '@rhythm/tools/seeded-random';
import { ORG_DIRECTORY, type OrgDirectory } from './application/org-directory.port';
import { OrgHistory } from '@rhythm/org-directory/testing';
import { publishToTopic } from '@rhythm/org-directory/testing';
import { startGoalsTestApp, type GoalsTestApp } from './testing/goals-test-app';

jest.setTimeout(300_000);

/**
 * Every operation of the goals API's own OpenAPI document, fed valid-ish and broken requests (see
 * tools/openapi-fuzz), on an organisation the org directory knows from real org events: none may
 * answer 5xx, hang, or answer outside the document (a status it does not list, a header it
 * requires missing, a body outside the schema of its status). FUZZ_SEED repeats a run.
 */
describe('the goals API under fuzzing', () => {
  const tenant = uniqueName('fuzzco');
  const seed = seedFrom(process.env.FUZZ_SEED);
  const requestsPerOperation = Number(process.env.FUZZ_REQUESTS_PER_OPERATION ?? 40);
  const id = {
    admin: randomUUID(),
    lead: randomUUID(),
    member: randomUUID(),
    tribe: randomUUID(),
    squad: randomUUID(),
    guild: randomUUID(),
  };
  const token = mintTestToken({ sub: id.admin, tenant, roles: ['admin'], ttl: '1h' });
  let goals: GoalsTestApp;
  let baseUrl: string;
  let report: FuzzReport;

  const post = async (path: string, body: unknown): Promise<Record<string, string>> => {
    const response = await fetch(`${baseUrl}${path}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    const answer = (await response.json()) as Record<string, string>;
    if (!response.ok) {
      throw new Error(`seeding ${path}: ${response.status} ${JSON.stringify(answer)}`);
    }
    return answer;
  };

  beforeAll(async () => {
    goals = await startGoalsTestApp({ LOG_LEVEL: 'fatal' });
    await goals.app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(goals.app.getHttpServer().address() as AddressInfo).port}`;

    const org = new OrgHistory(tenant);
    await publishToTopic(goals.kafka, goals.config.ORG_EVENTS_TOPIC, [
      org.established('Fuzzco'),
      org.tribeFormed(id.tribe, 'Payments'),
      org.squadFormed(id.squad, id.tribe, 'Checkout'),
      org.guildFormed(id.guild, 'Web'),
      org.personJoined(id.admin, 'Ann'),
      org.personJoined(id.lead, 'Bob'),
      org.personJoined(id.member, 'Cid'),
      org.productOwnerAppointed(id.squad, id.lead),
      org.joinedSquad(id.member, id.squad),
    ]);
    const directory = goals.app.get<OrgDirectory>(ORG_DIRECTORY);
    // The caller must be a person of the organisation before the first command (ADR 0032): wait
    // for the people too, not only the squad the events name first.
    const known = [
      { kind: 'squad', id: id.squad },
      { kind: 'person', id: id.admin },
      { kind: 'person', id: id.lead },
      { kind: 'person', id: id.member },
    ] as const;
    await expectEventually(
      async () => {
        for (const owner of known) expect(await directory.ownerExists(tenant, owner)).toBe(true);
      },
      { timeoutMs: 60_000, intervalMs: 200 },
    );

    // A running cycle with an objective and a key result, so that ids reach real aggregates.
    const cycleId = 'fuzz-q1';
    await post('/cycles', {
      cycleId,
      name: 'Q1',
      startsOn: '2026-01-01',
      endsOn: '2026-03-31',
    });
    await post(`/cycles/${cycleId}/activate`, {});
    const objective = await post('/objectives', {
      cycleId,
      title: 'Checkout that never fails',
      owner: { kind: 'squad', id: id.squad },
      kind: 'committed',
    });
    const keyResult = await post(`/objectives/${objective.id}/key-results`, {
      title: 'Cut failed payments to 0.5%',
      metric: { type: 'percentage', unit: '%', start: 2, target: 0.5, direction: 'decrease' },
      owner: id.lead,
    });
    const proposal = await post('/proposals/objectives', {
      cycleId,
      unit: { kind: 'squad', id: id.squad },
      draft: { title: 'Faster refunds', kind: 'aspirational' },
    });

    report = await runFuzz({
      baseUrl,
      document: `${baseUrl}/docs/openapi.json`,
      token,
      otherTokens: [
        mintTestToken({ sub: id.member, tenant, roles: ['member'], ttl: '1h' }),
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
        cycles: [cycleId],
        objectives: [objective.id],
        'key-results': [keyResult.keyResultId],
        proposals: [proposal.id],
        people: [id.admin, id.lead, id.member],
        contributors: [id.member],
        followers: [id.guild],
        alignments: [objective.id],
        units: [id.squad],
        templates: ['improve-customer-satisfaction'],
      },
      jsonErrors: true,
      // Every answer against the document: its status, required headers and body schema.
      schemaChecks: true,
      budgetMs: 240_000,
    });
    process.stdout.write(`${formatReport(report)}\n`);
  });

  afterAll(async () => {
    await goals?.close();
  });

  it(`covers every operation of the OpenAPI document (seed ${seed})`, async () => {
    const operations = await servedOperations(baseUrl);
    expect(Object.keys(report.operations).sort()).toEqual(operations);
    expect(report.stoppedEarly).toBeUndefined();
    expect(report.requests).toBe(operations.length * requestsPerOperation);
  });

  it('answers no request with a 5xx, silence, or an answer outside its document', () => {
    expect(findingsOf(report)).toEqual([]);
  });

  it('gets valid-ish requests through to the command handlers, not only refusals', () => {
    const succeeded = (operation: string) => successesOf(report, operation);
    expect(succeeded('GET /templates')).toBeGreaterThan(0);
    expect(succeeded('POST /people/me/ambitions')).toBeGreaterThan(0);
    expect(report.statuses['401']).toBeGreaterThan(0);
  });
});
