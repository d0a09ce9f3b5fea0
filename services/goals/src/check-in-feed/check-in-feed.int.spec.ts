import { randomUUID } from 'node:crypto';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { deadLetterTopicFor } from '@rhythm/contracts';
import type { EventStore } from '@rhythm/event-sourcing';
import { expectEventually, uniqueName } from '@rhythm/testing';
import type { Connection } from 'mongoose';
import { goalsStreams, type Actor, type KeyResultProgressed } from '../goals-domain';
import { GOALS_EVENT_STORE, GOALS_READ_STORE } from '../infrastructure/goals-tokens';
import { checkInFeedInboxConsumer } from './check-in-feed.consumer';
import { publishToTopic, readWholeTopic } from '@rhythm/org-directory/testing';
import { GoalsScenario } from '../read-models/testing/goals-scenario';
import { checkInFeedActor, CheckInProgress } from './check-in-progress';
import { CheckInRefusals } from './check-in-refusals';
import {
  checkInFeedWorld,
  KeyResultCheckIns,
  type CheckInFeedWorld,
} from './testing/check-in-feed-world';

jest.setTimeout(180_000);

const admin: Actor = { personId: 'admin-1', isAdmin: true, leads: [] };
const at = '2026-02-02T09:00:00.000Z';
const metric = {
  type: 'number' as const,
  unit: 'points',
  start: 0,
  target: 1000,
  direction: 'increase' as const,
};

/** An active objective of an active cycle, with these key results (owned by bob). */
const activeObjective = async (
  store: EventStore,
  tenantId: string,
  keyResultIds: readonly string[],
): Promise<string> => {
  const scenario = new GoalsScenario(store, tenantId);
  const objectiveId = randomUUID();
  const cycleId = `cycle-${objectiveId.slice(0, 8)}`;
  await scenario.planCycle(admin, at, cycleId, 'Q1', { kind: 'linear' });
  await scenario.cycle(admin, at, { type: 'ActivateCycle', data: { cycleId } });
  await scenario.setObjective(admin, at, {
    objectiveId,
    cycleId,
    title: 'Customers recommend us',
    owner: { kind: 'person', id: 'bob' },
    keyResults: keyResultIds.map((keyResultId, index) => ({
      keyResultId,
      title: `Key result ${index + 1}`,
      metric,
      owner: 'bob',
      weight: 1,
    })),
  });
  return objectiveId;
};

/** The key result's progress in goals' event store: which check-in set which value, in order. */
const progressOf = async (store: EventStore, feed: KeyResultCheckIns) =>
  (await store.readStream(goalsStreams.objective(feed.tenantId, feed.objectiveId)))
    .filter(
      (event): event is typeof event & KeyResultProgressed =>
        event.type === 'KeyResultProgressed' &&
        (event.data as KeyResultProgressed['data']).keyResultId === feed.keyResultId,
    )
    .map((event) => ({ checkInId: event.data.checkInId, value: event.data.value.after }));

describe('the check-in feed: check-ins from Kafka become key results’ values in goals', () => {
  let world: CheckInFeedWorld;
  let app: NestExpressApplication | undefined;

  beforeAll(() => {
    world = checkInFeedWorld();
  });

  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  afterAll(async () => {
    await world.dispose();
  });

  const publish = (...envelopes: Parameters<typeof publishToTopic>[2]) =>
    publishToTopic(world.kafka, world.config.CHECKINS_EVENTS_TOPIC, envelopes);

  it('takes each check-in once, in order per key result, a duplicate delivery and corrections included', async () => {
    app = await world.boot();
    const store = app.get<EventStore>(GOALS_EVENT_STORE);
    const tenantId = uniqueName('tenant');
    const [nps, churn] = [randomUUID(), randomUUID()];
    const objectiveId = await activeObjective(store, tenantId, [nps, churn]);
    const npsFeed = new KeyResultCheckIns(tenantId, objectiveId, nps);
    const churnFeed = new KeyResultCheckIns(tenantId, objectiveId, churn);

    const week1 = npsFeed.checkIn('nps-week-1', 310);
    const week2 = npsFeed.checkIn('nps-week-2', 340);
    await publish(
      week1,
      churnFeed.checkIn('churn-week-1', 50),
      week2,
      // Delivered again after a later check-in: taken again, it would set the value back.
      week1,
      npsFeed.correction('nps-week-2', { before: 340, after: 335 }, true),
      // An older check-in's correction is history only.
      npsFeed.correction('nps-week-1', { before: 310, after: 300 }, false),
      week2,
      churnFeed.checkIn('churn-week-2', 45),
      // The last of each key result: once it is in, everything before it on its partition is.
      npsFeed.checkIn('nps-week-3', 350),
    );

    await expectEventually(
      async () => {
        expect((await progressOf(store, npsFeed)).at(-1)?.checkInId).toBe('nps-week-3');
        expect((await progressOf(store, churnFeed)).at(-1)?.checkInId).toBe('churn-week-2');
      },
      { timeoutMs: 60_000 },
    );
    expect(await progressOf(store, npsFeed)).toEqual([
      { checkInId: 'nps-week-1', value: 310 },
      { checkInId: 'nps-week-2', value: 340 },
      { checkInId: 'nps-week-2', value: 335 },
      { checkInId: 'nps-week-3', value: 350 },
    ]);
    expect(await progressOf(store, churnFeed)).toEqual([
      { checkInId: 'churn-week-1', value: 50 },
      { checkInId: 'churn-week-2', value: 45 },
    ]);
    // Who, why and what caused it: the author, the correction's reason, the check-in's event.
    const events = await store.readStream(goalsStreams.objective(tenantId, objectiveId));
    const corrected = events.find(
      (event) =>
        event.type === 'KeyResultProgressed' &&
        (event.data as KeyResultProgressed['data']).value.after === 335,
    );
    expect(corrected?.metadata).toMatchObject({
      tenantId,
      actor: 'bob',
      reason: 'Export double-counted',
    });
    expect(corrected?.metadata.actor).not.toBe(checkInFeedActor.personId);
    const first = events.find(
      (event) => (event.data as { checkInId?: string }).checkInId === 'nps-week-1',
    );
    expect(first?.metadata).toMatchObject({
      causationId: week1.eventId,
      correlationId: week1.correlationId,
    });
    // Through the inbox (the copies were dropped there): each check-in's event noted once.
    const inbox = app.get<Connection>(GOALS_READ_STORE).collection('inbox');
    await expectEventually(async () =>
      expect(
        await inbox.countDocuments({
          consumer: checkInFeedInboxConsumer,
          eventId: { $in: [week1.eventId, week2.eventId] },
        }),
      ).toBe(2),
    );
  });

  it('takes a check-in the inbox had not noted (a crash after the effect) no second time, even after other progress', async () => {
    app = await world.boot();
    const store = app.get<EventStore>(GOALS_EVENT_STORE);
    const tenantId = uniqueName('tenant');
    const nps = randomUUID();
    const objectiveId = await activeObjective(store, tenantId, [nps]);
    const feed = new KeyResultCheckIns(tenantId, objectiveId, nps);
    const week1 = feed.checkIn('nps-week-1', 310);
    const progress = app.get(CheckInProgress);

    // The effect, as the handler runs it behind the inbox; then the lead records a value by hand.
    await progress.apply(week1);
    await new GoalsScenario(store, tenantId).progress(admin, at, objectiveId, nps, 400);
    // Redelivered: the offset was not committed, and the inbox had not noted it.
    await progress.apply(week1);

    const events = await store.readStream(goalsStreams.objective(tenantId, objectiveId));
    expect(
      events
        .filter((event) => event.type === 'KeyResultProgressed')
        .map((event) => (event.data as KeyResultProgressed['data']).value),
    ).toEqual([
      { before: 0, after: 310 },
      { before: 310, after: 400 },
    ]);
  });

  it('parks a check-in the objective refuses, with the reason, and goes on; a broken message is dead-lettered', async () => {
    app = await world.boot();
    const store = app.get<EventStore>(GOALS_EVENT_STORE);
    const tenantId = uniqueName('tenant');
    const [kept, ofAbandoned] = [randomUUID(), randomUUID()];
    const objectiveId = await activeObjective(store, tenantId, [kept]);
    const abandonedId = await activeObjective(store, tenantId, [ofAbandoned]);
    await new GoalsScenario(store, tenantId).objective(admin, at, {
      type: 'AbandonObjective',
      data: { objectiveId: abandonedId, reason: 'The product was discontinued' },
    });
    const keptFeed = new KeyResultCheckIns(tenantId, objectiveId, kept);
    const abandonedFeed = new KeyResultCheckIns(tenantId, abandonedId, ofAbandoned);
    const unknownFeed = new KeyResultCheckIns(tenantId, randomUUID(), randomUUID());
    const broken = keptFeed.checkIn('kept-broken', 1);

    await publish(
      abandonedFeed.checkIn('late-week', 20),
      unknownFeed.checkIn('nowhere', 5),
      { ...broken, data: { ...broken.data, confidence: 11 } },
      keptFeed.checkIn('kept-week-1', 12),
    );

    await expectEventually(
      async () =>
        expect(await progressOf(store, keptFeed)).toEqual([
          { checkInId: 'kept-week-1', value: 12 },
        ]),
      { timeoutMs: 60_000 },
    );
    const refusals = app.get(CheckInRefusals);
    await expectEventually(async () => {
      expect(await refusals.of(tenantId, ofAbandoned)).toEqual([
        expect.objectContaining({
          checkInId: 'late-week',
          value: 20,
          authorId: 'bob',
          refusal: 'rule_violated',
          reason: expect.stringMatching(/abandoned/) as unknown,
        }),
      ]);
      expect(await refusals.of(tenantId, unknownFeed.keyResultId)).toEqual([
        expect.objectContaining({ checkInId: 'nowhere', refusal: 'not_found' }),
      ]);
    });
    expect(await progressOf(store, abandonedFeed)).toEqual([]);
    const letters = await readWholeTopic(
      world.kafka,
      deadLetterTopicFor(world.config.CHECKINS_EVENTS_TOPIC),
    );
    expect(letters.map((letter) => [letter.headers['dlq-reason'], letter.key])).toEqual([
      ['poison', keptFeed.streamId],
    ]);
  });

  it('goes on after a restart mid-way from where it stopped: every check-in once, in order', async () => {
    app = await world.boot();
    const store = app.get<EventStore>(GOALS_EVENT_STORE);
    const tenantId = uniqueName('tenant');
    const keyResults = [randomUUID(), randomUUID(), randomUUID()];
    const objectiveId = await activeObjective(store, tenantId, keyResults);
    const feeds = keyResults.map((id) => new KeyResultCheckIns(tenantId, objectiveId, id));
    const weeks = (feed: KeyResultCheckIns, from: number, to: number) =>
      Array.from({ length: to - from }, (_, index) =>
        feed.checkIn(`${feed.keyResultId}-week-${from + index}`, (from + index) * 10),
      );
    const before = feeds.map((feed) => weeks(feed, 1, 16));
    await publish(...before.flat());
    // Stopped once some of them are in: the rest wait on the topic, offsets not committed.
    await expectEventually(
      async () => expect((await progressOf(store, feeds[0])).length).toBeGreaterThan(0),
      { timeoutMs: 60_000 },
    );
    await app.close();
    app = undefined;

    // While no instance runs: more check-ins, and copies of some already taken.
    const after = feeds.map((feed) => weeks(feed, 16, 21));
    await publish(...before.map((taken) => taken[0]), ...after.flat());

    app = await world.boot();
    for (const [index, feed] of feeds.entries()) {
      const expected = [...before[index], ...after[index]].map((envelope) => ({
        checkInId: envelope.data.checkInId as string,
        value: envelope.data.value as number,
      }));
      await expectEventually(
        async () =>
          expect((await progressOf(store, feed)).at(-1)?.checkInId).toBe(
            expected.at(-1)?.checkInId,
          ),
        { timeoutMs: 90_000 },
      );
      expect(await progressOf(store, feed)).toEqual(expected);
    }
  });
});
