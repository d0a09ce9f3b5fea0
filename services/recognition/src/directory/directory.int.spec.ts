import { randomUUID } from 'node:crypto';
import { deadLetterTopicFor, organisationEstablishedV1 } from '@rhythm/contracts';
import type { RecordedEvent } from '@rhythm/event-sourcing';
import { OrgHistory, readWholeTopic } from '@rhythm/org-directory/testing';
import { expectEventually } from '@rhythm/testing';
import {
  GOALS_KNOWLEDGE,
  MEMBERSHIP_HISTORY,
  ORG_KNOWLEDGE,
  type GoalsKnowledge,
  type MembershipHistory,
  type OrgKnowledge,
} from '../application/recognition-directory.port';
import type { AchievementCelebrated, StoryDrafted } from '../recognition-domain';
import { startDirectoryWorld, type DirectoryWorld } from '../testing/directory-world';
import { SourceTopics } from '../testing/directory-topics';

/**
 * The recognition directory on the local stack's Kafka, PostgreSQL and FerretDB: real org, goals
 * and checkins envelopes on topics of this file's own, the consumer as the service runs it.
 */
describe('The recognition directory and the celebrations it starts', () => {
  const tenantId = `acme-${randomUUID().slice(0, 8)}`;
  const org = new OrgHistory(tenantId);
  const goals = new SourceTopics(tenantId);
  const cycleId = '2026-q1';
  const npsObjective = randomUUID();
  const nps = randomUUID();
  const privateObjective = randomUUID();
  const secret = randomUUID();
  let world: DirectoryWorld;
  let beforeMove: string;

  const wait = { timeoutMs: 30_000, intervalMs: 100 };
  const celebrations = async () =>
    (await world.eventsOf(`celebration-${tenantId}:`)) as unknown as (RecordedEvent &
      AchievementCelebrated)[];
  const celebrationsOf = async (kind: string) =>
    (await celebrations()).filter((event) => event.data.achievement.kind === kind);
  /** Publishes, then waits until the consumer handled every distinct event of them. */
  const publishAndSettle = async (
    topic: 'goals' | 'checkins',
    events: Parameters<DirectoryWorld['publish']>[1],
  ) => {
    const consumer = topic === 'goals' ? 'recognition.goals-directory' : 'recognition.checkins';
    await world.publish(topic, events);
    await expectEventually(async () => {
      const handled = new Set((await world.handled())[consumer]);
      expect(events.filter((event) => !handled.has(event.eventId))).toEqual([]);
    }, wait);
  };

  beforeAll(async () => {
    world = await startDirectoryWorld();
    await world.publish('org', [
      org.established(),
      org.tribeFormed('cx'),
      org.tribeFormed('money'),
      org.squadFormed('support', 'cx'),
      org.squadFormed('payments', 'money'),
      org.personJoined('bob'),
      org.joinedSquad('bob', 'support'),
      org.personJoined('cleo'),
      org.joinedSquad('cleo', 'support'),
    ]);
    await world.publish('goals', [
      goals.cyclePlanned(cycleId),
      goals.cycleActivated(cycleId),
      ...goals.objectiveSet(
        npsObjective,
        cycleId,
        { kind: 'squad', id: 'support' },
        {
          keyResultId: nps,
          ownerId: 'bob',
        },
      ),
      ...goals.objectiveSet(
        privateObjective,
        cycleId,
        { kind: 'person', id: 'cleo' },
        { keyResultId: secret, ownerId: 'cleo' },
        'private',
      ),
    ]);
    await expectEventually(async () => {
      const known = await world.app().get<OrgKnowledge>(ORG_KNOWLEDGE).person(tenantId, 'cleo');
      expect(known?.squadId).toBe('support');
    }, wait);
    await new Promise((resolve) => setTimeout(resolve, 20));
    beforeMove = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 20));
    await world.publish('org', [org.joinedSquad('bob', 'payments', 'support')]);
  });

  afterAll(async () => {
    await world?.dispose();
  });

  it('knows the org and goals from their topics, and who was in which squad when', async () => {
    const history = world.app().get<MembershipHistory>(MEMBERSHIP_HISTORY);
    await expectEventually(async () => {
      const objective = await world
        .app()
        .get<GoalsKnowledge>(GOALS_KNOWLEDGE)
        .objective(tenantId, npsObjective);
      expect(objective).toMatchObject({
        owner: { kind: 'squad', id: 'support' },
        status: 'active',
        keyResults: [{ keyResultId: nps, ownerId: 'bob' }],
      });
      const now = (await history.unitsAt(tenantId, ['bob'], new Date().toISOString())).get('bob');
      expect(now).toEqual([
        { kind: 'squad', id: 'payments' },
        { kind: 'tribe', id: 'money' },
      ]);
    }, wait);
    const then = await history.unitsAt(tenantId, ['bob', 'cleo', 'nobody'], beforeMove);
    expect(Object.fromEntries(then)).toEqual({
      bob: [
        { kind: 'squad', id: 'support' },
        { kind: 'tribe', id: 'cx' },
      ],
      cleo: [
        { kind: 'squad', id: 'support' },
        { kind: 'tribe', id: 'cx' },
      ],
    });
    expect(await history.tribeOfAt(tenantId, { kind: 'squad', id: 'support' }, beforeMove)).toBe(
      'cx',
    );
  });

  it('celebrates a key result achieved once on the squad and tribe walls, though delivered twice and reached again', async () => {
    const achieved = goals.keyResultAchieved(npsObjective, nps);
    await publishAndSettle('goals', [achieved, achieved]);
    // It fell back and reached its target again in the same cycle: goals says so anew.
    await publishAndSettle('goals', [achieved, goals.keyResultAchieved(npsObjective, nps)]);
    expect(await celebrationsOf('key-result-achieved')).toHaveLength(1);
    const [celebration] = await celebrationsOf('key-result-achieved');
    expect(celebration?.data).toMatchObject({
      achievement: {
        kind: 'key-result-achieved',
        cycleId,
        objectiveId: npsObjective,
        keyResultId: nps,
      },
      walls: [
        { kind: 'squad', id: 'support' },
        { kind: 'tribe', id: 'cx' },
      ],
      visibility: 'public',
      keyResultTitle: `Key result ${nps}`,
    });
  });

  it("celebrates a private objective privately, on its owner's squad of the day", async () => {
    await world.publish('goals', [goals.objectiveAchieved(privateObjective)]);
    await expectEventually(async () => {
      expect(await celebrationsOf('objective-achieved')).toHaveLength(1);
    }, wait);
    const [celebration] = await celebrationsOf('objective-achieved');
    expect(celebration?.data).toMatchObject({
      owner: { kind: 'person', personId: 'cleo', squad: { id: 'support', tribeId: 'cx' } },
      visibility: 'private',
    });
  });

  it('celebrates a success at cycle close, not a miss, and a resolved blocker', async () => {
    await world.publish('goals', [goals.objectiveScored(privateObjective, secret, false)]);
    await world.publish('goals', [goals.objectiveScored(npsObjective, nps, true)]);
    await world.publish('checkins', [goals.blockerResolved('blk-1', npsObjective, 'bob', 'ann')]);
    await expectEventually(async () => {
      expect(await celebrationsOf('objective-scored')).toHaveLength(1);
      expect(await celebrationsOf('blocker-resolved')).toHaveLength(1);
    }, wait);
    const [scored] = await celebrationsOf('objective-scored');
    expect(scored?.data.achievement).toMatchObject({ objectiveId: npsObjective, success: true });
  });

  it('celebrates a check-in streak at its milestone once, redelivered or not', async () => {
    // Four consecutive ISO weeks from next Monday (the default milestones are 4, 8 and 12),
    // after bob's move; two delivered twice, the last week before the others.
    const today = new Date();
    const nextMonday = Date.UTC(
      today.getUTCFullYear(),
      today.getUTCMonth(),
      today.getUTCDate() + 7 - ((today.getUTCDay() + 6) % 7),
    );
    const mondays = [0, 1, 2, 3].map((n) => new Date(nextMonday + n * 7 * 86_400_000));
    const checkIns = mondays.map((monday) =>
      goals.checkInRecorded(
        npsObjective,
        nps,
        'bob',
        new Date(monday.getTime() + 36e6).toISOString(),
      ),
    );
    const [first, second, third, fourth] = checkIns as [
      (typeof checkIns)[number],
      (typeof checkIns)[number],
      (typeof checkIns)[number],
      (typeof checkIns)[number],
    ];
    await publishAndSettle('checkins', [fourth, first, second, third, fourth, second]);
    // Reached again: a fifth check-in in the fourth week.
    await publishAndSettle('checkins', [
      goals.checkInRecorded(npsObjective, nps, 'bob', String(fourth.data.recordedAt)),
    ]);
    await expectEventually(async () => {
      const streaks = await celebrationsOf('streak-milestone');
      expect(streaks.map((event) => event.data.achievement)).toEqual([
        {
          kind: 'streak-milestone',
          personId: 'bob',
          weeks: 4,
          streakStartedOn: String(first.data.recordedAt).slice(0, 10),
        },
      ]);
    }, wait);
    // A person's squad of that day: bob is in Payments since his move.
    const [streak] = await celebrationsOf('streak-milestone');
    expect(streak?.data.walls).toEqual([
      { kind: 'squad', id: 'payments' },
      { kind: 'tribe', id: 'money' },
    ]);
  });

  it("drafts the objectives' lessons learned once at cycle close", async () => {
    await world.publish('goals', [
      goals.retrospectiveRecorded(npsObjective, 'ann'),
      goals.cycleClosed(cycleId),
    ]);
    const lessons = async () =>
      (await world.eventsOf(`story-${tenantId}.`)) as unknown as (RecordedEvent & StoryDrafted)[];
    await expectEventually(async () => {
      expect((await lessons()).map((event) => event.data.storyId)).toEqual([
        `lessons-${npsObjective}`,
      ]);
    }, wait);
    expect((await lessons())[0]?.data).toMatchObject({
      kind: 'lessons-learned',
      unit: { kind: 'squad', id: 'support' },
      authorId: 'ann',
    });
  });

  it('dead-letters an achievement the directory never learns of, and carries on', async () => {
    const unknown = goals.keyResultAchieved(randomUUID(), randomUUID());
    const later = goals.objectiveAchieved(npsObjective);
    await world.publish('goals', [unknown, later]);
    await expectEventually(async () => {
      const letters = await readWholeTopic(
        world.kafka,
        deadLetterTopicFor(world.config.GOALS_EVENTS_TOPIC),
      );
      const lettered = letters.map(
        (letter) => (JSON.parse(letter.value ?? '{}') as { eventId?: string }).eventId,
      );
      expect(lettered).toContain(unknown.eventId);
      expect(await celebrationsOf('objective-achieved')).toHaveLength(2);
    }, wait);
  });

  it("dead-letters another organisation's poison at once, and this one's carry on", async () => {
    // An organisation published under another tenant's id: no retry can help.
    const foreign = new OrgHistory(`globex-${randomUUID().slice(0, 8)}`);
    const poison = foreign.on('organisation', 'acme', organisationEstablishedV1, {
      organisationId: tenantId,
      name: 'Not Acme',
    });
    await world.publish('org', [poison, org.personJoined('dan')]);
    await expectEventually(async () => {
      const letters = await readWholeTopic(
        world.kafka,
        deadLetterTopicFor(world.config.ORG_EVENTS_TOPIC),
      );
      expect(letters.map((letter) => letter.headers['dlq-reason'])).toEqual(['poison']);
      const known = await world.app().get<OrgKnowledge>(ORG_KNOWLEDGE).person(tenantId, 'dan');
      expect(known?.status).toBe('active');
    }, wait);
  });

  it('adds nothing when the topics are replayed from the start by a new group', async () => {
    const before = (await world.eventsOf(`celebration-${tenantId}:`)).length;
    const stories = (await world.eventsOf(`story-${tenantId}.`)).length;
    const streaks = (await world.eventsOf(`streak-${tenantId}:`)).length;
    expect(before).toBe(6);
    const handled = await world.handled();
    await world.restart({ replay: true });
    // The replay has caught up when the new inbox has handled as many events as the old one.
    await expectEventually(async () => {
      expect(await world.handled()).toEqual(handled);
    }, wait);
    const marker = goals.keyResultAchieved(privateObjective, secret);
    await world.publish('goals', [marker]);
    await expectEventually(async () => {
      expect(await celebrationsOf('key-result-achieved')).toHaveLength(2);
    }, wait);
    expect((await world.eventsOf(`celebration-${tenantId}:`)).length).toBe(before + 1);
    expect((await world.eventsOf(`story-${tenantId}.`)).length).toBe(stories);
    expect((await world.eventsOf(`streak-${tenantId}:`)).length).toBe(streaks);
  });
});
