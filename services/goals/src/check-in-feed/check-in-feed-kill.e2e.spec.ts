import { randomUUID } from 'node:crypto';
import type { EventStore } from '@rhythm/event-sourcing';
import { createPostgresEventStore } from '@rhythm/event-store-postgres';
import {
  expectEventually,
  testInfrastructure,
  testKafkaClient,
  uniqueName,
  type ServiceProcess,
} from '@rhythm/testing';
import mongoose from 'mongoose';
import { Client } from 'pg';
import { goalsStreams, type Actor, type KeyResultProgressed } from '../goals-domain';
import { publishToTopic } from '@rhythm/org-directory/testing';
import { GoalsScenario } from '../read-models/testing/goals-scenario';
import { startGoalsService, type GoalsServiceStores } from '../testing/goals-service.process';
import { KeyResultCheckIns } from './testing/check-in-feed-world';

jest.setTimeout(300_000);

const admin: Actor = { personId: 'admin-1', isAdmin: true, leads: [] };
const at = '2026-02-02T09:00:00.000Z';

describe('the check-in feed of a goals service killed with -9 during a burst of check-ins', () => {
  const stores: GoalsServiceStores = {
    schema: uniqueName('goals_es'),
    database: uniqueName('goals_kill'),
    topic: uniqueName('goals_events'),
    orgTopic: uniqueName('org_events'),
  };
  const checkinsTopic = uniqueName('checkins_events');
  const kafka = testKafkaClient('goals-check-in-feed-kill');
  let goals: ServiceProcess | undefined;
  let store: EventStore | undefined;

  afterAll(async () => {
    await goals?.stop().catch(() => undefined);
    await store?.close();
    const url = new URL(testInfrastructure.mongoUrl());
    url.pathname = `/${stores.database}`;
    const mongo = await mongoose.createConnection(url.toString()).asPromise();
    await mongo.dropDatabase();
    await mongo.close();
    const pg = new Client({ connectionString: testInfrastructure.databaseUrl() });
    await pg.connect();
    await pg.query(`DROP SCHEMA IF EXISTS "${stores.schema}" CASCADE`);
    await pg.end();
    const kafkaAdmin = kafka.admin();
    await kafkaAdmin.connect();
    await kafkaAdmin
      .deleteTopics({
        topics: [stores.topic, stores.orgTopic, checkinsTopic].flatMap((topic) => [
          topic,
          `${topic}.dlq`,
        ]),
      })
      .catch(() => undefined);
    await kafkaAdmin.disconnect();
  });

  it('takes every check-in exactly once, in order per key result', async () => {
    goals = await startGoalsService(stores, {
      environment: { CHECKINS_EVENTS_TOPIC: checkinsTopic },
    });
    // The service migrated its schema; the test writes the goals beside it, as a command would.
    store = createPostgresEventStore({
      connectionString: testInfrastructure.databaseUrl(),
      schema: stores.schema,
    });
    const tenantId = uniqueName('tenant');
    const scenario = new GoalsScenario(store, tenantId);
    const objectiveId = randomUUID();
    await scenario.planCycle(admin, at, 'q1', 'Q1', { kind: 'linear' });
    await scenario.cycle(admin, at, { type: 'ActivateCycle', data: { cycleId: 'q1' } });
    const keyResultIds = Array.from({ length: 5 }, () => randomUUID());
    await scenario.setObjective(admin, at, {
      objectiveId,
      cycleId: 'q1',
      title: 'Customers recommend us',
      owner: { kind: 'person', id: 'bob' },
      keyResults: keyResultIds.map((keyResultId, index) => ({
        keyResultId,
        title: `Key result ${index + 1}`,
        metric: { type: 'number', unit: 'points', start: 0, target: 10_000, direction: 'increase' },
        owner: 'bob',
        weight: 1,
      })),
    });
    const feeds = keyResultIds.map((id) => new KeyResultCheckIns(tenantId, objectiveId, id));
    // 1,000 check-ins, 200 per key result, interleaved as many people would check in.
    const burst = Array.from({ length: 200 }, (_, week) =>
      feeds.map((feed) => feed.checkIn(`${feed.keyResultId}-${week + 1}`, week + 1)),
    ).flat();
    const progressed = async (feed: KeyResultCheckIns) =>
      (await store!.readStream(goalsStreams.objective(tenantId, objectiveId)))
        .filter(
          (event) =>
            event.type === 'KeyResultProgressed' &&
            (event.data as KeyResultProgressed['data']).keyResultId === feed.keyResultId,
        )
        .map((event) => (event.data as KeyResultProgressed['data']).checkInId);

    await publishToTopic(kafka, checkinsTopic, burst);
    await expectEventually(
      async () => expect((await progressed(feeds[0])).length).toBeGreaterThanOrEqual(20),
      { timeoutMs: 120_000 },
    );
    await goals.kill('SIGKILL');
    const takenBeforeTheKill = (await Promise.all(feeds.map(progressed))).flat().length;
    await goals.restart();

    for (const feed of feeds) {
      const expected = burst
        .filter((envelope) => envelope.data.keyResultId === feed.keyResultId)
        .map((envelope) => envelope.data.checkInId);
      await expectEventually(
        async () => expect((await progressed(feed)).at(-1)).toBe(expected.at(-1)),
        { timeoutMs: 180_000 },
      );
      expect(await progressed(feed)).toEqual(expected);
    }
    // Printed, not asserted: how far the first instance had come.
    process.stdout.write(`check-ins taken before kill -9: ${takenBeforeTheKill} of 1000\n`);
  });
});
