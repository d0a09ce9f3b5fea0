import type { Admin } from 'kafkajs';
import { createTopicsWithLeaders } from './kafka-topics';

const protocolError = (type: string) =>
  Object.assign(new Error(`broker answered ${type}`), { type });

/** An admin whose metadata answers come from a script, one per call. */
const scriptedAdmin = (answers: readonly (Error | number)[]) => {
  const calls = { create: 0, metadata: 0 };
  const admin = {
    createTopics: () => {
      calls.create += 1;
      return Promise.resolve(true);
    },
    fetchTopicMetadata: ({ topics }: { topics: string[] }) => {
      const answer = answers[Math.min(calls.metadata, answers.length - 1)];
      calls.metadata += 1;
      if (answer instanceof Error) return Promise.reject(answer);
      return Promise.resolve({
        topics: topics.map((name) => ({
          name,
          partitions: [{ partitionId: 0, leader: answer, replicas: [], isr: [] }],
        })),
      });
    },
  } as unknown as Admin;
  return { admin, calls };
};

describe('createTopicsWithLeaders', () => {
  it('waits out a broker that has not heard of the new topic yet, and a partition without a leader', async () => {
    const { admin, calls } = scriptedAdmin([
      protocolError('UNKNOWN_TOPIC_OR_PARTITION'),
      protocolError('LEADER_NOT_AVAILABLE'),
      -1,
      1,
    ]);
    await createTopicsWithLeaders(admin, [{ topic: 'rhythm.goals.events' }]);
    expect(calls).toEqual({ create: 1, metadata: 4 });
  });

  it('fails at once on any other error', async () => {
    const { admin, calls } = scriptedAdmin([protocolError('TOPIC_AUTHORIZATION_FAILED')]);
    await expect(
      createTopicsWithLeaders(admin, [{ topic: 'rhythm.goals.events' }]),
    ).rejects.toThrow(/TOPIC_AUTHORIZATION_FAILED/);
    expect(calls.metadata).toBe(1);
  });

  it('gives up after its timeout', async () => {
    const { admin } = scriptedAdmin([protocolError('UNKNOWN_TOPIC_OR_PARTITION')]);
    await expect(
      createTopicsWithLeaders(admin, [{ topic: 'rhythm.goals.events' }], 250),
    ).rejects.toThrow(/UNKNOWN_TOPIC_OR_PARTITION|were not elected/);
  });
});
