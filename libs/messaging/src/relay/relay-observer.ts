import { Counter, Gauge, type Registry } from 'prom-client';

export type RelayBatch = Readonly<{
  relay: string;
  /** Events read from the store in this batch. */
  events: number;
  /** Integration events published (internal events are read but not published). */
  published: number;
  /** Global position of the batch's last event: the new checkpoint. */
  position: bigint;
  /** Age of the batch's last event when its transaction committed. */
  lagMs: number;
  durationMs: number;
}>;

export type RelayProgress = Readonly<{ relay: string; position: bigint }>;

/** Hooks for metrics and tests; every hook is optional and synchronous. */
export type RelayObserver = Readonly<{
  /** The batch is on the broker, its transaction not yet committed. */
  transactionSent?: (progress: RelayProgress) => void;
  /** The transaction committed; the checkpoint is not saved yet. */
  transactionCommitted?: (progress: RelayProgress) => void;
  /** Committed and checkpointed. */
  batchPublished?: (batch: RelayBatch) => void;
  recovered?: (recovery: Readonly<{ relay: string; position: bigint | undefined }>) => void;
  failed?: (failure: Readonly<{ relay: string; error: unknown; restartInMs: number }>) => void;
  /** Events set aside unpublished: `newlyParked` by this batch, `parkedNow` in all. */
  parked?: (parking: Readonly<{ relay: string; newlyParked: number; parkedNow: number }>) => void;
}>;

/** Prometheus metrics of relays, registered in the given registry. */
export const relayMetrics = (registry: Registry): RelayObserver => {
  const published = new Counter({
    name: 'rhythm_relay_events_published_total',
    help: 'Integration events the relay published (committed Kafka transactions).',
    labelNames: ['relay'],
    registers: [registry],
  });
  const read = new Counter({
    name: 'rhythm_relay_events_read_total',
    help: 'Events the relay read from the event store, published or internal.',
    labelNames: ['relay'],
    registers: [registry],
  });
  const lag = new Gauge({
    name: 'rhythm_relay_lag_seconds',
    help: 'Age of the last published event when its transaction committed.',
    labelNames: ['relay'],
    registers: [registry],
  });
  const position = new Gauge({
    name: 'rhythm_relay_checkpoint_position',
    help: 'Global position of the relay checkpoint.',
    labelNames: ['relay'],
    registers: [registry],
  });
  const failures = new Counter({
    name: 'rhythm_relay_failures_total',
    help: 'Relay failures (each followed by a restart from the recovered position).',
    labelNames: ['relay'],
    registers: [registry],
  });
  const parkedTotal = new Counter({
    name: 'rhythm_relay_parked_events_total',
    help: 'Events the relay could not publish and parked (each event counted once).',
    labelNames: ['relay'],
    registers: [registry],
  });
  const parkedNow = new Gauge({
    name: 'rhythm_relay_parked_events',
    help: 'Events the relay holds parked now, waiting for a replay.',
    labelNames: ['relay'],
    registers: [registry],
  });
  return {
    parked: ({ relay, newlyParked, parkedNow: count }) => {
      if (newlyParked > 0) parkedTotal.inc({ relay }, newlyParked);
      parkedNow.set({ relay }, count);
    },
    batchPublished: (batch) => {
      published.inc({ relay: batch.relay }, batch.published);
      read.inc({ relay: batch.relay }, batch.events);
      lag.set({ relay: batch.relay }, batch.lagMs / 1000);
      position.set({ relay: batch.relay }, Number(batch.position));
    },
    failed: ({ relay }) => failures.inc({ relay }),
  };
};
