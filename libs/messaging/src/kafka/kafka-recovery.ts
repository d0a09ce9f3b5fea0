import { ConfigResourceTypes, type ConsumerConfig, type RetryOptions } from 'kafkajs';

/**
 * How fast Kafka clients come back after a broker restart, and how fast a consumer group notices
 * a member that is gone (kill -9) and replaces it: docs/adr/0028. kafkajs 2.2 has no static
 * membership, so a restarted process joins as a new member and the group waits for the dead
 * member's session to expire; a short session is what bounds that wait.
 */
export type ConsumerGroupTiming = Readonly<
  Required<
    Pick<
      ConsumerConfig,
      'sessionTimeout' | 'heartbeatInterval' | 'rebalanceTimeout' | 'maxWaitTimeInMs'
    >
  >
>;

/** The session we ask for; a broker whose group.min.session.timeout.ms is higher gets that. */
export const preferredSessionTimeoutMs = 3_000;

/**
 * kafkajs heartbeats from its fetch loop: after each message and after each fetch. So the fetch
 * long poll and the heartbeat interval are a third of the session each, which leaves a message
 * handler two thirds of the session or more before the member is lost (the inbox heartbeats during
 * its retry back-off). A member that misses a rebalance for `rebalanceTimeout` is dropped from it
 * rather than holding up every other member; it rejoins when its handler returns.
 */
export const consumerGroupTiming = (sessionTimeoutMs: number): ConsumerGroupTiming => {
  const third = Math.floor(sessionTimeoutMs / 3);
  return {
    sessionTimeout: sessionTimeoutMs,
    heartbeatInterval: third,
    maxWaitTimeInMs: third,
    rebalanceTimeout: Math.max(10_000, sessionTimeoutMs),
  };
};

/**
 * Retries of the consumer's group and fetch calls, at most a second apart, so that a member finds
 * a broker that came back within a second; while the broker stays away the attempts go on for
 * about 20 s before kafkajs restarts the consumer (a restart loses the member id).
 */
export const consumerRetry = (
  restartOnFailure: () => Promise<boolean>,
): NonNullable<ConsumerConfig['retry']> => ({
  initialRetryTime: 250,
  maxRetryTime: 1_000,
  retries: 20,
  restartOnFailure,
});

/**
 * The Kafka client's own retry (broker connections, metadata, admin calls): at most a second
 * apart, so a client finds a broker that came back within a second. kafkajs' default doubles up
 * to 30 s, and a consumer that lost the broker then sleeps up to 5 s after it is back.
 */
export const kafkaClientRetry = {
  initialRetryTime: 250,
  maxRetryTime: 1_000,
  retries: 10,
} as const satisfies RetryOptions;

/** The kafkajs admin calls the session lookup needs (the Nest transport's client has them too). */
export type ConfigReadingAdmin = Readonly<{
  connect: () => Promise<void>;
  disconnect: () => Promise<void>;
  describeCluster: () => Promise<{ brokers: ReadonlyArray<{ nodeId: number }> }>;
  describeConfigs: (request: {
    resources: Array<{ type: number; name: string; configNames: string[] }>;
    includeSynonyms: boolean;
  }) => Promise<{
    resources: ReadonlyArray<{
      configEntries: ReadonlyArray<{ configName: string; configValue: string }>;
    }>;
  }>;
}>;

const minimumSessionConfig = 'group.min.session.timeout.ms';

/**
 * The session a consumer of this cluster asks for: the preferred one, or the brokers'
 * `group.min.session.timeout.ms` when that is higher (a stock broker says 6000; a shorter session
 * would be refused at the join). When the brokers cannot be asked, the stock minimum.
 */
export const sessionTimeoutFor = async (
  admin: ConfigReadingAdmin,
  preferredMs = preferredSessionTimeoutMs,
): Promise<number> => {
  const stockMinimumMs = 6_000;
  try {
    await admin.connect();
    const { brokers } = await admin.describeCluster();
    const { resources } = await admin.describeConfigs({
      resources: brokers.map((broker) => ({
        type: ConfigResourceTypes.BROKER,
        name: String(broker.nodeId),
        configNames: [minimumSessionConfig],
      })),
      includeSynonyms: false,
    });
    const minimums = resources.flatMap((resource) =>
      resource.configEntries
        .filter((entry) => entry.configName === minimumSessionConfig)
        .map((entry) => Number(entry.configValue)),
    );
    if (minimums.length === 0 || minimums.some((value) => !Number.isFinite(value))) {
      return Math.max(preferredMs, stockMinimumMs);
    }
    return Math.max(preferredMs, ...minimums);
  } catch {
    return Math.max(preferredMs, stockMinimumMs);
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
};
