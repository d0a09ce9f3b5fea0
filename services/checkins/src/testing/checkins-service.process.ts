import { createTopicsWithLeaders } from '@rhythm/kafka-access';
import { randomUUID } from 'node:crypto';
import { deadLetterTopicFor, type IntegrationEnvelope } from '@rhythm/contracts';
import { mintTestToken } from '@rhythm/identity';
import { OrgHistory, publishToTopic } from '@rhythm/org-directory/testing';
import {
  dropTestStores,
  expectEventually,
  ServiceProcess,
  serviceTestEnvironment,
  testKafkaClient,
  uniqueName,
} from '@rhythm/testing';
import type { Kafka } from 'kafkajs';

/** Where one checkins service keeps its events and read models, and which topics it uses. */
export type CheckinsServiceStores = Readonly<{
  /** PostgreSQL schema of the event store, the relay checkpoint and the scheduler's lease. */
  schema: string;
  /** Mongo database of the read models and the directory. */
  database: string;
  /** Kafka topic the relay publishes the check-ins to (goals consumes it). */
  topic: string;
  /** Kafka topics the directory consumes. */
  goalsTopic: string;
  orgTopic: string;
}>;

/**
 * The checkins service as a child process (`services/checkins/src/main.ts`) on a free port with
 * its own stores and the test identity; two started on the same stores are two replicas.
 */
export const startCheckinsService = (
  stores: CheckinsServiceStores,
  // environment: variables over the test defaults, e.g. a shorter sweep interval.
  options: Readonly<{ logLevel?: string; environment?: NodeJS.ProcessEnv }> = {},
): Promise<ServiceProcess> =>
  ServiceProcess.start({
    name: 'checkins',
    main: 'services/checkins/src/main.ts',
    environment: {
      ...serviceTestEnvironment({ database: stores.database, logLevel: options.logLevel }),
      CHECKINS_EVENT_STORE_SCHEMA: stores.schema,
      CHECKINS_EVENTS_TOPIC: stores.topic,
      GOALS_EVENTS_TOPIC: stores.goalsTopic,
      ORG_EVENTS_TOPIC: stores.orgTopic,
      // Replicas of one test share a group; parallel tests must not take each other's partitions.
      CHECKINS_DIRECTORY_GROUP: `rhythm-checkins.directory.${stores.schema}`,
      // Tests tick the scheduler themselves or not at all: an hour between two ticks.
      CHECKINS_SWEEP_INTERVAL_MS: '3600000',
      ...options.environment,
    },
  });

/** An answer over HTTP: the status and the parsed JSON body (undefined when there was none). */
export type JsonAnswer = Readonly<{ status: number; body: unknown }>;

/** A person's client of one service over real HTTP; a refused or reset connection throws. */
export type PersonClient = Readonly<{
  send: (
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    body?: object,
    headers?: Record<string, string>,
  ) => Promise<JsonAnswer>;
}>;

export const personClient = (
  service: Readonly<{ url: string }>,
  tenantId: string,
  personId: string,
  roles: readonly string[] = ['member'],
): PersonClient => {
  const authorization = `Bearer ${mintTestToken({ sub: personId, tenant: tenantId, roles: [...roles] })}`;
  return {
    send: async (method, path, body, headers = {}) => {
      const response = await fetch(`${service.url}${path}`, {
        method,
        headers: {
          authorization,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...headers,
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await response.text();
      return {
        status: response.status,
        body: text === '' ? undefined : (JSON.parse(text) as unknown),
      };
    },
  };
};

/**
 * Goals and checkins as their real processes on stores and topics of their own: org events are
 * published to the org topic as the org relay would; goals' reach checkins over the goals topic,
 * and check-ins go back to goals over the checkins topic. `kill('SIGKILL')` and `restart()` of
 * either process keep its port, stores and consumer groups.
 */
export type CheckinsAndGoals = Readonly<{
  kafka: Kafka;
  goals: ServiceProcess;
  checkins: ServiceProcess;
  checkinsStores: CheckinsServiceStores;
  goalsSchema: string;
  publishOrg: (events: readonly IntegrationEnvelope[]) => Promise<void>;
  dispose: () => Promise<void>;
}>;

export const startCheckinsAndGoals = async (
  options: Readonly<{ partitions?: number; logLevel?: string }> = {},
): Promise<CheckinsAndGoals> => {
  const topics = {
    org: uniqueName('org_events'),
    goals: uniqueName('goals_events'),
    checkins: uniqueName('checkins_events'),
  };
  const goalsStores = { schema: uniqueName('goals_es'), database: uniqueName('goals_procs') };
  const checkinsStores: CheckinsServiceStores = {
    schema: uniqueName('checkins_es'),
    database: uniqueName('checkins_procs'),
    topic: topics.checkins,
    goalsTopic: topics.goals,
    orgTopic: topics.org,
  };
  const kafka = testKafkaClient('checkins-processes');
  const admin = kafka.admin();
  await admin.connect();
  await createTopicsWithLeaders(
    admin,
    Object.values(topics).map((topic) => ({ topic, numPartitions: options.partitions ?? 3 })),
  );
  await admin.disconnect();
  const started: ServiceProcess[] = [];
  const dispose = async () => {
    for (const service of started) await service.stop().catch(() => undefined);
    await dropTestStores({
      schemas: [checkinsStores.schema, goalsStores.schema],
      databases: [checkinsStores.database, goalsStores.database],
      topics: [...Object.values(topics), ...Object.values(topics).map(deadLetterTopicFor)],
    });
  };
  try {
    const goals = await ServiceProcess.start({
      name: 'goals',
      main: 'services/goals/src/main.ts',
      environment: {
        ...serviceTestEnvironment({ database: goalsStores.database, logLevel: options.logLevel }),
        GOALS_EVENT_STORE_SCHEMA: goalsStores.schema,
        GOALS_EVENTS_TOPIC: topics.goals,
        ORG_EVENTS_TOPIC: topics.org,
        CHECKINS_EVENTS_TOPIC: topics.checkins,
        GOALS_ORG_DIRECTORY_GROUP: `rhythm-goals.org-directory.${goalsStores.schema}`,
        GOALS_CHECK_IN_FEED_GROUP: `rhythm-goals.check-in-feed.${goalsStores.schema}`,
      },
    });
    started.push(goals);
    const checkins = await startCheckinsService(checkinsStores, { logLevel: options.logLevel });
    started.push(checkins);
    return {
      kafka,
      goals,
      checkins,
      checkinsStores,
      goalsSchema: goalsStores.schema,
      publishOrg: (events) => publishToTopic(kafka, topics.org, events),
      dispose,
    };
  } catch (error) {
    await dispose();
    throw error;
  }
};

/** A key result set up on goals: who checks in on it, and who leads its objective. */
export type StaffedKeyResult = Readonly<{
  objectiveId: string;
  keyResultId: string;
  ownerId: string;
  leadId: string;
  squadId: string;
  /** Its first check-in (value 1, by `openKeyResults`). */
  openingCheckInId: string;
}>;

/** The shape of a generated organisation: squads of one tribe, each with its objectives. */
export type OkrShape = Readonly<{
  squads: number;
  membersPerSquad: number;
  objectivesPerSquad: number;
  keyResultsPerObjective: number;
}>;

const answered = (answer: JsonAnswer, status: number, what: string): Record<string, unknown> => {
  if (answer.status !== status) {
    throw new Error(`${what}: ${answer.status} ${JSON.stringify(answer.body)}`);
  }
  return answer.body as Record<string, unknown>;
};

/**
 * An organisation (one tribe of squads, each with a product owner and members) published on the
 * org topic, a cycle and the squads' objectives with key results set up over goals' HTTP, each
 * key result owned by a member of its squad.
 */
export const staffedOkrs = async (
  world: CheckinsAndGoals,
  tenantId: string,
  shape: OkrShape,
): Promise<StaffedKeyResult[]> => {
  const org = new OrgHistory(tenantId);
  const squads = Array.from({ length: shape.squads }, (_, s) => ({
    squadId: `squad-${s + 1}`,
    leadId: `po-${s + 1}`,
    members: Array.from({ length: shape.membersPerSquad }, (_, m) => `member-${s + 1}-${m + 1}`),
  }));
  await world.publishOrg([
    org.established('Generated'),
    org.personJoined('admin', 'Admin'),
    org.personJoined('tribe-lead', 'Tribe lead'),
    org.tribeFormed('tribe-1', 'Tribe 1'),
    org.tribeLeadAppointed('tribe-1', 'tribe-lead'),
    ...squads.flatMap(({ squadId, leadId, members }) => [
      org.squadFormed(squadId, 'tribe-1', squadId),
      org.personJoined(leadId, leadId),
      org.productOwnerAppointed(squadId, leadId),
      org.joinedSquad(leadId, squadId),
      ...members.flatMap((personId) => [
        org.personJoined(personId, personId),
        org.joinedSquad(personId, squadId),
      ]),
    ]),
  ]);
  const goalsAdmin = personClient(world.goals, tenantId, 'admin', ['admin', 'member']);
  const cycleId = uniqueName('q').replace(/_/g, '-');
  const day = 24 * 3600_000;
  // Goals learns the organisation from the topic: the admin is known once the cycle is accepted.
  await expectEventually(
    async () => {
      const answer = await goalsAdmin.send('POST', '/cycles', {
        cycleId,
        name: 'This quarter',
        startsOn: new Date(Date.now() - 150 * day).toISOString().slice(0, 10),
        endsOn: new Date(Date.now() + 60 * day).toISOString().slice(0, 10),
      });
      if (answer.status !== 409) answered(answer, 201, 'plan the cycle');
    },
    { timeoutMs: 60_000, intervalMs: 250 },
  );
  answered(await goalsAdmin.send('POST', `/cycles/${cycleId}/activate`), 200, 'activate cycle');
  const keyResults: StaffedKeyResult[] = [];
  // Squads in parallel, each squad's objectives one after another (each its own stream).
  await Promise.all(
    squads.map(async ({ squadId, leadId, members }) => {
      const lead = personClient(world.goals, tenantId, leadId);
      for (let o = 0; o < shape.objectivesPerSquad; o++) {
        let objectiveId = '';
        // The last person of the org topic may still be on its way to goals' directory.
        await expectEventually(
          async () => {
            const answer = await lead.send('POST', '/objectives', {
              cycleId,
              title: `${squadId} objective ${o + 1}`,
              description: 'Generated',
              owner: { kind: 'squad', id: squadId },
              kind: 'committed',
              visibility: 'public',
            });
            objectiveId = String(answered(answer, 201, 'set an objective').id);
          },
          { timeoutMs: 60_000, intervalMs: 250 },
        );
        for (let k = 0; k < shape.keyResultsPerObjective; k++) {
          const ownerId = members[(o * shape.keyResultsPerObjective + k) % members.length];
          // Goals' org directory may not have met the owner yet (the org topic's partitions).
          const body = await expectEventually(
            async () =>
              answered(
                await lead.send('POST', `/objectives/${objectiveId}/key-results`, {
                  title: `Key result ${k + 1}`,
                  metric: {
                    type: 'number',
                    unit: 'points',
                    start: 0,
                    target: 1_000_000,
                    direction: 'increase',
                  },
                  owner: ownerId,
                }),
                201,
                'add a key result',
              ),
            { timeoutMs: 60_000, intervalMs: 250 },
          );
          keyResults.push({
            objectiveId,
            keyResultId: String(body.keyResultId),
            ownerId,
            leadId,
            squadId,
            openingCheckInId: randomUUID(),
          });
        }
        answered(
          await lead.send('POST', `/objectives/${objectiveId}/activate`),
          200,
          'activate objective',
        );
      }
    }),
  );
  return keyResults;
};

/**
 * Opens every key result with a check-in (value 1, `openingCheckInId`), each retried until
 * checkins' directory, which follows the goals topic's partitions independently, knows its
 * objective as active (404, then 409, then 201).
 */
export const openKeyResults = async (
  world: CheckinsAndGoals,
  tenantId: string,
  keyResults: readonly StaffedKeyResult[],
): Promise<void> => {
  await Promise.all(
    keyResults.map(async (keyResult) => {
      const owner = personClient(world.checkins, tenantId, keyResult.ownerId);
      await expectEventually(
        async () => {
          const answer = await owner.send(
            'POST',
            `/objectives/${keyResult.objectiveId}/key-results/${keyResult.keyResultId}/check-ins`,
            { checkInId: keyResult.openingCheckInId, value: 1, confidence: 7 },
            { 'x-correlation-id': keyResult.openingCheckInId },
          );
          // 409 is either "not active yet", or the opening check-in taken by an earlier try.
          if (answer.status === 409 && JSON.stringify(answer.body).includes('already exists'))
            return;
          answered(answer, 201, 'open the key result with a check-in');
        },
        { timeoutMs: 120_000, intervalMs: 200 },
      );
    }),
  );
};
