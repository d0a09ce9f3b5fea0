import { randomUUID } from 'node:crypto';
import { publishedContracts } from '@rhythm/contracts';
import { mintTestToken } from '@rhythm/identity';
import type { EventStore } from '@rhythm/event-sourcing';
import { expectEventually, uniqueName } from '@rhythm/testing';
import request from 'supertest';
import type { App } from 'supertest/types';
import { ORG_DIRECTORY, type OrgDirectory } from './application/org-directory.port';
import { goalsStreams } from './goals-domain';
import { GOALS_EVENT_STORE } from './infrastructure/goals-tokens';
import { OrgHistory } from '@rhythm/org-directory/testing';
import { publishToTopic } from '@rhythm/org-directory/testing';
import { readGoalsTopicUntil } from './testing/goals-topic';
import { startGoalsTestApp, type GoalsTestApp } from './testing/goals-test-app';

jest.setTimeout(120_000);

/**
 * The goals service in-process, over HTTP, with its org directory fed by real org integration
 * events on Kafka, its events in a real PostgreSQL event store and relayed to a real goals topic.
 */
describe('Goals commands through the API, as a new organisation would drive them', () => {
  let goals: GoalsTestApp;
  let http: App;
  let org: OrgHistory;
  const tenant = uniqueName('acme');
  const id = {
    olga: randomUUID(), // OKR champion (admin)
    pia: randomUUID(), // product owner of the customer-support squad
    max: randomUUID(), // member of the squad
    cara: randomUUID(), // chapter member who contributes
    tribe: randomUUID(),
    squad: randomUUID(),
    chapter: randomUUID(),
    guild: randomUUID(),
  };
  const token = (personId: string, roles: string[] = ['member']) =>
    `Bearer ${mintTestToken({ sub: personId, tenant, roles })}`;
  const as = {
    olga: () => token(id.olga, ['admin', 'member']),
    pia: () => token(id.pia),
    max: () => token(id.max),
  };
  const cycleId = uniqueName('q1').replace(/_/g, '-');
  let companyObjective: string;
  let squadObjective: string;
  let npsKeyResult: string;

  beforeAll(async () => {
    goals = await startGoalsTestApp();
    http = goals.app.getHttpServer();
    org = new OrgHistory(tenant);
    await publishToTopic(goals.kafka, goals.config.ORG_EVENTS_TOPIC, [
      org.established('Acme'),
      org.tribeFormed(id.tribe, 'Customer Experience'),
      org.squadFormed(id.squad, id.tribe, 'Customer Support'),
      org.chapterFormed(id.chapter, id.tribe, 'Support Engineering'),
      org.guildFormed(id.guild, 'Service Design'),
      org.personJoined(id.olga, 'Olga'),
      org.personJoined(id.pia, 'Pia'),
      org.personJoined(id.max, 'Max'),
      org.personJoined(id.cara, 'Cara'),
      org.productOwnerAppointed(id.squad, id.pia),
      org.joinedSquad(id.pia, id.squad),
      org.joinedSquad(id.max, id.squad),
      org.joinedChapter(id.cara, id.chapter, id.tribe),
      org.coordinatorAdded(id.guild, id.cara),
    ]);
    const directory = goals.app.get<OrgDirectory>(ORG_DIRECTORY);
    await expectEventually(
      async () => {
        expect((await directory.actorFor(tenant, id.pia, ['member'])).leads).toEqual([
          { kind: 'squad', id: id.squad },
        ]);
        // Every caller must be a person goals knows (ADR 0032). The events sit on several
        // partitions, so the last one applied says nothing of the others.
        for (const person of [id.olga, id.pia, id.max, id.cara]) {
          expect(await directory.ownerExists(tenant, { kind: 'person', id: person })).toBe(true);
        }
        expect((await directory.person(tenant, id.cara))?.leads).toEqual([
          { kind: 'guild', id: id.guild },
        ]);
      },
      { timeoutMs: 60_000, intervalMs: 200 },
    );
  });

  afterAll(async () => {
    await goals?.close();
  });

  it('plans a cycle and sets the company objective "Improve customer satisfaction"', async () => {
    await request(http)
      .post('/cycles')
      .set('Authorization', as.olga())
      .send({ cycleId, name: 'Q1 2026', startsOn: '2026-01-01', endsOn: '2026-03-31' })
      .expect(201)
      .expect('Location', `/cycles/${cycleId}`)
      .expect('ETag', '"0"');

    const company = await request(http)
      .post('/objectives')
      .set('Authorization', as.olga())
      .send({
        cycleId,
        title: 'Improve customer satisfaction',
        owner: { kind: 'company' },
        kind: 'committed',
      })
      .expect(201);
    companyObjective = company.body.id;
    await request(http)
      .post(`/objectives/${companyObjective}/key-results`)
      .set('Authorization', as.olga())
      .send({
        title: 'Lower monthly churn to 2%',
        metric: { type: 'percentage', unit: '%', start: 3, target: 2, direction: 'decrease' },
        owner: id.olga,
      })
      .expect(201);
  });

  it('lets the squad own "Raise NPS by 10 points", aligned to the company objective', async () => {
    const squad = await request(http)
      .post('/objectives')
      .set('Authorization', as.pia())
      .send({
        cycleId,
        title: 'Customers love talking to support',
        owner: { kind: 'squad', id: id.squad },
        kind: 'committed',
      })
      .expect(201);
    squadObjective = squad.body.id;
    const nps = await request(http)
      .post(`/objectives/${squadObjective}/key-results`)
      .set('Authorization', as.pia())
      .send({
        title: 'Raise NPS by 10 points',
        metric: { type: 'number', unit: 'points', start: 31, target: 41, direction: 'increase' },
        owner: id.pia,
        weight: 2,
      })
      .expect(201);
    npsKeyResult = nps.body.keyResultId;
    expect(nps.headers.location).toBe(`/objectives/${squadObjective}/key-results/${npsKeyResult}`);

    await request(http)
      .post(`/objectives/${squadObjective}/alignments`)
      .set('Authorization', as.pia())
      .send({ parentObjectiveId: companyObjective })
      .expect(201);
    // A loop is refused: the company objective cannot contribute to the squad's.
    const loop = await request(http)
      .post(`/objectives/${companyObjective}/alignments`)
      .set('Authorization', as.olga())
      .send({ parentObjectiveId: squadObjective })
      .expect(409);
    expect(loop.body.message).toMatch(/loop/);

    await request(http)
      .put(`/objectives/${squadObjective}/contributors/${id.cara}`)
      .set('Authorization', as.pia())
      .expect(200);
    await request(http)
      .put(`/objectives/${squadObjective}/followers/${id.guild}`)
      .set('Authorization', token(id.cara))
      .expect(200);
  });

  it('activates the cycle and both objectives', async () => {
    await request(http)
      .post(`/cycles/${cycleId}/activate`)
      .set('Authorization', as.olga())
      .expect(200);
    await request(http)
      .post(`/objectives/${companyObjective}/activate`)
      .set('Authorization', as.olga())
      .expect(200);
    await request(http)
      .post(`/objectives/${squadObjective}/activate`)
      .set('Authorization', as.pia())
      .expect(200);
  });

  it('refuses to lower a target without a reason, and records it with one', async () => {
    const refused = await request(http)
      .put(`/objectives/${squadObjective}/key-results/${npsKeyResult}/target`)
      .set('Authorization', as.pia())
      .send({ target: 38 })
      .expect(400);
    expect(refused.body.fields).toEqual({
      reason: 'is required to lower the target of a key result of an active objective',
    });

    const lowered = await request(http)
      .put(`/objectives/${squadObjective}/key-results/${npsKeyResult}/target`)
      .set('Authorization', as.pia())
      .send({ target: 38, reason: 'The survey moves to monthly only in February' })
      .expect(200);

    // If-Match at an old revision is a conflict, at the current one it applies.
    await request(http)
      .post(`/objectives/${squadObjective}/key-results/${npsKeyResult}/progress`)
      .set('Authorization', as.pia())
      .set('If-Match', `"${lowered.body.revision - 1}"`)
      .send({ value: 34 })
      .expect(409);
    await request(http)
      .post(`/objectives/${squadObjective}/key-results/${npsKeyResult}/progress`)
      .set('Authorization', as.pia())
      .set('If-Match', `"${lowered.body.revision}"`)
      .send({ value: 34 })
      .expect(200)
      .expect('ETag', `"${lowered.body.revision + 1}"`);
    // The objective's answer says which revision it shows, once its read model has the change.
    await expectEventually(async () => {
      const shown = await request(http)
        .get(`/objectives/${squadObjective}`)
        .set('Authorization', as.pia())
        .expect(200);
      expect(shown.body.revision).toBe(lowered.body.revision + 1);
    });

    const recorded = await goals.app
      .get<EventStore>(GOALS_EVENT_STORE)
      .readStream(goalsStreams.objective(tenant, squadObjective));
    const adjusted = recorded.find((event) => event.type === 'KeyResultTargetAdjusted');
    expect(adjusted?.data).toMatchObject({
      target: { before: 41, after: 38 },
      lowersAmbition: true,
      reason: 'The survey moves to monthly only in February',
    });
    expect(adjusted?.metadata).toMatchObject({
      actor: id.pia,
      tenantId: tenant,
      reason: 'The survey moves to monthly only in February',
    });
  });

  it('names the fields at fault and the owner that does not exist', async () => {
    const invalid = await request(http)
      .post(`/objectives/${squadObjective}/key-results`)
      .set('Authorization', as.pia())
      .send({ title: '', metric: { type: 'score', start: 'a' }, owner: id.pia, colour: 'red' })
      .expect(400);
    expect(Object.keys(invalid.body.fields as object)).toEqual(
      expect.arrayContaining(['title', 'metric.type', 'metric.start', 'colour']),
    );

    const noDraft = await request(http)
      .post('/proposals/key-results')
      .set('Authorization', as.max())
      .send({ objectiveId: squadObjective })
      .expect(400);
    expect(noDraft.body.fields).toMatchObject({ draft: 'draft is required' });

    const unknownSquad = randomUUID();
    const missing = await request(http)
      .post('/objectives')
      .set('Authorization', as.olga())
      .send({
        cycleId,
        title: 'Ghost',
        owner: { kind: 'squad', id: unknownSquad },
        kind: 'committed',
      })
      .expect(404);
    expect(missing.body.message).toBe(`Squad ${unknownSquad} not found in this organisation`);
  });

  it("takes a member's proposal through return and resubmission to the product owner's approval", async () => {
    const proposal = await request(http)
      .post('/proposals/key-results')
      .set('Authorization', as.max())
      .send({
        objectiveId: squadObjective,
        draft: {
          title: 'Answer every ticket within 4 hours',
          metric: { type: 'number', unit: 'hours', start: 8, target: 4, direction: 'decrease' },
          owner: id.max,
        },
      })
      .expect(201);
    const proposalId: string = proposal.body.id;

    await request(http)
      .post(`/proposals/${proposalId}/return`)
      .set('Authorization', as.pia())
      .send({ reason: 'Measure the baseline first: is it really 8 hours?' })
      .expect(200);
    await request(http)
      .post(`/proposals/${proposalId}/revisions`)
      .set('Authorization', as.max())
      .send({
        keyResult: {
          title: 'Answer every ticket within 5 hours',
          metric: { type: 'number', unit: 'hours', start: 9, target: 5, direction: 'decrease' },
          owner: id.max,
        },
      })
      .expect(200);
    await request(http)
      .post(`/proposals/${proposalId}/resubmit`)
      .set('Authorization', as.max())
      .expect(200);

    const refused = await request(http)
      .post(`/proposals/${proposalId}/approve`)
      .set('Authorization', as.max())
      .expect(403);
    expect(refused.body.error).toBe('forbidden');

    const approved = await request(http)
      .post(`/proposals/${proposalId}/approve`)
      .set('Authorization', as.pia())
      .expect(200);
    expect(approved.body.objectiveId).toBe(squadObjective);
    expect(approved.body.keyResultIds).toHaveLength(1);

    const recorded = await goals.app
      .get<EventStore>(GOALS_EVENT_STORE)
      .readStream(goalsStreams.objective(tenant, squadObjective));
    expect(
      recorded.find(
        (event) =>
          event.type === 'KeyResultAdded' &&
          (event.data as { fromProposalId?: string }).fromProposalId === proposalId,
      )?.data,
    ).toMatchObject({
      keyResultId: approved.body.keyResultIds[0],
      title: 'Answer every ticket within 5 hours',
      owner: id.max,
    });
  });

  it('closes and scores the cycle: every active objective gets its score', async () => {
    await request(http)
      .post(`/cycles/${cycleId}/review`)
      .set('Authorization', as.olga())
      .expect(200);
    await request(http)
      .put(`/objectives/${squadObjective}/key-results/${npsKeyResult}/score`)
      .set('Authorization', as.pia())
      .send({ score: 0.5, reason: 'The February survey had too few answers' })
      .expect(200);
    await request(http).post(`/cycles/${cycleId}/close`).set('Authorization', as.pia()).expect(403);
    const closed = await request(http)
      .post(`/cycles/${cycleId}/close`)
      .set('Authorization', as.olga())
      .expect(200);
    expect(closed.body.scoredObjectives).toBe(2);

    const recorded = await goals.app
      .get<EventStore>(GOALS_EVENT_STORE)
      .readStream(goalsStreams.objective(tenant, squadObjective));
    expect(recorded.at(-1)).toMatchObject({
      type: 'ObjectiveScored',
      data: {
        keyResults: expect.arrayContaining([
          expect.objectContaining({ keyResultId: npsKeyResult, score: 0.5, overridden: true }),
        ]),
      },
      metadata: { actor: 'system:cycle-close' },
    });
    // After close, goals no longer change.
    await request(http)
      .post(`/objectives/${squadObjective}/key-results/${npsKeyResult}/progress`)
      .set('Authorization', as.pia())
      .send({ value: 40 })
      .expect(409);
    await request(http)
      .post(`/objectives/${squadObjective}/key-results/${npsKeyResult}/progress`)
      .set('Authorization', as.pia())
      .set('If-Match', 'yesterday')
      .send({ value: 40 })
      .expect(400)
      .expect(({ body }) =>
        expect(body.fields).toEqual({ 'If-Match': 'must be a revision, e.g. "3"' }),
      );
  });

  it('publishes the goals integration events on the goals topic, the reason with the adjustment', async () => {
    const expected = [
      'goals.cycle-planned',
      'goals.objective-created',
      'goals.key-result-added',
      'goals.objective-aligned',
      'goals.objective-followed',
      'goals.contributor-added',
      'goals.key-result-adjusted',
      'goals.key-result-progressed',
      'goals.proposal-submitted',
      'goals.proposal-returned',
      'goals.proposal-approved',
      'goals.key-result-score-overridden',
      'goals.cycle-closed',
      'goals.objective-scored',
    ];
    const published = await readGoalsTopicUntil(
      goals.kafka,
      goals.config.GOALS_EVENTS_TOPIC,
      (envelopes) => expected.every((type) => envelopes.some((envelope) => envelope.type === type)),
      60_000,
    );
    const adjusted = published.find((envelope) => envelope.type === 'goals.key-result-adjusted');
    expect(adjusted).toMatchObject({
      tenantId: tenant,
      streamId: goalsStreams.objective(tenant, squadObjective),
      actor: id.pia,
      reason: 'The survey moves to monthly only in February',
      data: { field: 'target', before: 41, after: 38, lowersAmbition: true },
    });
    // Every message is a valid envelope of a published contract.
    for (const envelope of published)
      expect(() => publishedContracts().parse(envelope)).not.toThrow();
  });

  it('serves the templates and training in English and Dutch', async () => {
    const dutch = await request(http)
      .get('/templates/improve-customer-satisfaction')
      .set('Authorization', as.max())
      .set('Accept-Language', 'nl-BE,nl;q=0.9')
      .expect(200)
      .expect('Content-Language', 'nl');
    expect(dutch.body.title).toBe('Klanttevredenheid verbeteren');
    expect(dutch.body.keyResults[0].title).toBe('NPS met 10 punten verhogen');

    const english = await request(http).get('/training').set('Authorization', as.max()).expect(200);
    expect(english.body[0].title).toBe('What is an OKR?');
    await request(http)
      .get('/templates/no-such-template')
      .set('Authorization', as.max())
      .expect(404);
  });

  it('documents the command routes in OpenAPI', async () => {
    const document = await request(http).get('/docs/openapi.json').expect(200);
    expect(Object.keys(document.body.paths as object)).toEqual(
      expect.arrayContaining([
        '/cycles',
        '/cycles/{cycleId}/activate',
        '/objectives',
        '/objectives/{objectiveId}/key-results',
        '/objectives/{objectiveId}/key-results/{keyResultId}/target',
        '/objectives/{objectiveId}/alignments',
        '/proposals/{proposalId}/approve',
        '/people/me/ambitions',
        '/templates',
      ]),
    );
  });
});
