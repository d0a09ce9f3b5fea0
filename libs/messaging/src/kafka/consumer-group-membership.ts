import type { Consumer } from 'kafkajs';
import { errorMessage } from '../messaging-logger';

/**
 * Where a consumer stands in its group. `joining`, `rebalancing` and `restarting` are the normal
 * moments of a start, a scale-out or a broker restart: the service serves meanwhile and what it
 * consumes may lag. `failed` is a crash kafkajs will not restart.
 */
export type ConsumerGroupState =
  'joining' | 'consuming' | 'rebalancing' | 'restarting' | 'stopped' | 'failed';

/** The kafkajs consumer's instrumentation events this needs (the Nest transport's consumer too). */
export type InstrumentedConsumer = Pick<Consumer, 'on' | 'events'>;

/**
 * Follows a kafkajs consumer's group membership from its instrumentation events, for readiness
 * and logs: the state, since when, and the last crash.
 */
export class ConsumerGroupMembership {
  private current: ConsumerGroupState = 'joining';
  private since = Date.now();
  private lastCrash: string | undefined;
  private partitions = 0;

  constructor(consumer: InstrumentedConsumer) {
    consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
      this.partitions = Object.values(payload.memberAssignment).reduce(
        (count, partitions) => count + partitions.length,
        0,
      );
      this.enter('consuming');
    });
    consumer.on(consumer.events.REBALANCING, () => this.enter('rebalancing'));
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      this.lastCrash = errorMessage(payload.error);
      this.enter(payload.restart ? 'restarting' : 'failed');
    });
    // On a crash kafkajs stops the consumer first, then says whether it restarts it.
    consumer.on(consumer.events.STOP, () => this.enter('stopped'));
  }

  get state(): ConsumerGroupState {
    return this.current;
  }

  /** Whether the consumer is on its way or working: every state but stopped and failed. */
  get alive(): boolean {
    return this.current !== 'stopped' && this.current !== 'failed';
  }

  /** E.g. "consuming 3 partitions for 12.0 s" or "joining for 1.2 s". */
  describe(now = Date.now()): string {
    const since = `for ${((now - this.since) / 1000).toFixed(1)} s`;
    const what =
      this.current === 'consuming'
        ? `consuming ${this.partitions} partition${this.partitions === 1 ? '' : 's'}`
        : this.current;
    const crash =
      this.lastCrash && this.current !== 'consuming' ? ` (last crash: ${this.lastCrash})` : '';
    return `${what} ${since}${crash}`;
  }

  private enter(state: ConsumerGroupState): void {
    if (state === this.current) return;
    this.current = state;
    this.since = Date.now();
  }
}
