import {
  keyResultAddedV1,
  objectiveActivatedV1,
  objectiveCreatedV1,
  type IntegrationEnvelope,
} from '@rhythm/contracts';
import { OrgHistory } from '@rhythm/org-directory/testing';
import { TenantId } from '@rhythm/projections';
import {
  expectEventually,
  testInfrastructure,
  uniqueName,
  type ServiceProcess,
} from '@rhythm/testing';
import mongoose from 'mongoose';
import { Client } from 'pg';
import { RecognitionReadModels } from './read-models/recognition-read-models';
import { organisationWall } from './read-models/walls.projection';
import { SourceTopics } from './testing/directory-topics';
import {
  createRecognitionTopics,
  dropRecognitionStores,
  freshRecognitionStores,
  publishEnvelopes,
  recognitionClient,
  recognitionTestKafka,
  startRecognitionService,
} from './testing/recognition-service.process';

jest.setTimeout(900_000);

const squads = 10;
const objectivesPerSquad = 20;
// An objective holds one to five key results.
const keyResultsPerObjective = 5;
const achievements = squads * objectivesPerSquad * keyResultsPerObjective;
/** Achievements go out in small batches, so that they are still streaming in at the kills. */
const batch = 25;
/** How many achievements the topic holds beyond those celebrated, at most, before the next batch. */
const aheadAtMost = 150;
/** Each kill falls once the event store holds this many celebrations. */
const killAtCelebrations = [200, 550];

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type KeyResultOfSquad = Readonly<{ squadId: string; objectiveId: string; keyResultId: string }>;

/**
 * Issue 10, "How it will be checked": `kill -9` of the recognition service while 1,000
 * achievements (`goals.key-result-achieved` on 1,000 distinct key results) stream in on its goals
 * topic; it is killed twice and restarted. Every achievement has exactly one celebration: one
 * `AchievementCelebrated` stream each in the event store, one document each in the celebrations
 * read model, one entry each on the organisation's feed and on the squad's wall. The service
 * runs as its real process; the org and goals topics are published as their relays would.
 */
describe('kill -9 of the recognition service while achievements stream in', () => {
  const stores = freshRecognitionStores();
  const kafka = recognitionTestKafka();
  const tenantId = uniqueName('kill');
  const pg = new Client({ connectionString: testInfrastructure.databaseUrl() });
  let readStore: mongoose.Connection | undefined;
  let recognition: ServiceProcess | undefined;

  beforeAll(async () => {
    await createRecognitionTopics(kafka, stores);
    await pg.connect();
  });

  afterAll(async () => {
    await recognition?.stop().catch(() => undefined);
    await readStore?.close();
    await pg.end();
    await dropRecognitionStores(stores);
  });

  /** Celebrations in the event store: how many streams, how many events. */
  const celebrated = async (): Promise<{ streams: number; events: number }> => {
    const { rows } = await pg.query<{ streams: number; events: number }>(
      `SELECT count(DISTINCT stream_id)::int AS streams, count(*)::int AS events
         FROM "${stores.schema}".events
        WHERE type = 'AchievementCelebrated' AND tenant_id = $1`,
      [tenantId],
    );
    return rows[0];
  };

  it('celebrates every achievement exactly once', async () => {
    recognition = await startRecognitionService(stores);

    // One tribe of squads, each with a product owner and three members.
    const org = new OrgHistory(tenantId);
    await publishEnvelopes(kafka, stores.orgTopic, [
      org.established('Killed'),
      org.personJoined('tribe-lead', 'Tribe lead'),
      org.tribeFormed('tribe-1', 'Tribe 1'),
      org.tribeLeadAppointed('tribe-1', 'tribe-lead'),
      ...Array.from({ length: squads }, (_, s) => {
        const squadId = `squad-${s + 1}`;
        const people = [`po-${s + 1}`, ...[1, 2, 3].map((m) => `member-${s + 1}-${m}`)];
        return [
          org.squadFormed(squadId, 'tribe-1', `Squad ${s + 1}`),
          ...people.flatMap((personId) => [
            org.personJoined(personId, personId),
            org.joinedSquad(personId, squadId),
          ]),
          org.productOwnerAppointed(squadId, people[0]),
        ];
      }).flat(),
    ]);

    // The directory knows every squad (its wall answers) before any goal of theirs arrives: a
    // celebration needs its owner's walls, and an owner not known yet is retried, then
    // dead-lettered — not the subject here.
    const anyone = recognitionClient(recognition, tenantId, 'tribe-lead');
    for (let s = 1; s <= squads; s++) {
      await expectEventually(
        async () =>
          expect((await anyone.send('GET', `/units/squad/squad-${s}/wall`)).status).toBe(200),
        { timeoutMs: 120_000, intervalMs: 250 },
      );
    }

    // Each squad's objectives with their key results, as goals' relay publishes them.
    const goals = new SourceTopics(tenantId);
    const keyResults: KeyResultOfSquad[] = [];
    const setUp: IntegrationEnvelope[] = [goals.cyclePlanned('q1'), goals.cycleActivated('q1')];
    for (let s = 1; s <= squads; s++) {
      for (let o = 1; o <= objectivesPerSquad; o++) {
        const objectiveId = `objective-${s}-${o}`;
        const stream = `objective-${tenantId}.${objectiveId}`;
        setUp.push(
          goals.on(stream, objectiveCreatedV1, {
            objectiveId,
            cycleId: 'q1',
            title: `Squad ${s} objective ${o}`,
            description: 'Generated',
            owner: { kind: 'squad', id: `squad-${s}` },
            kind: 'committed',
            visibility: 'public',
            fromProposalId: null,
            fromTemplateId: null,
          }),
        );
        for (let k = 1; k <= keyResultsPerObjective; k++) {
          const keyResultId = `kr-${s}-${o}-${k}`;
          keyResults.push({ squadId: `squad-${s}`, objectiveId, keyResultId });
          setUp.push(
            goals.on(stream, keyResultAddedV1, {
              objectiveId,
              keyResultId,
              title: `Key result ${k}`,
              metric: {
                type: 'number',
                unit: 'points',
                start: 0,
                target: 40,
                direction: 'increase',
              },
              owner: `member-${s}-${1 + (k % 3)}`,
              weight: 1,
              fromProposalId: null,
              reason: null,
            }),
          );
        }
        setUp.push(goals.on(stream, objectiveActivatedV1, { objectiveId }));
      }
    }
    await publishEnvelopes(kafka, stores.goalsTopic, setUp);
    expect(keyResults).toHaveLength(achievements);

    // 1,000 achievements, a batch at a time, while the kills fall.
    let published = 0;
    const streaming = (async () => {
      for (let from = 0; from < keyResults.length; from += batch) {
        await publishEnvelopes(
          kafka,
          stores.goalsTopic,
          keyResults
            .slice(from, from + batch)
            .map(({ objectiveId, keyResultId }) =>
              goals.keyResultAchieved(objectiveId, keyResultId),
            ),
        );
        published = Math.min(keyResults.length, from + batch);
        // Never far ahead of the service: the achievements are still coming at each kill.
        while (published - (await celebrated()).streams > aheadAtMost) await pause(50);
      }
    })();
    const service = recognition;
    const kills: string[] = [];
    const killing = (async () => {
      for (const threshold of killAtCelebrations) {
        await expectEventually(
          async () => expect((await celebrated()).streams).toBeGreaterThanOrEqual(threshold),
          { timeoutMs: 300_000, intervalMs: 25 },
        );
        const before = await celebrated();
        const exit = await service.kill('SIGKILL');
        const publishedAtKill = published;
        const { readyAt, spawnedAt } = await service.restart();
        kills.push(
          `kill -9 (${String(exit)}) at ${before.streams} celebrations, ${publishedAtKill} ` +
            `achievements published; restarted, ready in ${readyAt - spawnedAt} ms`,
        );
      }
    })();
    await Promise.all([streaming, killing]);
    expect(service.startCount).toBe(1 + killAtCelebrations.length);

    // The event store: one celebration stream per achievement, one event each.
    await expectEventually(async () => expect((await celebrated()).streams).toBe(achievements), {
      timeoutMs: 300_000,
      intervalMs: 500,
    });
    // Read from what each event says, not from how its stream is named.
    const { rows } = await pg.query<{ key_result_id: string; streams: number; events: number }>(
      `SELECT data->'achievement'->>'keyResultId' AS key_result_id,
              count(DISTINCT stream_id)::int AS streams, count(*)::int AS events
         FROM "${stores.schema}".events
        WHERE type = 'AchievementCelebrated' AND tenant_id = $1
        GROUP BY 1`,
      [tenantId],
    );
    expect(rows.map((row) => row.key_result_id).sort()).toEqual(
      keyResults.map((one) => one.keyResultId).sort(),
    );
    expect(rows.filter((row) => row.streams !== 1 || row.events !== 1)).toEqual([]);

    // The read side: one celebration document each, one entry on the feed and on its squad's wall.
    const url = new URL(testInfrastructure.mongoUrl());
    url.pathname = `/${stores.database}`;
    readStore = await mongoose.createConnection(url.toString()).asPromise();
    const readModels = new RecognitionReadModels(readStore);
    const tenant = TenantId.of(tenantId);
    await expectEventually(
      async () => {
        expect(await readModels.celebrations.count(tenant)).toBe(achievements);
        expect(
          await readModels.walls.count(tenant, { wall: organisationWall, item: 'celebration' }),
        ).toBe(achievements);
      },
      { timeoutMs: 300_000, intervalMs: 500 },
    );
    const celebrations = await readModels.celebrations.find(tenant, {});
    expect(new Set(celebrations.map((one) => one.achievementKey)).size).toBe(achievements);
    const keyResultsCelebrated = celebrations
      .map((one) => (one.achievement.kind === 'key-result-achieved' ? one.achievement : undefined))
      .map((achievement) => achievement?.keyResultId)
      .sort();
    expect(keyResultsCelebrated).toEqual(keyResults.map((one) => one.keyResultId).sort());
    const entries = await readModels.walls.find(tenant, { item: 'celebration' });
    for (let s = 1; s <= squads; s++) {
      const onWall = entries.filter((entry) => entry.wall === `squad:squad-${s}`);
      expect(onWall).toHaveLength(objectivesPerSquad * keyResultsPerObjective);
      expect(new Set(onWall.map((entry) => entry.itemId)).size).toBe(onWall.length);
    }
    const onFeed = entries.filter((entry) => entry.wall === organisationWall);
    expect(new Set(onFeed.map((entry) => entry.itemId)).size).toBe(achievements);

    // Printed, not asserted: how the kills fell.
    process.stdout.write(
      `${kills.join('\n')}\n${achievements} achievements: ${rows.length} key results celebrated (one stream, one event each), ` +
        `${celebrations.length} celebration documents, ${onFeed.length} entries on the feed\n`,
    );
  });
});
