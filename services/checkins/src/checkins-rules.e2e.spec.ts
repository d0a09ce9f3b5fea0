import { OrgHistory } from '@rhythm/org-directory/testing';
import { expectEventually, uniqueName } from '@rhythm/testing';
import type request from 'supertest';
import { defaultCadence, dueMoments } from './checkins-domain';
import { CadenceScheduler } from './scheduler/cadence-scheduler';
import {
  startCheckinsWorld,
  untilCheckinsKnows,
  type CheckinsWorld,
  type HttpClient,
} from './testing/checkins-world';

const day = 24 * 3600_000;
type Body = Record<string, unknown>;
const answer = async (call: request.Test) => {
  const response = await call;
  return { status: response.status, body: response.body as Body };
};

/**
 * The rules around check-ins over HTTP, on the real goals service: who may do what (403, and 404
 * for what one may not see), bad input (400 naming the fields, never 500), conflicts (409), the
 * organisation's thresholds, and an owner out of office.
 */
describe('checkins rules over HTTP', () => {
  let world: CheckinsWorld;
  const tenantId = uniqueName('rules');
  let as: (personId: string) => HttpClient;
  let objectiveId: string;
  let keyResultId: string;
  let path: string;
  let goalsAs: (personId: string) => HttpClient;
  let cycleId: string;
  /** Paula adds a key result Sam owns; its id. */
  const keyResultOn = async (objective: string, title: string, metric: Body): Promise<string> => {
    const added = await goalsAs('paula')
      .post(`/objectives/${objective}/key-results`, { title, metric, owner: 'sam' })
      .expect(201);
    return String((added.body as Body).keyResultId);
  };

  beforeAll(async () => {
    world = await startCheckinsWorld();
    as = (personId) =>
      world.checkinsAs(tenantId, personId, personId === 'olga' ? ['admin', 'member'] : ['member']);
    goalsAs = (personId: string) =>
      world.goalsAs(tenantId, personId, personId === 'olga' ? ['admin', 'member'] : ['member']);
    const org = new OrgHistory(tenantId);
    await world.publishOrg([
      org.established('Rules'),
      ...['olga', 'tess', 'paula', 'sam', 'bill'].map((id) => org.personJoined(id, id)),
      org.tribeFormed('customer'),
      org.tribeLeadAppointed('customer', 'tess'),
      org.squadFormed('support', 'customer'),
      org.productOwnerAppointed('support', 'paula'),
      org.joinedSquad('paula', 'support'),
      org.joinedSquad('sam', 'support'),
      org.squadFormed('billing', 'customer'),
      org.joinedSquad('bill', 'billing'),
    ]);
    cycleId = uniqueName('q').replace(/_/g, '-');
    await expectEventually(
      async () => {
        const planned = await goalsAs('olga').post('/cycles', {
          cycleId,
          name: 'Q',
          startsOn: new Date(Date.now() - 7 * day).toISOString().slice(0, 10),
          endsOn: new Date(Date.now() + 90 * day).toISOString().slice(0, 10),
        });
        expect([201, 409]).toContain(planned.status);
      },
      { timeoutMs: 60_000, intervalMs: 250 },
    );
    await goalsAs('olga').post(`/cycles/${cycleId}/activate`).expect(200);
    let defined: request.Response | undefined;
    await expectEventually(
      async () => {
        defined = await goalsAs('paula').post('/objectives', {
          cycleId,
          title: 'Customers love our support',
          description: '',
          owner: { kind: 'squad', id: 'support' },
          kind: 'committed',
          visibility: 'public',
        });
        expect(defined.status).toBe(201);
      },
      { timeoutMs: 60_000, intervalMs: 250 },
    );
    objectiveId = String((defined!.body as Body).id);
    keyResultId = await keyResultOn(objectiveId, 'NPS', {
      type: 'number',
      unit: 'pts',
      start: 30,
      target: 50,
      direction: 'increase',
    });
    await goalsAs('paula').post(`/objectives/${objectiveId}/activate`).expect(200);
    path = `/objectives/${objectiveId}/key-results/${keyResultId}/check-ins`;
    await untilCheckinsKnows(as('sam'), objectiveId, keyResultId);
  }, 180_000);

  afterAll(() => world?.dispose());

  it('refuses bad input with 400 naming every field at fault, and changes nothing', async () => {
    const bad = await answer(
      as('sam').post(path, { value: 'high', confidence: 11, note: { progress: 3 }, extra: 1 }),
    );
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.fields as Body)).toEqual(
      expect.arrayContaining(['value', 'confidence', 'note.progress']),
    );
    for (const body of [[], { value: 1, confidence: 5, note: [] }, { value: 1e400 }]) {
      const refused = await answer(as('sam').post(path, body));
      expect(refused.status).toBe(400);
    }
    const notUuid = await answer(
      as('sam').get(`/objectives/nope/key-results/${keyResultId}/check-ins`),
    );
    expect(notUuid.status).toBe(400);
    const history = await answer(as('sam').get(path));
    expect(history.body.checkIns).toEqual([]);
  });

  it('says a key result of a draft objective takes no check-in yet, and refuses one with 409', async () => {
    const draft = await goalsAs('paula')
      .post('/objectives', {
        cycleId,
        title: 'Answer within the hour',
        description: '',
        owner: { kind: 'squad', id: 'support' },
        kind: 'aspirational',
        visibility: 'public',
      })
      .expect(201);
    const draftId = String((draft.body as Body).id);
    const draftKeyResultId = await keyResultOn(draftId, 'First answer time', {
      type: 'number',
      unit: 'min',
      start: 180,
      target: 60,
      direction: 'decrease',
    });
    const draftPath = `/objectives/${draftId}/key-results/${draftKeyResultId}/check-ins`;
    await untilCheckinsKnows(as('sam'), draftId, draftKeyResultId, {
      acceptingCheckIns: false,
    });
    expect((await answer(as('sam').get(draftPath))).body).toMatchObject({
      acceptsCheckIns: false,
      checkIns: [],
    });
    expect((await answer(as('sam').get(path))).body).toMatchObject({ acceptsCheckIns: true });
    const refused = await answer(as('sam').post(draftPath, { value: 150, confidence: 6 }));
    expect(refused).toMatchObject({
      status: 409,
      body: { fields: { keyResult: 'not accepting check-ins' } },
    });
    expect((await answer(as('sam').get(draftPath))).body.checkIns).toEqual([]);
  });

  it('lets only those accountable check in: another squad is refused, an unknown key result is 404', async () => {
    expect((await answer(as('bill').post(path, { value: 31, confidence: 7 }))).status).toBe(403);
    expect((await answer(as('tess').post(path, { value: 31, confidence: 7 }))).status).toBe(403);
    const unknown = await answer(
      as('sam').post(
        `/objectives/${objectiveId}/key-results/0b9d1c8e-3f0a-4c7e-9d51-6a2f00000000/check-ins`,
        { value: 31, confidence: 7 },
      ),
    );
    expect(unknown.status).toBe(404);
  });

  it("reads confidences by the organisation's thresholds, which only an admin sets", async () => {
    expect(
      (
        await answer(
          as('paula').put('/settings/confidence-thresholds', { onTrackFrom: 9, atRiskFrom: 6 }),
        )
      ).status,
    ).toBe(403);
    const inverted = await answer(
      as('olga').put('/settings/confidence-thresholds', { onTrackFrom: 5, atRiskFrom: 6 }),
    );
    expect(inverted).toMatchObject({
      status: 400,
      body: { fields: { thresholds: expect.any(String) } },
    });
    await as('olga')
      .put('/settings/confidence-thresholds', { onTrackFrom: 9, atRiskFrom: 6 })
      .expect(200);
    expect((await answer(as('bill').get('/settings/confidence-thresholds'))).body).toEqual({
      onTrackFrom: 9,
      atRiskFrom: 6,
    });
    await as('sam').post(path, { value: 31, confidence: 8 }).expect(201);
    await expectEventually(async () => {
      const history = await answer(as('sam').get(path));
      expect(history.body.previous).toMatchObject({ confidence: 8, band: 'at-risk' });
    });
  });

  it('lets only the author correct, with a reason, and a stale If-Match is a conflict', async () => {
    const recorded = await as('sam').post(path, { value: 32, confidence: 9 }).expect(201);
    const checkInId = String((recorded.body as Body).checkInId);
    const revision = String(recorded.headers.etag);
    const correction = { value: 33, confidence: 9, reason: 'Counted the March survey twice' };
    expect((await answer(as('paula').put(`${path}/${checkInId}`, correction))).status).toBe(403);
    const noReason = await answer(
      as('sam').put(`${path}/${checkInId}`, { value: 33, confidence: 9 }),
    );
    expect(noReason).toMatchObject({
      status: 400,
      body: { fields: { reason: expect.any(String) } },
    });
    await as('sam')
      .put(`${path}/${checkInId}`)
      .set('If-Match', revision)
      .send(correction)
      .expect(200);
    const stale = await as('sam')
      .put(`${path}/${checkInId}`)
      .set('If-Match', revision)
      .send({ ...correction, value: 34 });
    expect(stale.status).toBe(409);
  });

  it('pauses the cadence of an owner out of office: not overdue, not escalated, streak kept', async () => {
    const now = world.clock.now().getTime();
    const [, next] = dueMoments(defaultCadence('UTC', '2000-01-03'), now, now + 30 * day);
    const away = await answer(
      as('bill').post('/people/sam/out-of-office', {
        from: new Date(now).toISOString(),
        until: new Date(next + day).toISOString(),
      }),
    );
    expect(away.status).toBe(403);
    const declared = await answer(
      as('sam').post('/people/sam/out-of-office', {
        from: new Date(now).toISOString(),
        until: new Date(next + day).toISOString(),
      }),
    );
    expect(declared.status).toBe(201);
    await expectEventually(async () => {
      const spans = await answer(as('bill').get('/people/sam/out-of-office'));
      expect(spans.body.outOfOffice).toHaveLength(1);
    });
    // A week and more on, no check-in: the due moments fell while sam was away.
    world.clock.set(next + 2 * 3600_000);
    await world.checkins.get(CadenceScheduler).tick();
    const agenda = await answer(as('sam').get('/me/agenda'));
    expect(agenda.body.overdue).toEqual([]);
    expect(agenda.body.due).toEqual([
      expect.objectContaining({ keyResultId, standing: { status: 'paused' } }),
    ]);
    const unknownPerson = await answer(
      as('olga').post('/people/nobody/out-of-office', {
        from: new Date(now).toISOString(),
        until: new Date(now + day).toISOString(),
      }),
    );
    expect(unknownPerson.status).toBe(404);
  });
});
