import { createTopicsWithLeaders } from '@rhythm/kafka-access';
import { deadLetterTopicFor } from '@rhythm/contracts';
import { developmentIdentityEnvironment } from '@rhythm/identity';
import {
  dropTestStores,
  ServiceProcess,
  serviceTestEnvironment,
  testKafkaClient,
  uniqueName,
} from '@rhythm/testing';
import type { DemoServices } from '../demo-seeder';

type ServiceName = keyof DemoServices;

/**
 * The four services as child processes (their real main.ts) on free ports, on stores and topics
 * of their own in the shared local stack, trusting the development key as `npm start` does: what
 * `npm run demo` meets, nothing mocked.
 */
export class DemoWorld {
  private constructor(
    readonly processes: Readonly<Record<ServiceName, ServiceProcess>>,
    private readonly stores: Readonly<{ schemas: string[]; databases: string[]; topics: string[] }>,
  ) {}

  get services(): DemoServices {
    return {
      org: this.processes.org.url,
      goals: this.processes.goals.url,
      checkins: this.processes.checkins.url,
      recognition: this.processes.recognition.url,
    };
  }

  static async start(): Promise<DemoWorld> {
    const name = uniqueName('demo');
    const names: readonly ServiceName[] = ['org', 'goals', 'checkins', 'recognition'];
    const topics = Object.fromEntries(
      names.map((service) => [service, `${name}.${service}`]),
    ) as Record<ServiceName, string>;
    const schemas = names.map((service) => `${name}_${service}`);
    const stores = {
      schemas,
      databases: schemas,
      topics: [...Object.values(topics), ...Object.values(topics).map(deadLetterTopicFor)],
    };
    const admin = testKafkaClient('demo-world').admin();
    await admin.connect();
    try {
      await createTopicsWithLeaders(
        admin,
        Object.values(topics).map((topic) => ({ topic, numPartitions: 3 })),
      );
    } finally {
      await admin.disconnect();
    }
    const started: Partial<Record<ServiceName, ServiceProcess>> = {};
    try {
      const extra: Record<ServiceName, NodeJS.ProcessEnv> = {
        org: { ORG_EVENT_STORE_SCHEMA: schemas[0] },
        goals: {
          GOALS_EVENT_STORE_SCHEMA: schemas[1],
          GOALS_ORG_DIRECTORY_GROUP: `${name}.goals.org-directory`,
          GOALS_CHECK_IN_FEED_GROUP: `${name}.goals.check-in-feed`,
        },
        checkins: {
          CHECKINS_EVENT_STORE_SCHEMA: schemas[2],
          CHECKINS_DIRECTORY_GROUP: `${name}.checkins.directory`,
          CHECKINS_SWEEP_INTERVAL_MS: '3600000',
        },
        recognition: {
          RECOGNITION_EVENT_STORE_SCHEMA: schemas[3],
          RECOGNITION_DIRECTORY_GROUP: `${name}.recognition.directory`,
        },
      };
      // One after another: four cold starts at once on two cores take longer than in a row.
      for (const [index, service] of names.entries()) {
        started[service] = await ServiceProcess.start({
          name: service,
          main: `services/${service}/src/main.ts`,
          environment: {
            ...serviceTestEnvironment({ database: schemas[index] }),
            // The development key, as `npm start`: the demo signs its tokens with it.
            JWT_PUBLIC_KEY: '',
            ...developmentIdentityEnvironment(),
            ORG_EVENTS_TOPIC: topics.org,
            GOALS_EVENTS_TOPIC: topics.goals,
            CHECKINS_EVENTS_TOPIC: topics.checkins,
            RECOGNITION_EVENTS_TOPIC: topics.recognition,
            ...extra[service],
          },
          readyTimeoutMs: 180_000,
        });
      }
      return new DemoWorld(started as Record<ServiceName, ServiceProcess>, stores);
    } catch (error) {
      await Promise.all(Object.values(started).map((process) => process.kill('SIGKILL')));
      await dropTestStores(stores).catch(() => undefined);
      throw error;
    }
  }

  async dispose(): Promise<void> {
    await Promise.all(Object.values(this.processes).map((process) => process.stop()));
    await dropTestStores(this.stores);
  }
}
