import { consumerGroupTiming, sessionTimeoutFor, type ConfigReadingAdmin } from './kafka-recovery';

const adminOf = (
  minimums: ReadonlyArray<string | undefined>,
  fails = false,
): ConfigReadingAdmin => ({
  connect: () => (fails ? Promise.reject(new Error('no broker')) : Promise.resolve()),
  disconnect: () => Promise.resolve(),
  describeCluster: () =>
    Promise.resolve({ brokers: minimums.map((_, index) => ({ nodeId: index + 1 })) }),
  describeConfigs: () =>
    Promise.resolve({
      resources: minimums.map((minimum) => ({
        configEntries:
          minimum === undefined
            ? []
            : [{ configName: 'group.min.session.timeout.ms', configValue: minimum }],
      })),
    }),
});

describe('consumer session timing', () => {
  it('asks for 3 s where the brokers allow it', async () => {
    expect(await sessionTimeoutFor(adminOf(['3000']))).toBe(3_000);
    expect(await sessionTimeoutFor(adminOf(['1000', '2000']))).toBe(3_000);
  });

  it("takes the brokers' minimum when it is higher (a stock broker says 6 s)", async () => {
    expect(await sessionTimeoutFor(adminOf(['6000']))).toBe(6_000);
    expect(await sessionTimeoutFor(adminOf(['3000', '6000']))).toBe(6_000);
  });

  it('assumes the stock minimum when the brokers cannot say', async () => {
    expect(await sessionTimeoutFor(adminOf([undefined]))).toBe(6_000);
    expect(await sessionTimeoutFor(adminOf(['3000'], true))).toBe(6_000);
  });

  it('heartbeats and long-polls a third of the session, and bounds a rebalance', () => {
    expect(consumerGroupTiming(3_000)).toEqual({
      sessionTimeout: 3_000,
      heartbeatInterval: 1_000,
      maxWaitTimeInMs: 1_000,
      rebalanceTimeout: 10_000,
    });
    expect(consumerGroupTiming(6_000)).toMatchObject({ heartbeatInterval: 2_000 });
  });
});
