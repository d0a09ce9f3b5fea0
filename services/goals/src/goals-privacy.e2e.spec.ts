import { randomUUID } from 'node:crypto';
import { expectEventually } from '@rhythm/testing';
import type { Response } from 'supertest';
import { startGoalsTestApp, type GoalsTestApp } from './testing/goals-test-app';
import {
  staff,
  staffOrganisation,
  units,
  type GoalsClient,
  type StaffedOrganisation,
} from './testing/staffed-organisation';

jest.setTimeout(180_000);

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** A request about one object, sent as one person: the same request for a hidden and an unknown id. */
type Probe = Readonly<{
  name: string;
  send: (client: GoalsClient, id: string) => Promise<Response>;
}>;

const secretTitle = 'Replace the payment provider';
const secretDescription = 'Quietly move every card payment to Brightpay before the contract ends';
const guildTitle = 'Shortlist the penetration testers';

/**
 * What tells two answers apart once the id asked about is set aside: the status, the bytes of the
 * body and every header but the ones that differ for any two requests (date, correlation id, and
 * Express's weak ETag of a GET's body, a hash of those very bytes). A revision ETag never shows.
 */
const answerOf = (response: Response, id: string) => {
  const correlationId = response.headers['x-correlation-id'];
  const {
    date: _date,
    'x-correlation-id': _correlation,
    etag,
    ...headers
  } = response.headers as Record<string, string | undefined>;
  return {
    status: response.status,
    headers,
    etag: etag === undefined ? 'none' : etag.startsWith('W/') ? 'hash of the body' : etag,
    body: response.text.replaceAll(id, '<id>').replaceAll(String(correlationId), '<correlation>'),
  };
};

/**
 * Finding 1 and 2 of issue 8, over HTTP against the real stack: a private objective (and what
 * hangs from it) answers, to everyone who may not see it, exactly as an id that does not exist —
 * reads, writes, errors, lists, trees, histories and time travel alike.
 */
describe('Private means private, over HTTP', () => {
  let goals: GoalsTestApp;
  let org: StaffedOrganisation;
  let cycleId: string;
  let startedAt: string;
  /** Checkout's private objective; bob owns its key result. */
  let secret: { objectiveId: string; keyResultId: string };
  /** Checkout's public objective, aligned under the private one by its product owner. */
  let child: { objectiveId: string; keyResultId: string };
  /** The security guild's private objective. */
  let guildSecret: { objectiveId: string; keyResultId: string };
  /** Onboarding's public objective, its product owner's to align. */
  let onboarding: { objectiveId: string; keyResultId: string };
  /** Bob's proposal of a key result for the private objective. */
  let proposalId: string;
  /** The probed objective's revision now: what an If-Match could probe for. */
  let probedRevision = 0;
  const ambitionOf = new Map<string, string>();

  const as = (personId: string) => org.as(personId);
  const ok = async (call: Promise<Response>, status = 200): Promise<Json> => {
    const response = await call;
    expect({ status: response.status, body: response.body as unknown }).toMatchObject({ status });
    return response.body as Json;
  };
  const revealsNothing = (answer: unknown, ...secrets: string[]) => {
    const text = JSON.stringify(answer);
    for (const hidden of secrets) expect(text).not.toContain(hidden);
  };

  beforeAll(async () => {
    goals = await startGoalsTestApp();
    org = await staffOrganisation(goals);
    startedAt = new Date().toISOString();
    cycleId = await org.okrs.cycle('active');
    secret = await org.okrs.objective({
      cycleId,
      owner: units.squad,
      by: staff.productOwner,
      title: secretTitle,
      description: secretDescription,
      visibility: 'private',
      keyResultOwner: staff.member,
    });
    child = await org.okrs.objective({
      cycleId,
      owner: units.squad,
      by: staff.productOwner,
      title: 'Effortless checkout',
    });
    await ok(
      as(staff.productOwner).post(`/objectives/${child.objectiveId}/alignments`, {
        parentObjectiveId: secret.objectiveId,
      }),
      201,
    );
    guildSecret = await org.okrs.objective({
      cycleId,
      owner: units.guild,
      by: staff.guildCoordinator,
      title: guildTitle,
      visibility: 'private',
    });
    onboarding = await org.okrs.objective({
      cycleId,
      owner: units.otherSquad,
      by: staff.otherProductOwner,
      title: 'Faster onboarding',
    });
    // An admin has the guild follow it: a guild's coordinator may not know of it.
    await ok(as(staff.admin).put(`/objectives/${secret.objectiveId}/followers/${units.guild.id}`));
    ({ id: proposalId } = await ok(
      as(staff.member).post('/proposals/key-results', {
        objectiveId: secret.objectiveId,
        draft: {
          title: 'Refunds on the new provider',
          metric: { type: 'percentage', unit: '%', start: 0, target: 100, direction: 'increase' },
          owner: staff.member,
        },
      }),
      201,
    ));
    for (const personId of Object.values(staff)) {
      const { id } = await ok(
        as(personId).post('/people/me/ambitions', { kind: 'growth', title: 'Learn payments' }),
        201,
      );
      ambitionOf.set(personId, String(id));
    }
    // The read side has caught up when the product owner sees all of it.
    await expectEventually(
      async () => {
        const history = await ok(
          as(staff.productOwner).get(`/objectives/${child.objectiveId}/history`),
        );
        expect(JSON.stringify(history)).toContain(secret.objectiveId);
        await ok(as(staff.member).get(`/proposals/${proposalId}`));
        await ok(as(staff.guildCoordinator).get(`/objectives/${guildSecret.objectiveId}`));
        const detail = await ok(as(staff.productOwner).get(`/objectives/${secret.objectiveId}`));
        expect(detail.followers).toEqual([units.guild.id]);
      },
      { timeoutMs: 60_000, intervalMs: 200 },
    );
  });

  afterAll(async () => {
    await goals?.close();
  });

  /** Every request that is about one objective, read or write, as one person would send it. */
  const aboutObjective = (viewer: string, keyResultId: () => string): Probe[] => {
    const kr = (id: string) => `/objectives/${id}/key-results/${keyResultId()}`;
    const draft = {
      title: 'Chargebacks on the new provider',
      metric: { type: 'percentage', unit: '%', start: 0, target: 100, direction: 'increase' },
      owner: viewer,
    };
    const probe = (name: string, send: Probe['send']): Probe => ({ name, send });
    return [
      probe('read it', (c, id) => c.get(`/objectives/${id}`)),
      probe('read its history', (c, id) => c.get(`/objectives/${id}/history`)),
      probe('read a key result’s history', (c, id) => c.get(`${kr(id)}/history`)),
      probe('rename it', (c, id) => c.patch(`/objectives/${id}`, { title: 'Mine now' })),
      probe('rename it at its revision', (c, id) =>
        c.patch(`/objectives/${id}`, { title: 'Mine now' }).set('If-Match', `"${probedRevision}"`),
      ),
      probe('rename it at revision 0', (c, id) =>
        c.patch(`/objectives/${id}`, { title: 'Mine now' }).set('If-Match', '"0"'),
      ),
      probe('activate it', (c, id) => c.post(`/objectives/${id}/activate`)),
      probe('hand it over', (c, id) =>
        c.put(`/objectives/${id}/owner`, { owner: units.otherSquad }),
      ),
      probe('make it public', (c, id) =>
        c.put(`/objectives/${id}/visibility`, { visibility: 'public' }),
      ),
      probe('write a review note', (c, id) =>
        c.post(`/objectives/${id}/review-notes`, { stage: 'mid-cycle', text: 'On track' }),
      ),
      probe('write its retrospective', (c, id) =>
        c.put(`/objectives/${id}/retrospective`, {
          wentWell: 'a',
          learned: 'b',
          doDifferently: 'c',
        }),
      ),
      probe('score it', (c, id) => c.post(`/objectives/${id}/score`)),
      probe('abandon it', (c, id) => c.post(`/objectives/${id}/abandon`, { reason: 'Not ours' })),
      probe('add a key result', (c, id) => c.post(`/objectives/${id}/key-results`, draft)),
      probe('rename a key result', (c, id) => c.patch(kr(id), { title: 'Renamed' })),
      probe('lower a target', (c, id) =>
        c.put(`${kr(id)}/target`, { target: 50, reason: 'Too ambitious' }),
      ),
      probe('take a key result over', (c, id) => c.put(`${kr(id)}/owner`, { owner: viewer })),
      probe('reweigh a key result', (c, id) => c.put(`${kr(id)}/weight`, { weight: 2 })),
      probe('drop a key result', (c, id) => c.delete(kr(id), { reason: 'Not needed' })),
      probe('record progress', (c, id) => c.post(`${kr(id)}/progress`, { value: 10 })),
      probe('record progress at its revision', (c, id) =>
        c.post(`${kr(id)}/progress`, { value: 10 }).set('If-Match', `"${probedRevision}"`),
      ),
      probe('override a score', (c, id) =>
        c.put(`${kr(id)}/score`, { score: 0.5, reason: 'Half done' }),
      ),
      probe('align it under a public objective', (c, id) =>
        c.post(`/objectives/${id}/alignments`, { parentObjectiveId: child.objectiveId }),
      ),
      probe('unalign it', (c, id) => c.delete(`/objectives/${id}/alignments/${child.objectiveId}`)),
      probe('align one’s own objective under it', (c, id) =>
        c.post(`/objectives/${onboarding.objectiveId}/alignments`, { parentObjectiveId: id }),
      ),
      probe('align a public objective it is the parent of under it again', (c, id) =>
        c.post(`/objectives/${child.objectiveId}/alignments`, { parentObjectiveId: id }),
      ),
      probe('unalign a public objective from it', (c, id) =>
        c.delete(`/objectives/${child.objectiveId}/alignments/${id}`),
      ),
      probe('follow it for the guild', (c, id) =>
        c.put(`/objectives/${id}/followers/${units.guild.id}`),
      ),
      probe('unfollow it for the guild', (c, id) =>
        c.delete(`/objectives/${id}/followers/${units.guild.id}`),
      ),
      probe('enlist as contributor', (c, id) => c.put(`/objectives/${id}/contributors/${viewer}`)),
      probe('step back as contributor', (c, id) =>
        c.delete(`/objectives/${id}/contributors/${viewer}`),
      ),
      probe('propose a key result for it', (c, id) =>
        c.post('/proposals/key-results', { objectiveId: id, draft }),
      ),
      probe('link an ambition to it', (c, id) =>
        c.post(`/people/me/ambitions/${ambitionOf.get(viewer)}/links`, { objectiveId: id }),
      ),
      probe('link an ambition to its key result', (c, id) =>
        c.post(`/people/me/ambitions/${ambitionOf.get(viewer)}/links`, {
          objectiveId: id,
          keyResultId: keyResultId(),
        }),
      ),
    ];
  };

  /** Every request about a proposal, here one for a key result of the private objective. */
  const aboutProposal = (viewer: string): Probe[] => {
    const probe = (name: string, send: Probe['send']): Probe => ({ name, send });
    return [
      probe('read the proposal', (c, id) => c.get(`/proposals/${id}`)),
      probe('comment on it', (c, id) => c.post(`/proposals/${id}/comments`, { text: 'Why?' })),
      probe('suggest a change', (c, id) =>
        c.post(`/proposals/${id}/suggestions`, { text: 'Aim lower' }),
      ),
      probe('revise it', (c, id) =>
        c.post(`/proposals/${id}/revisions`, {
          keyResult: {
            title: 'Refunds too',
            metric: { type: 'percentage', unit: '%', start: 0, target: 90, direction: 'increase' },
            owner: viewer,
          },
        }),
      ),
      probe('resubmit it', (c, id) => c.post(`/proposals/${id}/resubmit`)),
      probe('approve it', (c, id) => c.post(`/proposals/${id}/approve`)),
      probe('return it', (c, id) => c.post(`/proposals/${id}/return`, { reason: 'Not now' })),
      probe('withdraw it', (c, id) => c.post(`/proposals/${id}/withdraw`, { reason: 'Mine' })),
    ];
  };

  /** The revision of an objective now, as its lead reads it from a change that changes nothing. */
  const revisionOf = async (objectiveId: string, lead: string): Promise<number> => {
    const unchanged = await as(lead).put(`/objectives/${objectiveId}/visibility`, {
      visibility: 'private',
    });
    expect(unchanged.status).toBe(200);
    return Number(JSON.parse(unchanged.headers.etag));
  };

  const expectAnswersAsUnknown = async (
    viewer: string,
    probes: readonly Probe[],
    hiddenId: string,
  ) => {
    const unknownId = randomUUID();
    const client = as(viewer);
    for (const { name, send } of probes) {
      const hidden = answerOf(await send(client, hiddenId), hiddenId);
      const unknown = answerOf(await send(client, unknownId), unknownId);
      expect({ viewer, request: name, ...hidden }).toEqual({ viewer, request: name, ...unknown });
      revealsNothing(hidden.body, secretTitle, secretDescription, guildTitle);
    }
  };

  describe('a private squad objective, to everyone who may not see it', () => {
    beforeEach(async () => {
      probedRevision = await revisionOf(secret.objectiveId, staff.productOwner);
    });

    it.each([
      ['a member of another squad', staff.otherSquadMember],
      ['the product owner of another squad', staff.otherProductOwner],
      ['a member of a guild that follows it', staff.guildMember],
      ['the coordinator of a guild that follows it', staff.guildCoordinator],
      ['the lead of another chapter of the tribe', staff.chapterLead],
    ])('answers %s exactly as an unknown id, read or write', async (_, viewer) => {
      await expectAnswersAsUnknown(
        viewer,
        aboutObjective(viewer, () => secret.keyResultId),
        secret.objectiveId,
      );
    });

    it('answers every request about a proposal for it as an unknown proposal', async () => {
      for (const viewer of [staff.otherSquadMember, staff.otherProductOwner, staff.guildMember]) {
        await expectAnswersAsUnknown(viewer, aboutProposal(viewer), proposalId);
      }
    });

    it('is not found, as it was, after a person tried to enlist as its contributor', async () => {
      const eve = as(staff.otherSquadMember);
      expect(
        (await eve.put(`/objectives/${secret.objectiveId}/contributors/${staff.otherSquadMember}`))
          .status,
      ).toBe(404);
      expect((await eve.get(`/objectives/${secret.objectiveId}`)).status).toBe(404);
      const detail = await ok(as(staff.productOwner).get(`/objectives/${secret.objectiveId}`));
      expect(detail.contributors).toEqual([]);
    });
  });

  describe('a private guild objective', () => {
    it('answers a member of the guild exactly as an unknown id, and shows it to its coordinator', async () => {
      probedRevision = await revisionOf(guildSecret.objectiveId, staff.guildCoordinator);
      await expectAnswersAsUnknown(
        staff.guildMember,
        aboutObjective(staff.guildMember, () => guildSecret.keyResultId),
        guildSecret.objectiveId,
      );
      expect(
        await ok(as(staff.guildCoordinator).get(`/objectives/${guildSecret.objectiveId}`)),
      ).toMatchObject({
        title: guildTitle,
      });
    });
  });

  describe('who sees it', () => {
    it('shows it to its squad, its product owner, the lead of its tribe and admins', async () => {
      for (const viewer of [staff.productOwner, staff.member, staff.tribeLead, staff.admin]) {
        expect({
          viewer,
          ...(await ok(as(viewer).get(`/objectives/${secret.objectiveId}`))),
        }).toMatchObject({
          viewer,
          title: secretTitle,
          description: secretDescription,
        });
      }
    });

    it('lets nobody who sees it list themselves on it, and its lead list them', async () => {
      const refused = await as(staff.tribeLead).put(
        `/objectives/${secret.objectiveId}/contributors/${staff.tribeLead}`,
      );
      expect({ status: refused.status, error: refused.body.error }).toEqual({
        status: 403,
        error: 'forbidden',
      });
      revealsNothing(refused.body, secretTitle);
      await ok(
        as(staff.productOwner).put(
          `/objectives/${secret.objectiveId}/contributors/${staff.otherSquadMember}`,
        ),
      );
      await expectEventually(async () => {
        expect(
          await ok(as(staff.otherSquadMember).get(`/objectives/${secret.objectiveId}`)),
        ).toMatchObject({ title: secretTitle });
      });
      await ok(
        as(staff.otherSquadMember).delete(
          `/objectives/${secret.objectiveId}/contributors/${staff.otherSquadMember}`,
        ),
      );
      await expectEventually(async () => {
        expect(
          (await as(staff.otherSquadMember).get(`/objectives/${secret.objectiveId}`)).status,
        ).toBe(404);
      });
    });

    it('names no private title in a refusal to one who sees it', async () => {
      const progress = await as(staff.tribeLead).post(
        `/objectives/${secret.objectiveId}/key-results/${secret.keyResultId}/progress`,
        { value: 10 },
      );
      expect(progress.status).toBe(403);
      expect(progress.body.message).toBe(
        `Only the owner of key result ${secret.keyResultId}, contributors, the objective's lead or an admin can record its progress`,
      );
      const follow = await as(staff.admin).put(
        `/objectives/${secret.objectiveId}/followers/${units.guild.id}`,
      );
      expect(follow.status).toBe(409);
      expect(follow.body.message).toBe(
        `Guild ${units.guild.id} already follows objective ${secret.objectiveId}`,
      );
    });
  });

  describe('lists, trees, histories and time travel, as one who may not see it', () => {
    const hidden = () => [secret.objectiveId, secretTitle, secretDescription, proposalId];

    it('leaves it out of the public objective aligned under it, and out of its history', async () => {
      const eve = as(staff.otherSquadMember);
      const detail = await ok(eve.get(`/objectives/${child.objectiveId}`));
      expect(detail.parents).toEqual([]);
      const history = (await ok(eve.get(`/objectives/${child.objectiveId}/history`))) as Json[];
      expect(history.map((entry): unknown => entry.eventType)).not.toContain('ObjectiveAligned');
      revealsNothing([detail, history], ...hidden());
      const forLead = (await ok(
        as(staff.productOwner).get(`/objectives/${child.objectiveId}/history`),
      )) as Json[];
      expect(forLead.map((entry): unknown => entry.eventType)).toContain('ObjectiveAligned');
    });

    it('leaves it out of the tree, the unit’s and the person’s OKRs, coverage and scores', async () => {
      for (const viewer of [staff.otherSquadMember, staff.otherProductOwner, staff.guildMember]) {
        const client = as(viewer);
        const tree = await ok(client.get(`/cycles/${cycleId}/tree`));
        expect(tree.roots).toContain(child.objectiveId);
        revealsNothing(tree, ...hidden(), guildSecret.objectiveId, guildTitle);
        revealsNothing(
          [
            await ok(client.get(`/units/squad/${units.squad.id}/objectives`)),
            await ok(client.get(`/units/guild/${units.guild.id}/objectives`)),
            await ok(client.get(`/people/${staff.member}/okrs`)),
            await ok(client.get('/people/me/okrs')),
            await ok(client.get(`/cycles/${cycleId}/alignment-coverage`)),
            await ok(client.get(`/cycles/${cycleId}/scores`)),
            await ok(client.get(`/proposals?kind=squad&unitId=${units.squad.id}`)),
            await ok(client.get('/proposals')),
          ],
          ...hidden(),
          guildSecret.objectiveId,
          guildTitle,
        );
      }
      const forTribeLead = await ok(as(staff.tribeLead).get(`/cycles/${cycleId}/tree`));
      expect(JSON.stringify(forTribeLead)).toContain(secretTitle);
    });

    it('leaves it out of the tree as it stood, and of what changed', async () => {
      const now = new Date().toISOString();
      const changes = `/cycles/${cycleId}/changes?from=${startedAt}&to=${now}`;
      for (const viewer of [staff.otherSquadMember, staff.guildMember]) {
        const client = as(viewer);
        revealsNothing(
          [
            await ok(client.get(`/cycles/${cycleId}/tree?asOf=${now}`)),
            await ok(client.get(changes)),
          ],
          ...hidden(),
          guildSecret.objectiveId,
          guildTitle,
        );
      }
      const forLead = await ok(as(staff.productOwner).get(changes));
      expect(JSON.stringify(forLead)).toContain(secret.objectiveId);
    });
  });
});
