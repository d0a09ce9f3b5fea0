import { Pool } from 'pg';

export type BoundedPoolOptions = Readonly<{
  connectionString: string;
  applicationName: string;
  poolSize?: number;
  /** A statement that waits this long for a row lock fails. Default 2000 ms. */
  lockTimeoutMs?: number;
  /** Any statement that runs this long is cancelled by the server. Default 5000 ms. */
  statementTimeoutMs?: number;
}>;

/**
 * A pool for a component's own tables beside the event store. No call waits without a bound
 * (ADR 0028): a held row lock or a server that stops answering fails the call, and the caller
 * decides what a failure means (the relay restarts and recovers its position; a cache is read
 * again).
 */
export const boundedPool = (options: BoundedPoolOptions): Pool => {
  const statementTimeoutMs = options.statementTimeoutMs ?? 5_000;
  const pool = new Pool({
    connectionString: options.connectionString,
    max: options.poolSize ?? 2,
    application_name: options.applicationName,
    // Server side, per session: a clean cancel (lock_timeout 55P03, statement_timeout 57014).
    lock_timeout: options.lockTimeoutMs ?? 2_000,
    statement_timeout: statementTimeoutMs,
    // Client side, for a server or network that no longer answers at all.
    query_timeout: statementTimeoutMs + 5_000,
    connectionTimeoutMillis: statementTimeoutMs,
  });
  pool.on('error', () => undefined);
  return pool;
};
