import { expectEventually } from '@rhythm/testing';
import { defaultCadence, dueMoments } from './checkins-domain';
import { CadenceScheduler } from './scheduler/cadence-scheduler';
import {
  startCheckinsWorld,
  untilCheckinsKnows,
  type CheckinsWorld,
  type HttpClient,
} from './testing/checkins-world';
import {
  ok,
  plantSupportTribe,
  supportTribePeople,
  type Body,
  type GoalRef,
} from './testing/support-tribe';

const day = 24 * 3600_000;

/**
 * The week of issue 9, driven through the APIs as a new user would: the Support squad's NPS key
 * result gets weekly check-ins with falling confidence; a blocker "waiting on the data team" is
 * raised, escalated to the tribe lead once its deadline passes, and resolved; the lead
 * acknowledges; a member of the Customer Success guild posts an insight on the objective the guild
 * follows; the goals service shows the checked-in value; the owner misses a week and is
 * overdue in their own list and, two working days later, in the lead's; a private objective's
 * check-ins stay invisible to another squad's member. The checkins service runs in-process on a
 * clock the script moves; goals is its real process; org events come over the org topic.
 */
describe('a week of check-ins in the Support squad', () => {
  let world: CheckinsWorld;
  const people = supportTribePeople;
  let checkinsOf: (personId: string) => HttpClient;
  let goalsOf: (personId: string) => HttpClient;
  let nps: GoalRef;
  let secret: GoalRef;
  let dues: number[];
  const tick = () => world.checkins.get(CadenceScheduler).tick();

  beforeAll(async () => {
    world = await startCheckinsWorld();
    const tribe = await plantSupportTribe(world);
    ({ checkinsOf, goalsOf } = tribe);
    nps = await tribe.objective('Customers love our support', 'public');
    secret = await tribe.objective('Quietly fix the refund backlog', 'private');
    await ok(
      goalsOf(people.coordinator).put(`/objectives/${nps.objectiveId}/followers/customer-success`),
    );
    await untilCheckinsKnows(checkinsOf(people.owner), nps.objectiveId, nps.keyResultId);
    await untilCheckinsKnows(checkinsOf(people.owner), secret.objectiveId, secret.keyResultId);
    // The squad has set nothing: weekly, Fridays 17:00 UTC.
    const now = world.clock.now().getTime();
    dues = dueMoments(defaultCadence('UTC', '2000-01-03'), now, now + 30 * day);
  }, 180_000);

  afterAll(() => world?.dispose());

  it('records weekly check-ins with falling confidence, each showing the previous one', async () => {
    const sam = checkinsOf(people.owner);
    const path = `/objectives/${nps.objectiveId}/key-results/${nps.keyResultId}/check-ins`;
    world.clock.set(Date.now() + 60_000);
    const first = await ok(
      sam.post(path, {
        value: 32,
        confidence: 8,
        note: { progress: 'FAQ rewritten', obstacles: '', nextSteps: 'Survey the churned' },
      }),
      201,
    );
    expect(first.checkInId).toEqual(expect.any(String));
    world.clock.set(dues[0] + day);
    await expectEventually(async () => {
      const before = await ok(sam.get(path));
      expect(before.previous).toMatchObject({ value: 32, confidence: 8, band: 'on-track' });
    });
    await ok(sam.post(path, { value: 33, confidence: 5, note: { progress: 'Slow week' } }), 201);
    await expectEventually(async () => {
      const history = await ok(sam.get(path));
      expect((history.checkIns as Body[]).map((checkIn) => checkIn.confidence)).toEqual([5, 8]);
      expect(history.previous).toMatchObject({ value: 33, band: 'at-risk' });
    });
  });

  it('shows the checked-in value in the goals service', async () => {
    await expectEventually(
      async () => {
        const objective = await ok(goalsOf(people.lead).get(`/objectives/${nps.objectiveId}`));
        expect(objective.keyResults).toEqual([expect.objectContaining({ current: 33 })]);
      },
      { timeoutMs: 30_000, intervalMs: 200 },
    );
  });

  it('lets the lead acknowledge, and the check-in leaves her list', async () => {
    const paula = checkinsOf(people.lead);
    let awaiting: Body[] = [];
    await expectEventually(async () => {
      const agenda = await ok(paula.get('/me/agenda'));
      awaiting = (agenda.awaitingMyAcknowledgement as { checkIns: Body[] }).checkIns;
      expect(awaiting.map((checkIn) => checkIn.value)).toEqual([32, 33]);
    });
    for (const checkIn of awaiting) {
      await ok(
        paula.post(
          `/objectives/${nps.objectiveId}/key-results/${nps.keyResultId}/check-ins/${String(checkIn.checkInId)}/acknowledge`,
          { comment: 'Thanks, let us talk on Monday' },
        ),
      );
    }
    await expectEventually(async () => {
      const after = await ok(paula.get('/me/agenda'));
      expect((after.awaitingMyAcknowledgement as { checkIns: Body[] }).checkIns).toEqual([]);
    });
    // Not hers to acknowledge: the tribe lead was no lead of the check-in's day.
    const tess = checkinsOf(people.tribeLead);
    const response = await tess.post(
      `/objectives/${nps.objectiveId}/key-results/${nps.keyResultId}/check-ins/${String(awaiting[0].checkInId)}/acknowledge`,
      {},
    );
    expect(response.status).toBe(403);
  });

  it('raises a blocker waiting on the data team, escalates it past its deadline, and resolves it', async () => {
    const sam = checkinsOf(people.owner);
    const raisedAt = world.clock.now().getTime();
    const { id: blockerId } = await ok(
      sam.post('/blockers', {
        target: { kind: 'key-result', objectiveId: nps.objectiveId, keyResultId: nps.keyResultId },
        description: 'The survey export is broken',
        waitsOn: { kind: 'outside', name: 'the data team' },
        escalateAfter: new Date(raisedAt + 2 * day).toISOString(),
      }),
      201,
    );
    await expectEventually(async () => {
      const blocker = await ok(sam.get(`/blockers/${String(blockerId)}`));
      expect(blocker).toMatchObject({ ownerIds: [people.lead], status: 'open' });
    });
    await ok(checkinsOf(people.lead).post(`/blockers/${String(blockerId)}/acknowledge`));
    world.clock.set(raisedAt + 3 * day);
    await tick();
    await tick(); // A second tick escalates nothing twice.
    const tess = checkinsOf(people.tribeLead);
    await expectEventually(async () => {
      const agenda = await ok(tess.get('/me/agenda'));
      const mine = (agenda.awaitingMyAcknowledgement as { blockers: Body[] }).blockers;
      expect(mine).toEqual([
        expect.objectContaining({
          blockerId,
          ownerIds: [people.tribeLead],
          escalatedTo: { kind: 'tribe', id: 'customer' },
        }),
      ]);
      expect(mine[0].owners).toHaveLength(2);
    });
    await ok(
      tess.post(`/blockers/${String(blockerId)}/resolve`, { note: 'Data team fixed the export' }),
    );
    await expectEventually(async () => {
      const blocker = await ok(sam.get(`/blockers/${String(blockerId)}`));
      expect(blocker).toMatchObject({
        status: 'resolved',
        resolution: 'Data team fixed the export',
      });
      expect(blocker.firstAcknowledgedAt).toEqual(expect.any(String));
    });
  });

  it('lets a member of the Customer Success guild post an insight on the objective it follows', async () => {
    const gwen = checkinsOf(people.guildMember);
    const { id: insightId } = await ok(
      gwen.post(`/objectives/${nps.objectiveId}/insights`, {
        guildId: 'customer-success',
        title: 'Detractors name wait times first',
        body: 'Across our accounts, NPS detractors mention the first reply time before anything else.',
      }),
      201,
    );
    await expectEventually(async () => {
      const feed = await ok(checkinsOf(people.lead).get('/feeds/guild/customer-success'));
      expect(feed.entries).toEqual(
        expect.arrayContaining([expect.objectContaining({ kind: 'insight', insightId })]),
      );
      const squad = await ok(checkinsOf(people.owner).get(`/feeds/objectives/${nps.objectiveId}`));
      expect(squad.entries).toEqual(
        expect.arrayContaining([expect.objectContaining({ kind: 'insight', insightId })]),
      );
    });
  });

  it('shows a missed week as overdue to its owner, and two working days later to the lead', async () => {
    // The private objective has had no check-in at all: it is overdue too, since the first week.
    const ofNps = (entries: unknown) =>
      (entries as Body[]).filter(
        (entry) =>
          entry.keyResultId === nps.keyResultId && entry.dueAt === new Date(dues[2]).toISOString(),
      );
    // No check-in between the second and the third due moment.
    world.clock.set(dues[2] + 3600_000);
    await tick();
    await expectEventually(async () => {
      const agenda = await ok(checkinsOf(people.owner).get('/me/agenda'));
      expect(agenda.overdue).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            keyResultId: nps.keyResultId,
            dueAt: new Date(dues[2]).toISOString(),
          }),
        ]),
      );
      const lead = await ok(checkinsOf(people.lead).get('/me/agenda'));
      expect(ofNps(lead.overdueInMyCare)).toEqual([]);
    });
    // Friday 17:00 + 2 working days: Tuesday 17:00. Wednesday morning the lead has been told.
    world.clock.set(dues[2] + 4 * day + 16 * 3600_000);
    await tick();
    await expectEventually(async () => {
      const lead = await ok(checkinsOf(people.lead).get('/me/agenda'));
      expect(lead.overdueInMyCare).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ keyResultId: nps.keyResultId, levels: ['lead'] }),
        ]),
      );
      const tribeLead = await ok(checkinsOf(people.tribeLead).get('/me/agenda'));
      expect(ofNps(tribeLead.overdueInMyCare)).toEqual([]);
    });
  });

  it("keeps a private objective's check-ins from another squad's member, as an unknown id", async () => {
    const sam = checkinsOf(people.owner);
    const path = `/objectives/${secret.objectiveId}/key-results/${secret.keyResultId}/check-ins`;
    await ok(sam.post(path, { value: 31, confidence: 3 }), 201);
    const bill = checkinsOf(people.otherMember);
    const hidden = await bill.get(path);
    const unknownId = '0b9d1c8e-3f0a-4c7e-9d51-6a2f00000000';
    const unknown = await bill.get(
      `/objectives/${unknownId}/key-results/${secret.keyResultId}/check-ins`,
    );
    expect(hidden.status).toBe(404);
    expect(unknown.status).toBe(404);
    expect((hidden.body as Body).message).toBe(
      String((unknown.body as Body).message).replace(unknownId, secret.objectiveId),
    );
    await expectEventually(async () => {
      const feed = await ok(bill.get('/feeds/squad/support'));
      const entries = feed.entries as Body[];
      expect(entries.length).toBeGreaterThan(0);
      expect(entries.every((entry) => entry.objectiveId === nps.objectiveId)).toBe(true);
      const own = await ok(sam.get('/feeds/squad/support'));
      expect(
        (own.entries as Body[]).some((entry) => entry.objectiveId === secret.objectiveId),
      ).toBe(true);
    });
    const write = await bill.post(path, { value: 40, confidence: 9 });
    expect(write.status).toBe(404);
    // A stale If-Match tells nothing either: 404 as for an unknown objective, not 409.
    const correction = { value: 40, confidence: 9, reason: 'Typo' };
    const someCheckIn = '5d7c1a2b-9e8f-4a3b-8c1d-2e3f4a5b6c7d';
    const staleHidden = await bill
      .put(`${path}/${someCheckIn}`)
      .set('If-Match', '"7"')
      .send(correction);
    const staleUnknown = await bill
      .put(`/objectives/${unknownId}/key-results/${secret.keyResultId}/check-ins/${someCheckIn}`)
      .set('If-Match', '"7"')
      .send(correction);
    expect([staleHidden.status, staleUnknown.status]).toEqual([404, 404]);
  });
});
