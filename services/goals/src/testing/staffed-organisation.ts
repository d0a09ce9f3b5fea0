import { mintTestToken } from '@rhythm/identity';
import { expectEventually, uniqueName } from '@rhythm/testing';
import request from 'supertest';
import type { App } from 'supertest/types';
import { ORG_DIRECTORY, type OrgDirectory } from '../application/org-directory.port';
import { OrgHistory } from '@rhythm/org-directory/testing';
import { publishToTopic } from '@rhythm/org-directory/testing';
import type { GoalsTestApp } from './goals-test-app';

/**
 * One organisation with every role of docs/security.md filled, on the org topic of a goals test
 * app. Tribe Payments (lead tom) holds squad Checkout (product owner ann; bob), squad Onboarding
 * (product owner otto; eve) and chapter Backend (lead cid; bob); guild Security has coordinator
 * gus and member gina, who joined it herself; olga is an admin (the OKR champion).
 */
export const staff = {
  admin: 'olga',
  tribeLead: 'tom',
  productOwner: 'ann',
  member: 'bob',
  chapterLead: 'cid',
  guildCoordinator: 'gus',
  guildMember: 'gina',
  otherProductOwner: 'otto',
  otherSquadMember: 'eve',
} as const;

export type StaffRole = keyof typeof staff;

export const units = {
  tribe: { kind: 'tribe', id: 'payments' },
  squad: { kind: 'squad', id: 'checkout' },
  otherSquad: { kind: 'squad', id: 'onboarding' },
  chapter: { kind: 'chapter', id: 'backend' },
  guild: { kind: 'guild', id: 'security' },
} as const;

export type StaffedOrganisation = Readonly<{
  tenantId: string;
  /** A bearer token of this person: admin role for the admin, member for everyone else. */
  tokenOf: (personId: string) => string;
  /** A request as this person. */
  as: (personId: string) => GoalsClient;
  /** Cycles and objectives set up over HTTP by the admin and the units' leads. */
  okrs: OkrSetup;
}>;

export type Owner = Readonly<{ kind: string; id?: string }>;

export type ObjectiveSetup = Readonly<{
  cycleId: string;
  owner: Owner;
  /** Who defines it: the owner's lead (default: the admin). */
  by?: string;
  title?: string;
  description?: string;
  visibility?: 'public' | 'private';
  /** Owner of its one key result (default: the one who defines it). */
  keyResultOwner?: string;
  /** Activate it (default: true). */
  activate?: boolean;
}>;

export type OkrSetup = Readonly<{
  /** A cycle moved to this status by the admin. */
  cycle: (status?: 'planning' | 'active' | 'review' | 'closed') => Promise<string>;
  /** An objective with one key result. */
  objective: (setup: ObjectiveSetup) => Promise<{ objectiveId: string; keyResultId: string }>;
  /** Moves a cycle on, as the admin. */
  moveCycle: (cycleId: string, to: 'review' | 'closed') => Promise<void>;
}>;

const ok = async (call: request.Test, status = 200): Promise<Record<string, string>> => {
  const response = await call;
  expect({ status: response.status, body: response.body as unknown }).toMatchObject({ status });
  return response.body as Record<string, string>;
};

export type GoalsClient = Readonly<{
  get: (path: string) => request.Test;
  post: (path: string, body?: object) => request.Test;
  put: (path: string, body?: object) => request.Test;
  patch: (path: string, body?: object) => request.Test;
  delete: (path: string, body?: object) => request.Test;
}>;

/** Publishes the organisation and waits until the goals service's directory knows all of it. */
export const staffOrganisation = async (goals: GoalsTestApp): Promise<StaffedOrganisation> => {
  const tenantId = uniqueName('acme');
  const org = new OrgHistory(tenantId);
  const { tribe, squad, otherSquad, chapter, guild } = units;
  await publishToTopic(goals.kafka, goals.config.ORG_EVENTS_TOPIC, [
    org.established('Acme'),
    ...Object.values(staff).map((personId) => org.personJoined(personId, personId)),
    org.tribeFormed(tribe.id, 'Payments'),
    org.tribeLeadAppointed(tribe.id, staff.tribeLead),
    org.squadFormed(squad.id, tribe.id, 'Checkout'),
    org.productOwnerAppointed(squad.id, staff.productOwner),
    org.joinedSquad(staff.productOwner, squad.id),
    org.joinedSquad(staff.member, squad.id),
    org.squadFormed(otherSquad.id, tribe.id, 'Onboarding'),
    org.productOwnerAppointed(otherSquad.id, staff.otherProductOwner),
    org.joinedSquad(staff.otherProductOwner, otherSquad.id),
    org.joinedSquad(staff.otherSquadMember, otherSquad.id),
    org.chapterFormed(chapter.id, tribe.id, 'Backend'),
    org.chapterLeadAppointed(chapter.id, staff.chapterLead),
    org.joinedChapter(staff.member, chapter.id, tribe.id),
    org.guildFormed(guild.id, 'Security'),
    org.coordinatorAdded(guild.id, staff.guildCoordinator),
    org.joinedGuild(staff.guildMember, guild.id),
  ]);
  const directory = goals.app.get<OrgDirectory>(ORG_DIRECTORY);
  await expectEventually(
    async () => {
      const [bob, gina, ann, tom, cid, gus, otto] = await Promise.all(
        [
          staff.member,
          staff.guildMember,
          staff.productOwner,
          staff.tribeLead,
          staff.chapterLead,
          staff.guildCoordinator,
          staff.otherProductOwner,
        ].map((personId) => directory.person(tenantId, personId)),
      );
      expect(bob).toMatchObject({ squadId: squad.id, chapterId: chapter.id });
      expect(gina?.guildIds).toEqual([guild.id]);
      expect(ann?.leads).toEqual([squad]);
      expect(tom?.leads).toEqual([tribe]);
      expect(cid?.leads).toEqual([chapter]);
      expect(gus?.leads).toEqual([guild]);
      expect(otto?.leads).toEqual([otherSquad]);
      expect(
        await directory.ownerExists(tenantId, { kind: 'person', id: staff.otherSquadMember }),
      ).toBe(true);
      expect(await directory.ownerExists(tenantId, { kind: 'person', id: staff.admin })).toBe(true);
    },
    { timeoutMs: 60_000, intervalMs: 200 },
  );
  const tokenOf = (personId: string) =>
    `Bearer ${mintTestToken({
      sub: personId,
      tenant: tenantId,
      roles: personId === staff.admin ? ['admin', 'member'] : ['member'],
    })}`;
  const http: App = goals.app.getHttpServer();
  const as = (personId: string): GoalsClient => {
    const authorised = (call: request.Test) => call.set('Authorization', tokenOf(personId));
    const withBody = (call: request.Test, body: object | undefined) =>
      body === undefined ? authorised(call) : authorised(call).send(body);
    return {
      get: (path) => authorised(request(http).get(path)),
      post: (path, body) => withBody(request(http).post(path), body),
      put: (path, body) => withBody(request(http).put(path), body),
      patch: (path, body) => withBody(request(http).patch(path), body),
      delete: (path, body) => withBody(request(http).delete(path), body),
    };
  };
  const admin = as(staff.admin);
  const moveCycle = async (cycleId: string, to: 'review' | 'closed') => {
    await ok(admin.post(`/cycles/${cycleId}/review`));
    if (to === 'closed') await ok(admin.post(`/cycles/${cycleId}/close`));
  };
  const okrs: OkrSetup = {
    cycle: async (status = 'active') => {
      const cycleId = uniqueName('q').replace(/_/g, '-');
      await ok(
        admin.post('/cycles', {
          cycleId,
          name: cycleId,
          startsOn: '2026-01-01',
          endsOn: '2026-03-31',
        }),
        201,
      );
      if (status === 'planning') return cycleId;
      await ok(admin.post(`/cycles/${cycleId}/activate`));
      if (status !== 'active') await moveCycle(cycleId, status);
      return cycleId;
    },
    objective: async ({
      cycleId,
      owner,
      by = staff.admin,
      title = 'Replace the payment provider',
      description = 'Move every card payment to the new provider before the contract ends',
      visibility = 'public',
      keyResultOwner = by,
      activate = true,
    }) => {
      const lead = as(by);
      const { id: objectiveId } = await ok(
        lead.post('/objectives', {
          cycleId,
          title,
          description,
          owner,
          kind: 'committed',
          visibility,
        }),
        201,
      );
      const { keyResultId } = await ok(
        lead.post(`/objectives/${objectiveId}/key-results`, {
          title: 'Card payments on the new provider',
          metric: { type: 'percentage', unit: '%', start: 0, target: 100, direction: 'increase' },
          owner: keyResultOwner,
        }),
        201,
      );
      if (activate) await ok(lead.post(`/objectives/${objectiveId}/activate`));
      return { objectiveId, keyResultId };
    },
    moveCycle,
  };
  return { tenantId, tokenOf, as, okrs };
};
