import { randomUUID } from 'node:crypto';
import type { EventStore } from '@rhythm/event-sourcing';
import { goalsStreams } from '@rhythm/goals-domain';
import { TenantId } from '@rhythm/projections';
import { appendAsWritten } from '@rhythm/testing';
import type { Response } from 'supertest';
import { GOALS_EVENT_STORE } from './infrastructure/goals-tokens';
import { startGoalsTestApp, type GoalsTestApp } from './testing/goals-test-app';
import {
  staff,
  staffOrganisation,
  units,
  type StaffedOrganisation,
} from './testing/staffed-organisation';

jest.setTimeout(180_000);

/**
 * An objective whose stream holds an event its fold cannot take (a progress without its value, as
 * a faulty migration might write), over HTTP against the real stack (ADR 0065, 0066): a command
 * or its history answers 503 and changes nothing, to one who may see it; to one who may not, it
 * answers exactly as an unknown id. Time travel on its cycle and every other objective carry on.
 */
describe('an objective whose history holds an event that cannot be read', () => {
  let goals: GoalsTestApp;
  let org: StaffedOrganisation;
  let cycleId: string;
  let secret: { objectiveId: string; keyResultId: string };
  let healthy: { objectiveId: string; keyResultId: string };
  let store: EventStore;
  const startedAt = new Date().toISOString();

  const as = (personId: string) => org.as(personId);
  const progress = (personId: string, objectiveId: string, keyResultId: string) =>
    as(personId).post(`/objectives/${objectiveId}/key-results/${keyResultId}/progress`, {
      value: 10,
    });
  const history = (personId: string, objectiveId: string) =>
    as(personId).get(`/objectives/${objectiveId}/history`);
  const detail = (personId: string, objectiveId: string) =>
    as(personId).get(`/objectives/${objectiveId}`);
  /** The answer with the id asked about and the request's own headers set aside. */
  const answerOf = (response: Response, id: string) => ({
    status: response.status,
    error: (response.body as { error?: string }).error,
    body: response.text
      .replaceAll(id, '<id>')
      .replaceAll(String(response.headers['x-correlation-id']), '<correlation>'),
  });
  const revisionOf = async (objectiveId: string) =>
    (await store.readStream(goalsStreams.objective(TenantId.of(org.tenantId), objectiveId))).length;

  beforeAll(async () => {
    goals = await startGoalsTestApp();
    org = await staffOrganisation(goals);
    store = goals.app.get<EventStore>(GOALS_EVENT_STORE);
    cycleId = await org.okrs.cycle('active');
    secret = await org.okrs.objective({
      cycleId,
      owner: units.squad,
      by: staff.productOwner,
      title: 'Replace the payment provider',
      visibility: 'private',
      keyResultOwner: staff.member,
    });
    healthy = await org.okrs.objective({
      cycleId,
      owner: units.squad,
      by: staff.productOwner,
      keyResultOwner: staff.member,
    });
    const { tenantId } = org;
    await appendAsWritten(
      store,
      tenantId,
      goalsStreams.objective(TenantId.of(tenantId), secret.objectiveId),
      {
        type: 'KeyResultProgressed',
        data: { objectiveId: secret.objectiveId, keyResultId: secret.keyResultId },
      },
    );
  });

  afterAll(async () => {
    await goals?.close();
  });

  it('refuses a command on it with 503, appending nothing, to one who may see it', async () => {
    const before = await revisionOf(secret.objectiveId);
    const refused = await progress(staff.member, secret.objectiveId, secret.keyResultId);
    expect({ status: refused.status, body: refused.body as unknown }).toEqual({
      status: 503,
      body: expect.objectContaining({ error: 'service_unavailable' }),
    });
    expect(refused.headers['retry-after']).toBe('5');
    expect(refused.text).not.toContain('KeyResultProgressed');
    expect(await revisionOf(secret.objectiveId)).toBe(before);
    const audit = await history(staff.productOwner, secret.objectiveId);
    expect(audit.status).toBe(503);
    // The objective's page is read from its stream too (ADR 0067).
    const page = await detail(staff.productOwner, secret.objectiveId);
    expect({ status: page.status, error: (page.body as { error?: string }).error }).toEqual({
      status: 503,
      error: 'service_unavailable',
    });
    expect(page.text).not.toContain('Replace the payment provider');
  });

  it('answers one who may not see it exactly as an unknown id', async () => {
    const unknown = randomUUID();
    for (const [send, name] of [
      [(id: string) => progress(staff.otherSquadMember, id, secret.keyResultId), 'progress'],
      [(id: string) => history(staff.otherSquadMember, id), 'history'],
      [(id: string) => detail(staff.otherSquadMember, id), 'objective'],
    ] as const) {
      const hidden = answerOf(await send(secret.objectiveId), secret.objectiveId);
      expect({ name, ...hidden }).toEqual({ name, ...answerOf(await send(unknown), unknown) });
      expect(hidden.status).toBe(404);
    }
  });

  it('carries on with every other objective and with time travel on the cycle', async () => {
    const recorded = await progress(staff.member, healthy.objectiveId, healthy.keyResultId);
    expect(recorded.status).toBeLessThan(300);
    const page = await detail(staff.productOwner, healthy.objectiveId);
    expect(page.status).toBe(200);
    const current = await as(staff.productOwner).get(`/cycles/${cycleId}/tree`);
    expect(current.status).toBe(200);
    const now = new Date().toISOString();
    const tree = await as(staff.productOwner).get(`/cycles/${cycleId}/tree?asOf=${now}`);
    expect(tree.status).toBe(200);
    const changes = await as(staff.productOwner).get(
      `/cycles/${cycleId}/changes?from=${startedAt}&to=${now}`,
    );
    expect(changes.status).toBe(200);
    expect(JSON.stringify(changes.body)).toContain(secret.objectiveId);
  });
});
