import { OrgHistory } from '@rhythm/org-directory/testing';
import { expectEventually, uniqueName } from '@rhythm/testing';
import type request from 'supertest';
import {
  startCheckinsWorld,
  untilCheckinsKnows,
  type CheckinsWorld,
  type HttpClient,
} from './testing/checkins-world';

type Body = Record<string, unknown>;
const ok = async (call: request.Test, status = 200): Promise<Body> => {
  const response = await call;
  expect({ status: response.status, body: response.body as unknown }).toMatchObject({ status });
  return response.body as Body;
};
const day = 24 * 3600_000;

/**
 * Confidence calibration end to end (ADR 0040): check-ins over HTTP, the cycle closed in the
 * goals service (its real process), which scores the key results; the scores reach checkins
 * over the goals topic, and the Brier score of the check-ins is read over HTTP, as of now and as
 * of before the close.
 */
describe('statistics over HTTP: a Brier score from a closed cycle', () => {
  let world: CheckinsWorld;
  const tenantId = uniqueName('stats');
  const cycleId = uniqueName('q').replace(/_/g, '-');
  const people = { admin: 'olga', lead: 'paula', owner: 'sam', outsider: 'bill' };
  let checkinsOf: (personId: string) => HttpClient;
  let goalsOf: (personId: string) => HttpClient;
  let beforeClose: string;

  beforeAll(async () => {
    world = await startCheckinsWorld();
    const roles = (personId: string) =>
      personId === people.admin ? ['admin', 'member'] : ['member'];
    checkinsOf = (personId) => world.checkinsAs(tenantId, personId, roles(personId));
    goalsOf = (personId) => world.goalsAs(tenantId, personId, roles(personId));
    const org = new OrgHistory(tenantId);
    await world.publishOrg([
      org.established('Acme Support'),
      ...Object.values(people).map((personId) => org.personJoined(personId, personId)),
      org.tribeFormed('customer', 'Customer'),
      org.squadFormed('support', 'customer', 'Support'),
      org.productOwnerAppointed('support', people.lead),
      org.joinedSquad(people.lead, 'support'),
      org.joinedSquad(people.owner, 'support'),
      org.squadFormed('billing', 'customer', 'Billing'),
      org.joinedSquad(people.outsider, 'billing'),
    ]);
    const admin = goalsOf(people.admin);
    await expectEventually(
      async () => {
        const response = await admin.post('/cycles', {
          cycleId,
          name: 'This quarter',
          startsOn: new Date(Date.now() - 7 * day).toISOString().slice(0, 10),
          endsOn: new Date(Date.now() + 90 * day).toISOString().slice(0, 10),
        });
        expect([201, 409]).toContain(response.status);
      },
      { timeoutMs: 60_000, intervalMs: 250 },
    );
    await ok(admin.post(`/cycles/${cycleId}/activate`));
  }, 180_000);

  afterAll(() => world?.dispose());

  it('scores each check-in’s confidence against its key result’s final score', async () => {
    const lead = goalsOf(people.lead);
    let objectiveId = '';
    await expectEventually(
      async () => {
        const created = await lead.post('/objectives', {
          cycleId,
          title: 'Customers love our support',
          description: 'What our customers say of us',
          owner: { kind: 'squad', id: 'support' },
          kind: 'aspirational',
          visibility: 'private',
        });
        expect(created.status).toBe(201);
        objectiveId = String((created.body as Body).id);
      },
      { timeoutMs: 60_000, intervalMs: 250 },
    );
    const keyResult = async (title: string, start: number, target: number) =>
      String(
        (
          await ok(
            lead.post(`/objectives/${objectiveId}/key-results`, {
              title,
              metric: { type: 'number', unit: 'pts', start, target, direction: 'increase' },
              owner: people.owner,
            }),
            201,
          )
        ).keyResultId,
      );
    const nps = await keyResult('NPS', 30, 50);
    const csat = await keyResult('CSAT', 0, 100);
    await ok(lead.post(`/objectives/${objectiveId}/activate`));
    await untilCheckinsKnows(checkinsOf(people.owner), objectiveId, nps);
    await untilCheckinsKnows(checkinsOf(people.owner), objectiveId, csat);

    const sam = checkinsOf(people.owner);
    const checkIn = async (keyResultId: string, value: number, confidence: number) => {
      world.clock.set(Date.now());
      await ok(
        sam.post(`/objectives/${objectiveId}/key-results/${keyResultId}/check-ins`, {
          value,
          confidence,
        }),
        201,
      );
    };
    await checkIn(nps, 40, 8);
    await checkIn(nps, 46, 9); // NPS ends at 0.8: achieved.
    await checkIn(csat, 10, 6); // CSAT ends at 0.1: not achieved.
    beforeClose = new Date(Date.now()).toISOString();

    const admin = goalsOf(people.admin);
    await ok(admin.post(`/cycles/${cycleId}/review`));
    await ok(admin.post(`/cycles/${cycleId}/close`));
    world.clock.set(Date.now() + 60_000);

    // (0.8 − 1)² + (0.9 − 1)² + (0.6 − 0)² = 0.41, over 3 check-ins.
    const brier = 0.41 / 3;
    await expectEventually(
      async () => {
        const mine = await ok(sam.get(`/statistics/people/${people.owner}/calibration`));
        expect(mine).toMatchObject({ personId: people.owner, checkIns: 3 });
        expect(mine.brierScore).toBeCloseTo(brier);
        expect(mine.achievedShare).toBeCloseTo(2 / 3);
        expect(mine.byCycle).toEqual([expect.objectContaining({ cycleId, checkIns: 3 })]);
      },
      { timeoutMs: 30_000, intervalMs: 250 },
    );
    const squad = await ok(sam.get(`/statistics/units/squad/support?cycleId=${cycleId}`));
    expect(squad).toMatchObject({ unit: { kind: 'squad', id: 'support' }, keyResults: 2 });
    expect((squad.calibration as Body).brierScore).toBeCloseTo(brier);
    const cycle = await ok(sam.get(`/statistics/cycles/${cycleId}/calibration`));
    expect(cycle.brierScore).toBeCloseTo(brier);

    // Before the close, goals had scored nothing: no forecast could be judged yet.
    const then = await ok(
      sam.get(`/statistics/people/${people.owner}/calibration?asOf=${beforeClose}`),
    );
    expect(then).toMatchObject({ checkIns: 0, brierScore: null });
  });

  it('answers bad input with the fields at fault, unknown units with 404, others’ figures with 403', async () => {
    const sam = checkinsOf(people.owner);
    const bad = await sam.get('/statistics/units/squad/support?asOf=yesterday&weeks=0');
    expect(bad.status).toBe(400);
    expect(Object.keys((bad.body as { fields: Body }).fields).sort()).toEqual(['asOf', 'weeks']);
    const kind = await sam.get('/statistics/units/team/support');
    expect(kind.status).toBe(400);
    expect((kind.body as { fields: Body }).fields).toHaveProperty('unitKind');
    const future = await sam.get(
      `/statistics/units/squad/support?asOf=${new Date(Date.now() + 400 * day).toISOString()}`,
    );
    expect(future.status).toBe(400);
    expect((future.body as { fields: Body }).fields).toHaveProperty('asOf');
    expect((await sam.get('/statistics/units/squad/nowhere')).status).toBe(404);
    expect((await sam.get('/statistics/cycles/no-such-cycle/calibration')).status).toBe(404);
    expect((await sam.get('/statistics/people/nobody/streak')).status).toBe(404);
    const outsider = checkinsOf(people.outsider);
    expect((await outsider.get(`/statistics/people/${people.owner}/calibration`)).status).toBe(403);
    expect(
      (await checkinsOf(people.lead).get(`/statistics/people/${people.owner}/streak`)).status,
    ).toBe(200);
  });
});
