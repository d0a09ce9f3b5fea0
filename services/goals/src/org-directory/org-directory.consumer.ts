import {
  Inject,
  Injectable,
  Optional,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
  type OnModuleInit,
} from '@nestjs/common';
import { ContractRegistry, deadLetterTopicFor, orgIntegrationEvents } from '@rhythm/contracts';
import {
  ensureTopics,
  MongooseInboxStore,
  runConsumer,
  type RetryPolicy,
  type RunningConsumer,
} from '@rhythm/messaging';
import {
  noted,
  ServiceLogger,
  ShutdownRegistry,
  type Drainable,
  type HealthCheck,
} from '@rhythm/operability';
import { OrgDirectoryProjector, OrgDirectoryStore } from '@rhythm/org-directory';
import type { Kafka } from 'kafkajs';
import type { Connection } from 'mongoose';
import type { GoalsConfiguration } from '../goals-configuration';
import { GOALS_CONFIGURATION, GOALS_KAFKA, GOALS_READ_STORE } from '../infrastructure/goals-tokens';

export type OrgDirectoryOptions = Readonly<{
  /** Kafka consumer group. Default GOALS_ORG_DIRECTORY_GROUP; tests use one of their own. */
  groupId?: string;
  /** The effect's name in the inbox (dedupe scope). Default `goals.org-directory`. */
  consumer?: string;
  /** Inbox collection in the goals read store. Default `inbox`. */
  inboxCollection?: string;
  retry?: Partial<RetryPolicy>;
}>;

export const ORG_DIRECTORY_OPTIONS = Symbol('OrgDirectoryOptions');

export const orgDirectoryDefaults = {
  consumer: 'goals.org-directory',
  inboxCollection: 'inbox',
} as const;

/**
 * Follows the org topic into the directory from application bootstrap: contract validation,
 * dedupe by event id, retries with backoff and the dead-letter topic come from the messaging
 * inbox (ADR 0005). Bootstrap does not wait for the group join (ADR 0028): a replica restarted
 * after kill -9 serves its own commands and queries while the group waits out its predecessor.
 * Drained on shutdown: the event in hand finishes before the group is left.
 */
@Injectable()
export class OrgDirectoryConsumer
  implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown, Drainable
{
  readonly name = 'org-directory';
  private running: RunningConsumer | undefined;
  private drained: Promise<void> | undefined;
  private readonly options: Required<Omit<OrgDirectoryOptions, 'retry'>> &
    Pick<OrgDirectoryOptions, 'retry'>;

  constructor(
    @Inject(GOALS_KAFKA) private readonly kafka: Kafka,
    @Inject(GOALS_READ_STORE) private readonly readStore: Connection,
    @Inject(GOALS_CONFIGURATION)
    private readonly config: Pick<
      GoalsConfiguration,
      'ORG_EVENTS_TOPIC' | 'GOALS_ORG_DIRECTORY_GROUP'
    >,
    @Inject(OrgDirectoryStore) private readonly store: OrgDirectoryStore,
    @Inject(OrgDirectoryProjector) private readonly projector: OrgDirectoryProjector,
    @Optional() @Inject(ORG_DIRECTORY_OPTIONS) options?: OrgDirectoryOptions,
    @Optional() @Inject(ShutdownRegistry) private readonly shutdown?: ShutdownRegistry,
    @Optional() @Inject(ServiceLogger) private readonly logger?: ServiceLogger,
  ) {
    this.options = {
      ...orgDirectoryDefaults,
      groupId: config.GOALS_ORG_DIRECTORY_GROUP,
      ...options,
    };
  }

  onModuleInit(): void {
    // Drained with the other consumers by the graceful shutdown, before the read store closes.
    this.shutdown?.drainOnShutdown(this);
  }

  async onApplicationBootstrap(): Promise<void> {
    const topic = this.config.ORG_EVENTS_TOPIC;
    const inboxStore = new MongooseInboxStore(this.readStore, {
      collection: this.options.inboxCollection,
    });
    await Promise.all([this.store.ensureIndexes(), inboxStore.ensureIndexes()]);
    // The org relay creates its topic too; whoever boots first must not find it missing.
    await ensureTopics(this.kafka, [topic, deadLetterTopicFor(topic)]);
    this.running = await runConsumer({
      kafka: this.kafka,
      groupId: this.options.groupId,
      consumer: this.options.consumer,
      topics: [topic],
      registry: ContractRegistry.of(orgIntegrationEvents),
      inboxStore,
      handle: (event) => this.projector.apply(event),
      ...(this.options.retry ? { retry: this.options.retry } : {}),
      ...(this.logger ? { logger: this.logger.pino } : {}),
    });
  }

  /** Lets the event in hand finish and leaves the group; once, whoever asks first. */
  drain(): Promise<void> {
    this.drained ??= this.running?.stop() ?? Promise.resolve();
    return this.drained;
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.drain();
  }

  /**
   * Ready while the consumer runs, joining or rebalancing included (the directory may lag by
   * then; the report says where the consumer stands). Not ready once stopped or crashed for good.
   */
  healthCheck(): HealthCheck {
    return {
      name: 'org-directory',
      check: () => {
        const membership = this.running?.membership;
        if (!membership || this.drained) {
          return Promise.reject(new Error('the org directory consumer is not running'));
        }
        if (!membership.alive) {
          return Promise.reject(new Error(`the org directory consumer ${membership.describe()}`));
        }
        return Promise.resolve(noted(membership.describe()));
      },
    };
  }
}
