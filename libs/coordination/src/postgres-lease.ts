import type { Registry } from 'prom-client';
import { Lease, type LeaseOptions } from './lease';
import { leaseMetrics, type LeaseLogger } from './lease-observer';
import { PostgresLockSession } from './postgres-lock-session';

export type PostgresLeaseOptions = Readonly<{
  name: string;
  /** The PostgreSQL database whose advisory locks every replica shares. */
  connectionString: string;
  logger?: LeaseLogger;
  /** Registers `rhythm_lease_held`, `rhythm_lease_acquisitions_total`, `rhythm_lease_losses_total`. */
  metrics?: Registry;
  /** Bound on each statement of the lease's session (connect excluded). Default 1000 ms. */
  statementTimeoutMs?: number;
}> &
  Pick<LeaseOptions, 'pollIntervalMs' | 'checkIntervalMs' | 'restMs'>;

/** A lease held as a PostgreSQL advisory lock on a session of its own. */
export const postgresLease = (options: PostgresLeaseOptions): Lease =>
  new Lease({
    name: options.name,
    openSession: () =>
      new PostgresLockSession({
        connectionString: options.connectionString,
        name: options.name,
        statementTimeoutMs: options.statementTimeoutMs,
      }),
    logger: options.logger,
    observer: options.metrics ? leaseMetrics(options.metrics) : undefined,
    pollIntervalMs: options.pollIntervalMs,
    checkIntervalMs: options.checkIntervalMs,
    restMs: options.restMs,
  });
