import { Counter, Gauge, type Registry } from 'prom-client';

/** Hooks for metrics and tests; every hook is optional and synchronous. */
export type LeaseObserver = Readonly<{
  /** This replica holds the lease now; `takeover` when another replica held it before. */
  acquired?: (lease: string, takeover: boolean) => void;
  /** Another replica holds the lease; this one waits to take it over. */
  standingBy?: (lease: string) => void;
  /** This replica gave the lease up: stopped, or its work ended. */
  released?: (lease: string) => void;
  /** This replica's session failed while it held the lease; its work was stopped. */
  lost?: (lease: string, error: unknown) => void;
}>;

/** The slice of a pino logger a lease writes to; pass the service's logger. */
export type LeaseLogger = Readonly<{
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}>;

export const silentLeaseLogger: LeaseLogger = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

// Prometheus metrics exist once per registry, however many leases (and apps, in a test) use it.
const observers = new WeakMap<Registry, LeaseObserver>();

/**
 * `rhythm_lease_held{lease}` (1 on the replica that holds it), `rhythm_lease_acquisitions_total`
 * and `rhythm_lease_losses_total` in the given registry.
 */
export const leaseMetrics = (registry: Registry): LeaseObserver => {
  const known = observers.get(registry);
  if (known) return known;
  const held = new Gauge({
    name: 'rhythm_lease_held',
    help: 'Whether this replica holds the lease (1) or stands by (0).',
    labelNames: ['lease'],
    registers: [registry],
  });
  const acquisitions = new Counter({
    name: 'rhythm_lease_acquisitions_total',
    help: 'Times this replica acquired the lease (after another held it: a takeover).',
    labelNames: ['lease', 'takeover'],
    registers: [registry],
  });
  const losses = new Counter({
    name: 'rhythm_lease_losses_total',
    help: 'Times this replica lost its lease session while holding it and stopped the work.',
    labelNames: ['lease'],
    registers: [registry],
  });
  const observer: LeaseObserver = {
    acquired: (lease, takeover) => {
      held.set({ lease }, 1);
      acquisitions.inc({ lease, takeover: String(takeover) });
    },
    standingBy: (lease) => held.set({ lease }, 0),
    released: (lease) => held.set({ lease }, 0),
    lost: (lease) => {
      held.set({ lease }, 0);
      losses.inc({ lease });
    },
  };
  observers.set(registry, observer);
  return observer;
};
