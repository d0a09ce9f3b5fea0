import { createTopicsWithLeaders } from '@rhythm/kafka-access';
import { randomUUID } from 'node:crypto';
import type { IntegrationEnvelope } from '@rhythm/contracts';
import { expectEventually, testKafkaClient, uniqueName } from '@rhythm/testing';
import type { Kafka, Producer } from 'kafkajs';
import {
  fakeConsoleDist,
  startGateway,
  type GatewayUnderTest,
} from '../testing/gateway-under-test';
import { LiveStreamReader } from '../testing/live-stream.reader';
import { type SeenRequest, StandInService } from '../testing/stand-in-service';

jest.setTimeout(120_000);

/** Ada may see everything; Bob neither the private objective nor the private kudos. */
const seesPrivate = (request: SeenRequest) => request.subject === 'ada';

const visibleTo = (privateIds: readonly string[]) => (request: SeenRequest) => {
  if (request.url === '/people') {
    return {
      status: 200,
      body: [
        { personId: 'ada', name: 'Ada', leads: [] },
        { personId: 'bob', name: 'Bob', leads: [] },
        { personId: 'cid', name: 'Cid', leads: [] },
      ],
    };
  }
  const id = request.url.split('/').at(-1) ?? '';
  return privateIds.includes(id) && !seesPrivate(request)
    ? { status: 404, body: { statusCode: 404, error: 'not_found' } }
    : { status: 200, body: { id } };
};

/**
 * Live changes end to end: real integration events on real Kafka topics, the gateway's own
 * consumer group, the owning services (real HTTP servers standing in) asked with each person's
 * token, and the server-sent events each browser receives.
 */
describe('gateway: live changes, filtered by what each person may see', () => {
  const tenant = uniqueName('gateway-live');
  const topics = {
    org: uniqueName('gateway-live-org'),
    goals: uniqueName('gateway-live-goals'),
    checkins: uniqueName('gateway-live-checkins'),
    recognition: uniqueName('gateway-live-recognition'),
  };
  let kafka: Kafka;
  let producer: Producer;
  let org: StandInService;
  let goals: StandInService;
  let recognition: StandInService;
  let gateway: GatewayUnderTest;
  const streams: LiveStreamReader[] = [];
  // A TV board's link as the goals service makes it: claims [tenant, board, link], signature.
  const boardToken = `${Buffer.from(JSON.stringify([tenant, 'board-1', 'link-1'])).toString('base64url')}.c2lnbmF0dXJl`;
  let boardRevoked = false;

  const signIn = async (personId: string) => {
    const answer = await fetch(`${gateway.url}/api/session/development`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-rhythm-console': '1' },
      body: JSON.stringify({ organisationId: tenant, personId }),
    });
    expect(answer.status).toBe(200);
    return answer.headers.get('set-cookie')!.split(';')[0];
  };

  const open = async (personId: string) => {
    const stream = await LiveStreamReader.open(`${gateway.url}/api/live`, await signIn(personId));
    streams.push(stream);
    expect(stream.status).toBe(200);
    return stream;
  };

  const publish = async (
    topic: string,
    type: string,
    data: Record<string, unknown>,
    streamId: string,
    tenantId = tenant,
  ) => {
    const envelope: IntegrationEnvelope = {
      eventId: randomUUID(),
      type,
      version: 1,
      tenantId,
      streamId,
      streamRevision: 4,
      globalPosition: '1',
      actor: 'ada',
      correlationId: randomUUID(),
      causationId: randomUUID(),
      occurredAt: new Date().toISOString(),
      data,
    };
    await producer.send({ topic, messages: [{ key: streamId, value: JSON.stringify(envelope) }] });
    return envelope;
  };

  const typesOf = (stream: LiveStreamReader) => stream.changes.map((change) => change.type);

  beforeAll(async () => {
    kafka = testKafkaClient('gateway-live-test');
    const admin = kafka.admin();
    await admin.connect();
    await createTopicsWithLeaders(
      admin,
      Object.values(topics).map((topic) => ({ topic, numPartitions: 1 })),
    );
    await admin.disconnect();
    producer = kafka.producer();
    await producer.connect();
    org = await StandInService.start(visibleTo([]));
    goals = await StandInService.start((request) => {
      const board = /^\/boards\/view\/(.+)$/.exec(request.url)?.[1];
      if (board === undefined) return visibleTo(['private-objective'])(request);
      return board === boardToken && !boardRevoked
        ? { status: 200, body: { title: 'Payments', objectives: [{ objectiveId: 'on-board' }] } }
        : { status: 404, body: { statusCode: 404, error: 'not_found' } };
    });
    recognition = await StandInService.start(visibleTo(['private-kudos']));
    gateway = await startGateway({
      CONSOLE_DIST: fakeConsoleDist(),
      ORG_URL: org.url,
      GOALS_URL: goals.url,
      RECOGNITION_URL: recognition.url,
      RHYTHM_DEV_SIGN_IN: 'true',
      ORG_EVENTS_TOPIC: topics.org,
      GOALS_EVENTS_TOPIC: topics.goals,
      CHECKINS_EVENTS_TOPIC: topics.checkins,
      RECOGNITION_EVENTS_TOPIC: topics.recognition,
      BOARD_RECHECK_MS: '300',
    });
    await gateway.feed.start();
    await gateway.feed.ready;
  });

  afterAll(async () => {
    for (const stream of streams) stream.close();
    await gateway?.stop();
    await producer?.disconnect();
    await Promise.all([org?.stop(), goals?.stop(), recognition?.stop()]);
  });

  it('sends a private objective’s change to who may see it and not to who may not', async () => {
    const ada = await open('ada');
    const bob = await open('bob');
    // The group joined from the latest offset: published until Ada's stream shows it.
    await expectEventually(
      async () => {
        await publish(
          topics.goals,
          'goals.key-result-progressed',
          { objectiveId: 'private-objective', keyResultId: 'kr-1' },
          `objective-${tenant}.private-objective`,
        );
        expect(typesOf(ada)).toContain('goals.key-result-progressed');
      },
      { intervalMs: 500 },
    );
    await publish(
      topics.goals,
      'goals.objective-adjusted',
      { objectiveId: 'public-objective' },
      `objective-${tenant}.public-objective`,
    );
    await expectEventually(() => expect(typesOf(bob)).toContain('goals.objective-adjusted'));

    expect(ada.changes.find((change) => change.type === 'goals.key-result-progressed')).toEqual({
      service: 'goals',
      type: 'goals.key-result-progressed',
      subjects: [{ kind: 'objective', id: 'private-objective', version: 4 }],
      occurredAt: expect.any(String),
    });
    expect(typesOf(bob)).not.toContain('goals.key-result-progressed');
    // Asked with each person's own token: the service decided, not the gateway.
    const asked = goals.seen.filter((request) => request.url === '/objectives/private-objective');
    expect(new Set(asked.map((request) => request.subject))).toEqual(new Set(['ada', 'bob']));
  });

  it('sends a private kudos to its receivers only, and org changes to everyone of the organisation', async () => {
    const ada = await open('ada');
    const bob = await open('bob');
    await expectEventually(
      async () => {
        await publish(
          topics.org,
          'org.squad-renamed',
          { squadId: 'squad-1', name: 'Payments' },
          `squad-${tenant}.squad-1`,
        );
        expect(typesOf(ada)).toContain('org.squad-renamed');
        expect(typesOf(bob)).toContain('org.squad-renamed');
      },
      { intervalMs: 500 },
    );
    await publish(
      topics.recognition,
      'recognition.kudos-given',
      { kudosId: 'private-kudos', giverId: 'cem', receiverIds: ['ada'], audience: 'private' },
      `kudos-${tenant}.private-kudos`,
    );
    await publish(
      topics.recognition,
      'recognition.kudos-given',
      { kudosId: 'public-kudos', giverId: 'cem', receiverIds: ['bob'], audience: 'public' },
      `kudos-${tenant}.public-kudos`,
    );
    await expectEventually(() => {
      expect(
        ada.changes.filter((change) => change.type === 'recognition.kudos-given'),
      ).toHaveLength(2);
      expect(
        bob.changes.filter((change) => change.type === 'recognition.kudos-given'),
      ).toHaveLength(1);
    });
    const bobsKudos = bob.changes.find((change) => change.type === 'recognition.kudos-given');
    expect(bobsKudos?.subjects).toContainEqual({ kind: 'kudos', id: 'public-kudos', version: 4 });
  });

  it('sends nothing of another organisation', async () => {
    const ada = await open('ada');
    const other = uniqueName('gateway-live-other');
    await publish(
      topics.org,
      'org.tribe-renamed',
      { tribeId: 'elsewhere', name: 'X' },
      `tribe-${other}.elsewhere`,
      other,
    );
    await publish(
      topics.org,
      'org.tribe-renamed',
      { tribeId: 'here', name: 'Y' },
      `tribe-${tenant}.here`,
    );
    await expectEventually(() => expect(typesOf(ada)).toContain('org.tribe-renamed'));
    const renamed = ada.changes.filter((change) => change.type === 'org.tribe-renamed');
    expect(renamed.map((change) => change.subjects[0]?.id)).toEqual(['here']);
  });

  it('refuses a live stream without a session (401)', async () => {
    const stream = await LiveStreamReader.open(`${gateway.url}/api/live`);
    streams.push(stream);
    expect(stream.status).toBe(401);
  });

  it('keeps a person to a few streams: the oldest closes past the cap', async () => {
    const cookie = await signIn('cid');
    const opened: LiveStreamReader[] = [];
    for (let i = 0; i < 9; i += 1)
      opened.push(await LiveStreamReader.open(`${gateway.url}/api/live`, cookie));
    streams.push(...opened);
    await expectEventually(() => expect(opened[0].hasEnded).toBe(true));
    expect(opened.filter((stream) => stream.hasEnded)).toHaveLength(1);
  });

  it('opens a TV board by its link alone, sends the changes of its objectives, and closes when revoked', async () => {
    const view = await fetch(`${gateway.url}/api/boards/${boardToken}`);
    expect(view.status).toBe(200);
    expect(((await view.json()) as { title: string }).title).toBe('Payments');
    expect(goals.seen.at(-1)?.headers.authorization).toBeUndefined();
    expect((await fetch(`${gateway.url}/api/boards/not-a-link`)).status).toBe(404);

    const board = await LiveStreamReader.open(`${gateway.url}/api/boards/${boardToken}/live`);
    streams.push(board);
    expect(board.status).toBe(200);
    await publish(
      topics.goals,
      'goals.objective-adjusted',
      { objectiveId: 'off-board' },
      `objective-${tenant}.off-board`,
    );
    await publish(
      topics.goals,
      'goals.key-result-progressed',
      { objectiveId: 'on-board', keyResultId: 'kr' },
      `objective-${tenant}.on-board`,
    );
    await expectEventually(() => expect(typesOf(board)).toEqual(['goals.key-result-progressed']));

    boardRevoked = true;
    await expectEventually(() => expect(board.hasEnded).toBe(true));
    expect(board.events.at(-1)).toEqual({
      event: 'closed',
      data: JSON.stringify({ reason: 'the board was revoked' }),
    });
    const again = await LiveStreamReader.open(`${gateway.url}/api/boards/${boardToken}/live`);
    streams.push(again);
    expect(again.status).toBe(404);
  });
});
