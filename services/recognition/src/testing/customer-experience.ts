import { OrgHistory } from '@rhythm/org-directory/testing';
import { expectEventually, uniqueName } from '@rhythm/testing';
import type request from 'supertest';
import type { HttpClient, RecognitionWorld } from './recognition-world';

export type Body = Record<string, unknown>;

/** The answer's body, once its status is the one expected (the body shows in the failure). */
export const ok = async (call: request.Test, status = 200): Promise<Body> => {
  const response = await call;
  expect({ status: response.status, body: response.body as unknown }).toMatchObject({ status });
  return response.body as Body;
};

/**
 * Issue 10's organisation: the Customer Experience tribe (lead tess) holds the Support squad
 * (product owner pia; sam, who owns the NPS key result; max, who will move to Billing) and the
 * Billing squad (product owner bea; bill), and the Quality chapter (lead nina; cora, who is in
 * Billing too); the Customer Success guild has coordinator carl and member gwen; olga is an
 * admin.
 */
export const customerExperiencePeople = {
  admin: 'olga',
  tribeLead: 'tess',
  productOwner: 'pia',
  owner: 'sam',
  mover: 'max',
  otherLead: 'bea',
  otherMember: 'bill',
  chapterLead: 'nina',
  chapterMember: 'cora',
  coordinator: 'carl',
  guildMember: 'gwen',
} as const;

const names: Readonly<Record<string, string>> = {
  olga: 'Olga Admin',
  tess: 'Tess Tribe',
  pia: 'Pia Product',
  sam: 'Sam Support',
  max: 'Max Mover',
  bea: 'Bea Billing',
  bill: 'Bill Billing',
  nina: 'Nina Quality',
  cora: 'Cora Quality',
  carl: 'Carl Success',
  gwen: 'Gwen Success',
};

export type GoalRef = Readonly<{ objectiveId: string; keyResultId: string }>;

export type CustomerExperience = Readonly<{
  tenantId: string;
  cycleId: string;
  org: OrgHistory;
  recognitionOf: (personId: string) => HttpClient;
  goalsOf: (personId: string) => HttpClient;
  checkinsOf: (personId: string) => HttpClient;
  /**
   * A Support objective with an NPS key result from 30 to 50 points (owned by sam), made and
   * activated in goals; returns once checkins and recognition know it.
   */
  objective: (title: string, visibility: 'public' | 'private') => Promise<GoalRef>;
}>;

const day = 24 * 3600_000;

/**
 * Publishes the organisation on the org topic, opens an active cycle in goals once goals knows
 * the organisation, and waits until recognition knows every person: what the scenario needs
 * before its first objective.
 */
export const plantCustomerExperience = async (
  world: RecognitionWorld,
  tenantId = uniqueName('cx'),
): Promise<CustomerExperience> => {
  const people = customerExperiencePeople;
  const cycleId = uniqueName('q').replace(/_/g, '-');
  const roles = (personId: string) =>
    personId === people.admin ? ['admin', 'member'] : ['member'];
  const recognitionOf = (personId: string) =>
    world.recognitionAs(tenantId, personId, roles(personId));
  const goalsOf = (personId: string) => world.goalsAs(tenantId, personId, roles(personId));
  const checkinsOf = (personId: string) => world.checkinsAs(tenantId, personId, roles(personId));
  const org = new OrgHistory(tenantId);
  await world.publishOrg([
    org.established('Acme Customer Experience'),
    ...Object.values(people).map((personId) => org.personJoined(personId, names[personId])),
    org.tribeFormed('cx', 'Customer Experience'),
    org.tribeLeadAppointed('cx', people.tribeLead),
    org.squadFormed('support', 'cx', 'Support'),
    org.productOwnerAppointed('support', people.productOwner),
    org.joinedSquad(people.productOwner, 'support'),
    org.joinedSquad(people.owner, 'support'),
    org.joinedSquad(people.mover, 'support'),
    org.squadFormed('billing', 'cx', 'Billing'),
    org.productOwnerAppointed('billing', people.otherLead),
    org.joinedSquad(people.otherLead, 'billing'),
    org.joinedSquad(people.otherMember, 'billing'),
    org.joinedSquad(people.chapterMember, 'billing'),
    org.chapterFormed('quality', 'cx', 'Quality'),
    org.chapterLeadAppointed('quality', people.chapterLead),
    org.joinedChapter(people.chapterMember, 'quality', 'cx'),
    org.guildFormed('customer-success', 'Customer Success'),
    org.coordinatorAdded('customer-success', people.coordinator),
    org.joinedGuild(people.guildMember, 'customer-success'),
  ]);
  // Goals learns the organisation from the topic; its admin plans the quarter.
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
  // Recognition learns it from the same topic: everyone may read the settings once known.
  await expectEventually(
    async () => {
      for (const personId of Object.values(people)) {
        const response = await recognitionOf(personId).get('/settings');
        expect({ personId, status: response.status }).toEqual({ personId, status: 200 });
      }
    },
    { timeoutMs: 60_000, intervalMs: 250 },
  );

  const objective = async (title: string, visibility: 'public' | 'private') => {
    const lead = goalsOf(people.productOwner);
    // The product owner's power over Support shows that goals knows every unit and lead.
    const { id } = await expectEventually(
      () =>
        ok(
          lead.post('/objectives', {
            cycleId,
            title,
            description: 'What our customers say of us',
            owner: { kind: 'squad', id: 'support' },
            kind: 'committed',
            visibility,
          }),
          201,
        ),
      { timeoutMs: 60_000, intervalMs: 250 },
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
    const ref = { objectiveId, keyResultId: String(keyResultId) };
    // Checkins knows the objective when its check-ins answer 200.
    await expectEventually(
      async () => {
        const response = await checkinsOf(people.owner).get(
          `/objectives/${objectiveId}/key-results/${ref.keyResultId}/check-ins`,
        );
        expect(response.status).toBe(200);
      },
      { timeoutMs: 60_000, intervalMs: 200 },
    );
    return ref;
  };
  return { tenantId, cycleId, org, recognitionOf, goalsOf, checkinsOf, objective };
};
