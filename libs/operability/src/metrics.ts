import {
  collectDefaultMetrics,
  Counter,
  type CounterConfiguration,
  Gauge,
  type GaugeConfiguration,
  Histogram,
  type HistogramConfiguration,
  Registry,
} from 'prom-client';

/** The one Prometheus registry of a service process, served at /metrics. */
export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry });

type Named = { name: string };

/** Returns the metric already registered under this name, so that defining twice is harmless. */
const registered = <M>(config: Named, create: () => M): M =>
  (metricsRegistry.getSingleMetric(config.name) as M | undefined) ?? create();

/** Add a service's or a library's own metrics through these (idempotent by name). */
export const metrics = {
  registry: metricsRegistry,
  counter: <L extends string>(config: Omit<CounterConfiguration<L>, 'registers'>) =>
    registered(config, () => new Counter<L>({ ...config, registers: [metricsRegistry] })),
  gauge: <L extends string>(config: Omit<GaugeConfiguration<L>, 'registers'>) =>
    registered(config, () => new Gauge<L>({ ...config, registers: [metricsRegistry] })),
  histogram: <L extends string>(config: Omit<HistogramConfiguration<L>, 'registers'>) =>
    registered(config, () => new Histogram<L>({ ...config, registers: [metricsRegistry] })),
};

export const httpRequestDuration = metrics.histogram({
  name: 'http_request_duration_seconds',
  help: 'HTTP request duration by method, route pattern and status code',
  labelNames: ['method', 'route', 'status'],
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
});

/**
 * Metrics the shared libraries record, named here so that dashboards have one vocabulary.
 * Each is created on first use.
 */
export const rhythmMetrics = {
  eventsAppended: () =>
    metrics.counter({
      name: 'rhythm_events_appended_total',
      help: 'Events appended to the event store',
      labelNames: ['store', 'category'],
    }),
  relayPublished: () =>
    metrics.counter({
      name: 'rhythm_relay_published_total',
      help: 'Integration events the relay published to Kafka',
      labelNames: ['topic'],
    }),
  projectionLag: () =>
    metrics.gauge({
      name: 'rhythm_projection_lag_events',
      help: 'Events a projection is behind the head of its source',
      labelNames: ['projection'],
    }),
};
