import type { Pool } from 'pg';

/**
 * On a shared machine the read store can hang under somebody else's load (FerretDB v1 waits
 * forever once its PostgreSQL pool is used up by open cursors). Rather than sit silent until a
 * timeout, the benchmark says what it sees and stops: `alive()` is called on every bit of progress.
 */
export class StallWatchdog {
  private lastProgressAt = Date.now();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly stallAfterMs: number) {}

  alive(): void {
    this.lastProgressAt = Date.now();
  }

  start(onStall: (silentForMs: number) => void): void {
    this.alive();
    this.timer ??= setInterval(() => {
      const silentForMs = Date.now() - this.lastProgressAt;
      if (silentForMs >= this.stallAfterMs) {
        this.stop();
        onStall(silentForMs);
      }
    }, 5_000);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }
}

/** What FerretDB's PostgreSQL connections last did: a pool full of one query is a cursor leak. */
export const ferretDbPoolDiagnosis = async (pg: Pool): Promise<string> => {
  const { rows } = await pg.query<{ query: string; connections: number; active: number }>(
    `SELECT left(regexp_replace(query, '\\s+', ' ', 'g'), 140) AS query, count(*)::int AS connections,
            count(*) FILTER (WHERE state = 'active')::int AS active
       FROM pg_stat_activity WHERE datname = 'ferretdb'
      GROUP BY 1 ORDER BY 2 DESC LIMIT 3`,
  );
  const total = rows.reduce((sum, row) => sum + row.connections, 0);
  return (
    `FerretDB holds ${total} PostgreSQL connections; their last statements: ` +
    rows.map((row) => `${row.connections}× (${row.active} active) ${row.query}`).join(' | ')
  );
};
