import { randomUUID } from 'node:crypto';
import type { EventStore } from '@rhythm/event-sourcing';
import { appendAsWritten, expectEventually } from '@rhythm/testing';
import { checkinsStreams } from './checkins-domain';
import { CHECKINS_EVENT_STORE } from './infrastructure/checkins-tokens';
import {
  startCheckinsWorld,
  untilCheckinsKnows,
  type CheckinsWorld,
  type HttpClient,
} from './testing/checkins-world';
import {
  ok,
  plantSupportTribe,
  supportTribePeople as people,
  type Body,
  type GoalRef,
  type SupportTribe,
} from './testing/support-tribe';

const unknownId = '0b9d1c8e-3f0a-4c7e-9d51-6a2f00000000';

/**
 * Feedback loops of issue 9 over HTTP: comments and reactions on check-ins and blockers, edits
 * and tombstoned deletes, a guild member's insight on an objective the guild follows in the guild's
 * feed, and a private objective's threads kept from another squad's member as unknown ids. The
 * checkins service runs in-process, goals as its real process, org events over the org topic.
 */
describe('comments, reactions and guild insights', () => {
  let world: CheckinsWorld;
  let tribe: SupportTribe;
  let checkinsOf: (personId: string) => HttpClient;
  let nps: GoalRef;
  let secret: GoalRef;
  let unfollowed: GoalRef;
  let checkIn: string;
  let secretCheckIn: string;

  const checkInPath = (goal: GoalRef, checkInId: string) =>
    `/objectives/${goal.objectiveId}/key-results/${goal.keyResultId}/check-ins/${checkInId}`;
  const recordCheckIn = async (goal: GoalRef, value: number): Promise<string> => {
    const recorded = await ok(
      checkinsOf(people.owner).post(
        `/objectives/${goal.objectiveId}/key-results/${goal.keyResultId}/check-ins`,
        { value, confidence: 6, note: { progress: 'A better week' } },
      ),
      201,
    );
    return String(recorded.checkInId);
  };
  const thread = async (client: HttpClient, path: string) => ok(client.get(`${path}/comments`));
  /** A blocker the owner raises on the private objective, waiting on the payments vendor. */
  const secretBlocker = async (description: string): Promise<string> => {
    const { id } = await ok(
      checkinsOf(people.owner).post('/blockers', {
        target: { kind: 'objective', objectiveId: secret.objectiveId },
        description,
        waitsOn: { kind: 'outside', name: 'the payments vendor' },
      }),
      201,
    );
    return String(id);
  };
  const comments = (body: Body) => body.comments as Body[];

  beforeAll(async () => {
    world = await startCheckinsWorld();
    tribe = await plantSupportTribe(world);
    checkinsOf = tribe.checkinsOf;
    nps = await tribe.objective('Customers love our support', 'public');
    secret = await tribe.objective('Quietly fix the refund backlog', 'private');
    unfollowed = await tribe.objective('Answer within the hour', 'public');
    await ok(
      tribe
        .goalsOf(people.coordinator)
        .put(`/objectives/${nps.objectiveId}/followers/customer-success`),
    );
    for (const goal of [nps, secret, unfollowed]) {
      await untilCheckinsKnows(checkinsOf(people.owner), goal.objectiveId, goal.keyResultId);
    }
    checkIn = await recordCheckIn(nps, 32);
    secretCheckIn = await recordCheckIn(secret, 31);
  }, 180_000);

  afterAll(() => world?.dispose());

  it('takes comments and reactions on a check-in, at once after the check-in', async () => {
    const path = checkInPath(nps, checkIn);
    const paula = checkinsOf(people.lead);
    const sam = checkinsOf(people.owner);
    const posted = await ok(paula.post(`${path}/comments`, { text: '  Good start, Sam  ' }), 201);
    const commentId = String(posted.id);
    expect(posted.revision).toBe(0);
    await ok(sam.put(`${path}/reactions/thumbs-up`));
    await ok(sam.put(`${path}/comments/${commentId}/reactions/thanks`));
    // A second 👍 from the same person adds nothing: the thread's revision stays.
    const again = await ok(sam.put(`${path}/reactions/thumbs-up`));
    expect(again.revision).toBe(2);
    await ok(checkinsOf(people.tribeLead).put(`${path}/reactions/thumbs-up`));
    await expectEventually(async () => {
      const body = await thread(sam, path);
      expect(body.target).toEqual({ kind: 'check-in', ...nps, checkInId: checkIn });
      expect(body.reactions).toEqual({ 'thumbs-up': [people.owner, people.tribeLead] });
      expect(comments(body)).toEqual([
        expect.objectContaining({
          commentId,
          authorId: people.lead,
          text: 'Good start, Sam',
          deleted: false,
          reactions: { thanks: [people.owner] },
        }),
      ]);
    });
    await ok(checkinsOf(people.tribeLead).delete(`${path}/reactions/thumbs-up`));
    await expectEventually(async () => {
      expect((await thread(sam, path)).reactions).toEqual({ 'thumbs-up': [people.owner] });
    });
  });

  it('lets only the author edit, and the author or the lead delete as a tombstone', async () => {
    const path = checkInPath(nps, checkIn);
    const sam = checkinsOf(people.owner);
    const paula = checkinsOf(people.lead);
    const bill = checkinsOf(people.otherMember);
    const { id } = await ok(sam.post(`${path}/comments`, { text: 'The FAQ helped a lot' }), 201);
    const commentId = String(id);
    expect((await bill.put(`${path}/comments/${commentId}`, { text: 'Mine now' })).status).toBe(
      403,
    );
    await ok(sam.put(`${path}/comments/${commentId}`, { text: 'The new FAQ helped a lot' }));
    await expectEventually(async () => {
      const feed = await ok(bill.get(`/feeds/objectives/${nps.objectiveId}`));
      const entry = (feed.entries as Body[]).find((each) => each.subjectId === commentId);
      expect(entry).toMatchObject({
        kind: 'comment',
        actorId: people.owner,
        summary: { text: 'The new FAQ helped a lot' },
      });
    });
    // Another member may not take it down; the objective's lead may.
    expect((await bill.delete(`${path}/comments/${commentId}`)).status).toBe(403);
    await ok(paula.delete(`${path}/comments/${commentId}`));
    // Deleting again is no event; editing or reacting to it answers as to an unknown comment.
    const again = await ok(paula.delete(`${path}/comments/${commentId}`));
    const edited = await sam.put(`${path}/comments/${commentId}`, { text: 'Back' });
    expect(edited.status).toBe(404);
    expect((edited.body as Body).message).toBe(`Comment ${commentId} not found`);
    expect((await sam.put(`${path}/comments/${commentId}/reactions/eyes`)).status).toBe(404);
    expect(again.id).toBe(commentId);
    await expectEventually(async () => {
      const tombstone = comments(await thread(bill, path)).find(
        (each) => each.commentId === commentId,
      );
      expect(tombstone).toEqual({
        commentId,
        deleted: true,
        postedAt: expect.any(String),
        deletedAt: expect.any(String),
      });
      const feed = await ok(bill.get(`/feeds/objectives/${nps.objectiveId}`));
      expect((feed.entries as Body[]).map((entry) => entry.subjectId)).not.toContain(commentId);
    });
  });

  it('takes comments and reactions on a blocker', async () => {
    const sam = checkinsOf(people.owner);
    const { id } = await ok(
      sam.post('/blockers', {
        target: { kind: 'key-result', ...nps },
        description: 'The survey export is broken',
        waitsOn: { kind: 'outside', name: 'the data team' },
      }),
      201,
    );
    const path = `/blockers/${String(id)}`;
    const paula = checkinsOf(people.lead);
    const { id: commentId } = await ok(
      paula.post(`${path}/comments`, { text: 'I will call the data team' }),
      201,
    );
    await ok(sam.put(`${path}/comments/${String(commentId)}/reactions/thanks`));
    await ok(paula.put(`${path}/reactions/eyes`));
    await expectEventually(async () => {
      const body = await thread(sam, path);
      expect(body.target).toEqual({ kind: 'blocker', ...nps, blockerId: id });
      expect(body.reactions).toEqual({ eyes: [people.lead] });
      expect(comments(body)).toEqual([
        expect.objectContaining({
          text: 'I will call the data team',
          reactions: { thanks: [people.owner] },
        }),
      ]);
    });
  });

  it("shows a guild member's insight on a followed objective in the guild's feed", async () => {
    const gwen = checkinsOf(people.guildMember);
    const insightId = randomUUID();
    // The follow reaches the checkins directory over the goals topic.
    await expectEventually(
      async () => {
        await ok(
          gwen.post(`/objectives/${nps.objectiveId}/insights`, {
            insightId,
            guildId: 'customer-success',
            title: 'Churned users cite the FAQ',
            body: 'Three of five churned accounts could not find the refund rules.',
          }),
          201,
        );
      },
      { timeoutMs: 30_000, intervalMs: 200 },
    );
    const sam = checkinsOf(people.owner);
    await expectEventually(async () => {
      expect(await ok(sam.get(`/insights/${insightId}`))).toMatchObject({
        insightId,
        objectiveId: nps.objectiveId,
        guildId: 'customer-success',
        authorId: people.guildMember,
        title: 'Churned users cite the FAQ',
      });
      const listed = await ok(sam.get(`/objectives/${nps.objectiveId}/insights`));
      expect(listed).toEqual([expect.objectContaining({ insightId })]);
      const feed = await ok(checkinsOf(people.coordinator).get('/feeds/guild/customer-success'));
      expect(feed.entries).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            kind: 'insight',
            subjectId: insightId,
            objectiveId: nps.objectiveId,
            guildId: 'customer-success',
            summary: expect.objectContaining({ title: 'Churned users cite the FAQ' }),
          }),
        ]),
      );
    });
    // The squad answers on the insight's own thread; the author revises it.
    await ok(
      sam.post(`/insights/${insightId}/comments`, { text: 'We rewrite them this week' }),
      201,
    );
    await ok(
      gwen.put(`/insights/${insightId}`, {
        title: 'Churned users cite the FAQ',
        body: 'Four of five churned accounts could not find the refund rules.',
      }),
    );
    expect(
      (await sam.put(`/insights/${insightId}`, { title: 'Not mine', body: 'Not mine' })).status,
    ).toBe(403);
    await expectEventually(async () => {
      expect(await ok(sam.get(`/insights/${insightId}`))).toMatchObject({
        body: 'Four of five churned accounts could not find the refund rules.',
      });
      expect(comments(await thread(gwen, `/insights/${insightId}`))).toHaveLength(1);
    });
  });

  it('refuses an insight from outside the guild, for an unknown guild, or on an unfollowed objective', async () => {
    const text = { guildId: 'customer-success', title: 'A look', body: 'What we see' };
    const outsider = await checkinsOf(people.otherMember).post(
      `/objectives/${nps.objectiveId}/insights`,
      text,
    );
    expect(outsider.status).toBe(403);
    const gwen = checkinsOf(people.guildMember);
    const noGuild = await gwen.post(`/objectives/${nps.objectiveId}/insights`, {
      ...text,
      guildId: 'no-such-guild',
    });
    expect(noGuild.status).toBe(404);
    const notFollowed = await gwen.post(`/objectives/${unfollowed.objectiveId}/insights`, text);
    expect(notFollowed.status).toBe(409);
    expect((notFollowed.body as Body).fields).toEqual({ guildId: 'does not follow the objective' });
  });

  it('takes a withdrawn insight, and its thread, out of every read', async () => {
    const gwen = checkinsOf(people.guildMember);
    const { id } = await ok(
      gwen.post(`/objectives/${nps.objectiveId}/insights`, {
        guildId: 'customer-success',
        title: 'Second thoughts',
        body: 'To be withdrawn',
      }),
      201,
    );
    const insightId = String(id);
    const { id: commentId } = await ok(
      checkinsOf(people.lead).post(`/insights/${insightId}/comments`, { text: 'Really?' }),
      201,
    );
    const sam = checkinsOf(people.owner);
    await expectEventually(async () => {
      const feed = await ok(sam.get(`/feeds/objectives/${nps.objectiveId}`));
      expect((feed.entries as Body[]).map((entry) => entry.subjectId)).toEqual(
        expect.arrayContaining([insightId, commentId]),
      );
    });
    expect((await sam.delete(`/insights/${insightId}`)).status).toBe(403);
    await ok(gwen.delete(`/insights/${insightId}`));
    expect((await sam.get(`/insights/${insightId}/comments`)).status).toBe(404);
    expect((await sam.post(`/insights/${insightId}/comments`, { text: 'Hello?' })).status).toBe(
      404,
    );
    await expectEventually(async () => {
      expect((await sam.get(`/insights/${insightId}`)).status).toBe(404);
      const listed = await ok(sam.get(`/objectives/${nps.objectiveId}/insights`));
      expect((listed as unknown as Body[]).map((each) => each.insightId)).not.toContain(insightId);
      const feed = await ok(sam.get(`/feeds/objectives/${nps.objectiveId}`));
      const shown = (feed.entries as Body[]).map((entry) => entry.subjectId);
      expect(shown).not.toContain(insightId);
      expect(shown).not.toContain(commentId);
    });
  });

  it("keeps a private objective's threads from another squad's member, as unknown ids", async () => {
    const sam = checkinsOf(people.owner);
    const path = checkInPath(secret, secretCheckIn);
    const { id: commentId } = await ok(
      sam.post(`${path}/comments`, { text: 'Refunds are at 40 a day' }),
      201,
    );
    const blockerId = await secretBlocker('The refund tool times out');
    await ok(sam.post(`/blockers/${String(blockerId)}/comments`, { text: 'Vendor called' }), 201);
    const bill = checkinsOf(people.otherMember);
    const hidden = await bill.get(`${path}/comments`);
    const unknownObjective = await bill.get(
      `/objectives/${unknownId}/key-results/${secret.keyResultId}/check-ins/${secretCheckIn}/comments`,
    );
    expect(hidden.status).toBe(404);
    expect((hidden.body as Body).message).toBe(
      String((unknownObjective.body as Body).message).replace(unknownId, secret.objectiveId),
    );
    for (const call of [
      bill.post(`${path}/comments`, { text: 'Peeking' }),
      bill.put(`${path}/reactions/eyes`),
      bill.delete(`${path}/comments/${String(commentId)}`),
    ]) {
      expect((await call).status).toBe(404);
    }
    const hiddenBlocker = await bill.get(`/blockers/${String(blockerId)}/comments`);
    const unknownBlocker = await bill.get(`/blockers/${unknownId}/comments`);
    expect(hiddenBlocker.status).toBe(404);
    expect((hiddenBlocker.body as Body).message).toBe(
      String((unknownBlocker.body as Body).message).replace(unknownId, String(blockerId)),
    );
    await expectEventually(async () => {
      const own = await ok(sam.get('/feeds/squad/support'));
      expect((own.entries as Body[]).map((entry) => entry.subjectId)).toContain(commentId);
      const theirs = await ok(bill.get('/feeds/squad/support'));
      const objectives = (theirs.entries as Body[]).map((entry) => entry.objectiveId);
      expect(objectives).not.toContain(secret.objectiveId);
      expect(objectives.length).toBeGreaterThan(0);
    });
  });

  it('refuses a blocker whose stream cannot be read with 503, and hides it as before from those who may not see it', async () => {
    const sam = checkinsOf(people.owner);
    const blockerId = await secretBlocker('The refund export is empty');
    // An escalation without its data, as a faulty migration might write (ADR 0066).
    const tenantId = tribe.tenantId;
    await appendAsWritten(
      world.checkins.get<EventStore>(CHECKINS_EVENT_STORE),
      tenantId,
      checkinsStreams.blocker(tenantId, String(blockerId)),
      { type: 'BlockerEscalated', data: null as never },
    );
    const path = `/blockers/${String(blockerId)}/comments`;
    for (const call of [sam.get(path), sam.post(path, { text: 'Still empty' })]) {
      const refused = await call;
      expect({ status: refused.status, error: (refused.body as Body).error }).toEqual({
        status: 503,
        error: 'service_unavailable',
      });
    }
    const bill = checkinsOf(people.otherMember);
    const hidden = await bill.get(path);
    const unknown = await bill.get(`/blockers/${unknownId}/comments`);
    expect(hidden.status).toBe(404);
    expect((hidden.body as Body).message).toBe(
      String((unknown.body as Body).message).replace(unknownId, String(blockerId)),
    );
  });

  it('answers bad input with 400 and the fields at fault, never 500', async () => {
    const sam = checkinsOf(people.owner);
    const path = checkInPath(nps, checkIn);
    const fieldsOf = async (call: Promise<{ status: number; body: unknown }>) => {
      const response = await call;
      expect(response.status).toBe(400);
      return Object.keys((response.body as Body).fields as object).sort();
    };
    expect(await fieldsOf(sam.post(`${path}/comments`, { text: '   ' }))).toEqual(['text']);
    expect(await fieldsOf(sam.post(`${path}/comments`, { text: 'x'.repeat(2001) }))).toEqual([
      'text',
    ]);
    expect(await fieldsOf(sam.post(`${path}/comments`, { text: 7, commentId: 'c-1' }))).toEqual([
      'commentId',
      'text',
    ]);
    expect(await fieldsOf(sam.post(`${path}/comments`, { text: 'hi', pinned: true }))).toEqual([
      'pinned',
    ]);
    expect(await fieldsOf(sam.put(`${path}/reactions/heart`))).toEqual(['reaction']);
    expect(await fieldsOf(sam.put(`${path}/comments/not-a-uuid`, { text: 'hi' }))).toEqual([
      'commentId',
    ]);
    expect(
      await fieldsOf(
        sam.get(`/objectives/${nps.objectiveId}/key-results/kr/check-ins/${checkIn}/comments`),
      ),
    ).toEqual(['keyResultId']);
    expect(await fieldsOf(sam.get('/blockers/b-1/comments'))).toEqual(['blockerId']);
    expect(
      await fieldsOf(
        checkinsOf(people.guildMember).post(`/objectives/${nps.objectiveId}/insights`, {
          guildId: 'customer success',
          body: 'x'.repeat(4001),
        }),
      ),
    ).toEqual(['body', 'guildId', 'title']);
    // A check-in that does not exist, on an objective that does: 404, named.
    const missing = await sam.get(checkInPath(nps, unknownId) + '/comments');
    expect(missing.status).toBe(404);
    expect((missing.body as Body).message).toBe(`Check-in ${unknownId} not found`);
  });
});
