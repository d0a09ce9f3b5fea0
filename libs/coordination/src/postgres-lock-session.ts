import { createHash } from 'node:crypto';
import { Client } from 'pg';
import type { LockSession } from './lock-session';

/** Where a releasing holder tells the waiting sessions (payload: the lease name). */
const releasedChannel = 'rhythm_lease_released';

export type PostgresLockSessionOptions = Readonly<{
  connectionString: string;
  /** The lease name, e.g. `relay:org:org_event_store`. */
  name: string;
  /** Bound on every statement, in the server and in the client. Default 1000 ms. */
  statementTimeoutMs?: number;
  /** Bound on connecting. Default 5000 ms. */
  connectTimeoutMs?: number;
}>;

/**
 * A stable 64-bit advisory lock key for a lease name: the first 8 bytes of its SHA-256, so every
 * replica and every version of the code computes the same key without a registry of numbers.
 */
export const leaseKey = (name: string): bigint =>
  createHash('sha256').update(name).digest().readBigInt64BE(0);

/**
 * A lease's own PostgreSQL session holding a session-level advisory lock (`pg_try_advisory_lock`).
 * Not a pool connection: a pool would hand the lock's connection to other work and could keep
 * it alive after the holder stopped caring. When the process dies, PostgreSQL ends the session
 * and frees the lock.
 */
export class PostgresLockSession implements LockSession {
  private readonly client: Client;
  private readonly key: string;
  /** pg_locks shows a bigint key as two oids: its high and its low 32 bits. */
  private readonly lockId: readonly [string, string];
  private connected: Promise<void> | undefined;
  private closing = false;
  private lostWith: Error | undefined;
  private readonly lostListeners: ((error: Error) => void)[] = [];
  private wake: (() => void) | undefined;

  constructor(private readonly options: PostgresLockSessionOptions) {
    const key = leaseKey(options.name);
    const unsigned = BigInt.asUintN(64, key);
    this.key = key.toString();
    this.lockId = [(unsigned >> 32n).toString(), (unsigned & 0xffff_ffffn).toString()];
    const timeoutMs = options.statementTimeoutMs ?? 1_000;
    this.client = new Client({
      connectionString: options.connectionString,
      // Visible in pg_stat_activity: who holds which lease.
      application_name: `rhythm-lease ${options.name}`.slice(0, 63),
      statement_timeout: timeoutMs,
      // The client-side bound also covers a server that no longer answers at all.
      query_timeout: timeoutMs,
      connectionTimeoutMillis: options.connectTimeoutMs ?? 5_000,
      keepAlive: true,
    });
    this.client.on('error', (error) => this.lose(error));
    this.client.on('end', () => this.lose(new Error(`The session of lease ${options.name} ended`)));
    this.client.on('notification', ({ channel, payload }) => {
      if (channel === releasedChannel && payload === options.name) this.wake?.();
    });
  }

  async tryAcquire(): Promise<boolean> {
    await this.connect();
    const result = await this.client.query<{ acquired: boolean }>(
      'SELECT pg_try_advisory_lock($1::bigint) AS acquired',
      [this.key],
    );
    return result.rows[0].acquired;
  }

  async verify(): Promise<boolean> {
    if (this.lostWith) throw this.lostWith;
    const result = await this.client.query<{ held: boolean }>(
      `SELECT EXISTS (
         SELECT 1 FROM pg_locks
         WHERE locktype = 'advisory' AND pid = pg_backend_pid() AND granted
           AND classid = $1::oid AND objid = $2::oid AND objsubid = 1
       ) AS held`,
      [...this.lockId],
    );
    return result.rows[0].held;
  }

  async release(): Promise<void> {
    await this.client.query('SELECT pg_advisory_unlock($1::bigint), pg_notify($2, $3)', [
      this.key,
      releasedChannel,
      this.options.name,
    ]);
  }

  waitForRelease(ms: number, signal: AbortSignal): Promise<void> {
    // Every wait removes what it added: a standby waits once a second for as long as it runs.
    return new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        if (this.wake === done) this.wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal.addEventListener('abort', done, { once: true });
      this.wake = done;
      if (signal.aborted) done();
    });
  }

  onLost(listener: (error: Error) => void): void {
    if (this.lostWith) listener(this.lostWith);
    else this.lostListeners.push(listener);
  }

  async close(): Promise<void> {
    this.closing = true;
    this.wake?.();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      this.client.end().catch(() => undefined),
      new Promise((resolve) => (timer = setTimeout(resolve, 1_000))),
    ]);
    clearTimeout(timer);
    // A server that stopped answering never acknowledges the end: drop the socket instead.
    this.client.connection.stream.destroy();
  }

  private connect(): Promise<void> {
    this.connected ??= (async () => {
      await this.client.connect();
      await this.client.query(`LISTEN ${releasedChannel}`);
    })();
    return this.connected;
  }

  private lose(error: Error): void {
    if (this.closing || this.lostWith) return;
    this.lostWith = error;
    for (const listener of this.lostListeners.splice(0)) listener(error);
  }
}
