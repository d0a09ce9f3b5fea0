import { randomUUID } from 'node:crypto';
import type { NestExpressApplication } from '@nestjs/platform-express';
import {
  checkInCorrectedV1,
  checkInRecordedV1,
  deadLetterTopicFor,
  type IntegrationEnvelope,
} from '@rhythm/contracts';
import type { EventStore, RecordedEvent } from '@rhythm/event-sourcing';
import { TEST_AUDIENCE, TEST_ISSUER, testKeyPair } from '@rhythm/identity';
import { createServiceApp, parseConfiguration } from '@rhythm/operability';
import { testInfrastructure, testKafkaClient, uniqueName } from '@rhythm/testing';
import type { Kafka } from 'kafkajs';
import mongoose, { type Connection } from 'mongoose';
import { Client } from 'pg';
import { goalsServiceOptions } from '../../goals.app';
import { goalsConfigurationSchema, type GoalsConfiguration } from '../../goals-configuration';
import { GOALS_EVENT_STORE, GOALS_READ_STORE } from '../../infrastructure/goals-tokens';

/**
 * The goals service in-process with its Kafka side started, on stores and topics of its own
 * that outlive one instance: boot, close and boot again on the same group and stores, as a
 * restarted replica would.
 */
export type CheckInFeedWorld = Readonly<{
  config: GoalsConfiguration;
  kafka: Kafka;
  boot: () => Promise<NestExpressApplication>;
  dispose: () => Promise<void>;
}>;

export const checkInFeedWorld = (): CheckInFeedWorld => {
  const mongoUrl = new URL(testInfrastructure.mongoUrl());
  mongoUrl.pathname = `/${uniqueName('goals_checkin_feed')}`;
  const config = parseConfiguration(goalsConfigurationSchema, {
    DATABASE_URL: testInfrastructure.databaseUrl(),
    ...testInfrastructure.kafkaEnvironment(),
    MONGO_URL: mongoUrl.toString(),
    GOALS_EVENT_STORE_SCHEMA: uniqueName('goals_es'),
    GOALS_EVENTS_TOPIC: uniqueName('goals_events'),
    ORG_EVENTS_TOPIC: uniqueName('org_events'),
    CHECKINS_EVENTS_TOPIC: uniqueName('checkins_events'),
    GOALS_CHECK_IN_FEED_GROUP: uniqueName('goals_check_in_feed'),
    JWT_ISSUER: TEST_ISSUER,
    JWT_AUDIENCE: TEST_AUDIENCE,
    JWT_PUBLIC_KEY: testKeyPair().publicKeyPem,
    LOG_LEVEL: 'warn',
    RATE_LIMITS: 'off',
  });
  const kafka = testKafkaClient('goals-check-in-feed-tests');
  const apps: NestExpressApplication[] = [];
  const orgDirectoryGroup = uniqueName('goals_org_directory');

  const boot = async () => {
    const app = await createServiceApp(
      goalsServiceOptions(config, {
        orgDirectory: { groupId: orgDirectoryGroup },
        checkInFeed: { retry: { maxAttempts: 2, initialDelayMs: 20, maxDelayMs: 100 } },
      }),
    );
    apps.push(app);
    // bootstrapService does this in main.ts.
    await app.startAllMicroservices();
    return app;
  };

  const dispose = async () => {
    // app.close() drains; each instance's stores are closed by the shutdown sequence in main.ts.
    for (const app of apps) {
      await app.get<EventStore>(GOALS_EVENT_STORE).close();
      await app.get<Connection>(GOALS_READ_STORE).close();
    }
    const mongo = await mongoose.createConnection(config.MONGO_URL).asPromise();
    await mongo.dropDatabase();
    await mongo.close();
    const pg = new Client({ connectionString: testInfrastructure.databaseUrl() });
    await pg.connect();
    await pg.query(`DROP SCHEMA IF EXISTS "${config.GOALS_EVENT_STORE_SCHEMA}" CASCADE`);
    await pg.end();
    const admin = kafka.admin();
    await admin.connect();
    await admin
      .deleteTopics({
        topics: [config.GOALS_EVENTS_TOPIC, config.ORG_EVENTS_TOPIC, config.CHECKINS_EVENTS_TOPIC]
          .concat(deadLetterTopicFor(config.ORG_EVENTS_TOPIC))
          .concat(deadLetterTopicFor(config.CHECKINS_EVENTS_TOPIC)),
      })
      .catch(() => undefined);
    await admin.disconnect();
  };

  return { config, kafka, boot, dispose };
};

/**
 * One key result's check-ins as the checkins relay publishes them: the stream
 * `checkins-<tenant>.<objectiveId>.<keyResultId>` in order, each envelope built and validated by
 * the published contract.
 */
export class KeyResultCheckIns {
  private revision = 0;
  private static position = 0n;
  readonly streamId: string;

  constructor(
    readonly tenantId: string,
    readonly objectiveId: string,
    readonly keyResultId: string,
    readonly authorId = 'bob',
  ) {
    this.streamId = `checkins-${tenantId}.${objectiveId}.${keyResultId}`;
  }

  private recorded(): RecordedEvent {
    const at = new Date(Date.UTC(2026, 1, 6, 16, this.revision));
    return {
      type: 'unused',
      data: {},
      streamId: this.streamId,
      streamRevision: this.revision++,
      globalPosition: ++KeyResultCheckIns.position,
      recordedAt: at,
      metadata: {
        eventId: randomUUID(),
        tenantId: this.tenantId,
        actor: this.authorId,
        correlationId: randomUUID(),
        causationId: randomUUID(),
        occurredAt: at.toISOString(),
      },
    };
  }

  checkIn(checkInId: string, value: number, confidence = 7): IntegrationEnvelope {
    const recorded = this.recorded();
    return checkInRecordedV1.envelope(recorded, {
      objectiveId: this.objectiveId,
      keyResultId: this.keyResultId,
      checkInId,
      authorId: this.authorId,
      value,
      confidence,
      band: confidence >= 7 ? 'on-track' : confidence >= 4 ? 'at-risk' : 'off-track',
      recordedAt: recorded.recordedAt.toISOString(),
    });
  }

  correction(
    checkInId: string,
    value: Readonly<{ before: number; after: number }>,
    latest: boolean,
  ): IntegrationEnvelope {
    const recorded = this.recorded();
    return checkInCorrectedV1.envelope(
      { ...recorded, metadata: { ...recorded.metadata, reason: 'Export double-counted' } },
      {
        objectiveId: this.objectiveId,
        keyResultId: this.keyResultId,
        checkInId,
        authorId: this.authorId,
        value,
        confidence: { before: 7, after: 6 },
        band: { before: 'on-track', after: 'at-risk' },
        reason: 'Export double-counted',
        latest,
        correctedAt: recorded.recordedAt.toISOString(),
      },
    );
  }
}
