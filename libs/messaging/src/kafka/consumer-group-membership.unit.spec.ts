import { EventEmitter } from 'node:events';
import type { Consumer } from 'kafkajs';
import { ConsumerGroupMembership, type InstrumentedConsumer } from './consumer-group-membership';

const events = {
  GROUP_JOIN: 'consumer.group_join',
  REBALANCING: 'consumer.rebalancing',
  CRASH: 'consumer.crash',
  STOP: 'consumer.stop',
} as const;

/** The instrumentation side of a kafkajs consumer, driven by the test. */
const fakeConsumer = () => {
  const emitter = new EventEmitter();
  const consumer = {
    events: events as unknown as Consumer['events'],
    on: ((name: string, listener: (event: unknown) => void) => {
      emitter.on(name, listener);
      return () => emitter.off(name, listener);
    }) as unknown as Consumer['on'],
  } satisfies InstrumentedConsumer;
  const emit = (name: string, payload: unknown) => emitter.emit(name, { payload });
  return { consumer, emit };
};

describe('ConsumerGroupMembership', () => {
  it('is joining until the first assignment, then consuming its partitions', () => {
    const { consumer, emit } = fakeConsumer();
    const membership = new ConsumerGroupMembership(consumer);
    expect(membership.state).toBe('joining');
    expect(membership.alive).toBe(true);

    emit(events.GROUP_JOIN, { memberAssignment: { 'org.events': [0, 2] } });

    expect(membership.state).toBe('consuming');
    expect(membership.describe()).toMatch(/^consuming 2 partitions for \d+\.\d s$/);
  });

  it('is restarting after a crash kafkajs restarts, with the crash named', () => {
    const { consumer, emit } = fakeConsumer();
    const membership = new ConsumerGroupMembership(consumer);
    emit(events.GROUP_JOIN, { memberAssignment: { t: [0] } });

    // kafkajs stops the consumer first, then says whether it restarts it.
    emit(events.STOP, {});
    emit(events.CRASH, { error: new Error('No broker available'), restart: true });

    expect(membership.state).toBe('restarting');
    expect(membership.alive).toBe(true);
    expect(membership.describe()).toMatch(/\(last crash: No broker available\)$/);
  });

  it('is failed after a crash kafkajs does not restart, and stopped after a stop', () => {
    const crashed = fakeConsumer();
    const failed = new ConsumerGroupMembership(crashed.consumer);
    crashed.emit(events.STOP, {});
    crashed.emit(events.CRASH, { error: new TypeError('bug'), restart: false });
    expect(failed.state).toBe('failed');
    expect(failed.alive).toBe(false);

    const stopping = fakeConsumer();
    const stopped = new ConsumerGroupMembership(stopping.consumer);
    stopping.emit(events.REBALANCING, {});
    expect(stopped.state).toBe('rebalancing');
    stopping.emit(events.STOP, {});
    expect(stopped.state).toBe('stopped');
    expect(stopped.alive).toBe(false);
  });
});
