import { OrgHistory } from '@rhythm/org-directory/testing';
import { expectEventually, uniqueName } from '@rhythm/testing';
import type request from 'supertest';
import type { CheckinsWorld, HttpClient } from './checkins-world';

export type Body = Record<string, unknown>;

/** The answer's body, once its status is the one expected (the body shows in the failure). */
export const ok = async (call: request.Test, status = 200): Promise<Body> => {
  const response = await call;
  expect({ status: response.status, body: response.body as unknown }).toMatchObject({ status });
  return response.body as Body;
};

/**
 * The organisation of issue 9's scripted week: tribe Customer (lead tess) holds squad Support
 * (product owner paula; sam) and squad Billing (product owner bea; bill, gwen); guild Customer
 * Success has coordinator carl and member gwen; olga is an admin.
 */
export const supportTribePeople = {
  admin: 'olga',
  tribeLead: 'tess',
  lead: 'paula',
  owner: 'sam',
  otherLead: 'bea',
  otherMember: 'bill',
  coordinator: 'carl',
  guildMember: 'gwen',
} as const;

export type GoalRef = Readonly<{ objectiveId: string; keyResultId: string }>;

export type SupportTribe = Readonly<{
  tenantId: string;
  cycleId: string;
  checkinsOf: (personId: string) => HttpClient;
  goalsOf: (personId: string) => HttpClient;
  /** A Support objective with one key result (owned by sam), made and activated in goals. */
  objective: (title: string, visibility: 'public' | 'private') => Promise<GoalRef>;
}>;

const day = 24 * 3600_000;

/**
 * Publishes the organisation on the org topic, waits until goals knows it, and opens an active
 * cycle in goals: what a spec of the checkins service needs before its first objective.
 */
export const plantSupportTribe = async (
  world: CheckinsWorld,
  tenantId = uniqueName('support'),
): Promise<SupportTribe> => {
  const people = supportTribePeople;
  const cycleId = uniqueName('q').replace(/_/g, '-');
  const roles = (personId: string) =>
    personId === people.admin ? ['admin', 'member'] : ['member'];
  const checkinsOf = (personId: string) => world.checkinsAs(tenantId, personId, roles(personId));
  const goalsOf = (personId: string) => world.goalsAs(tenantId, personId, roles(personId));
  const org = new OrgHistory(tenantId);
  await world.publishOrg([
    org.established('Acme Support'),
    ...Object.values(people).map((personId) => org.personJoined(personId, personId)),
    org.tribeFormed('customer', 'Customer'),
    org.tribeLeadAppointed('customer', people.tribeLead),
    org.squadFormed('support', 'customer', 'Support'),
    org.productOwnerAppointed('support', people.lead),
    org.joinedSquad(people.lead, 'support'),
    org.joinedSquad(people.owner, 'support'),
    org.squadFormed('billing', 'customer', 'Billing'),
    org.productOwnerAppointed('billing', people.otherLead),
    org.joinedSquad(people.otherMember, 'billing'),
    org.joinedSquad(people.guildMember, 'billing'),
    org.guildFormed('customer-success', 'Customer Success'),
    org.coordinatorAdded('customer-success', people.coordinator),
    org.joinedGuild(people.guildMember, 'customer-success'),
  ]);
  // Goals learns the organisation from the same topic; its admin plans the quarter.
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
  // The product owner's power over Support shows that goals knows every unit and lead.
  await expectEventually(
    async () => {
      const response = await goalsOf(people.lead).post('/objectives', {
        cycleId,
        title: 'Probe',
        description: '',
        owner: { kind: 'squad', id: 'support' },
        kind: 'committed',
        visibility: 'private',
      });
      expect(response.status).toBe(201);
    },
    { timeoutMs: 60_000, intervalMs: 250 },
  );
  const objective = async (title: string, visibility: 'public' | 'private') => {
    const lead = goalsOf(people.lead);
    const { id } = await ok(
      lead.post('/objectives', {
        cycleId,
        title,
        description: 'What our customers say of us',
        owner: { kind: 'squad', id: 'support' },
        kind: 'committed',
        visibility,
      }),
      201,
    );
    const objectiveId = String(id);
    const { keyResultId } = await ok(
      lead.post(`/objectives/${objectiveId}/key-results`, {
        title: 'NPS',
        metric: { type: 'number', unit: 'pts', start: 30, target: 50, direction: 'increase' },
        owner: people.owner,
      }),
      201,
    );
    await ok(lead.post(`/objectives/${objectiveId}/activate`));
    return { objectiveId, keyResultId: String(keyResultId) };
  };
  return { tenantId, cycleId, checkinsOf, goalsOf, objective };
};
