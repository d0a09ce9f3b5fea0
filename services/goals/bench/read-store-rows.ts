import { Pool } from 'pg';

/** Rows written in one read-store collection. */
export type RowWrites = Readonly<{ inserted: number; updated: number; deleted: number }>;

/**
 * The rows written per read-store collection, from PostgreSQL's table statistics: FerretDB 1.x
 * keeps each collection of a database in a table of the schema of that name, and names the table
 * in `_ferretdb_database_metadata`. Undefined when the read store is not FerretDB on this server.
 *
 * PostgreSQL's backends publish their counts at most once a second, and an idle one within 10 s:
 * a difference over a phase of tens of seconds is close, not exact (`settle` first).
 */
export class ReadStoreRows {
  private constructor(
    private readonly ferretdb: Pool,
    private readonly database: string,
  ) {}

  static async open(pg: Pool, database: string): Promise<ReadStoreRows | undefined> {
    const url = new URL(pg.options.connectionString!);
    url.pathname = '/ferretdb';
    const ferretdb = new Pool({ connectionString: url.toString(), max: 1 });
    const rows = new ReadStoreRows(ferretdb, database);
    try {
      await rows.now();
      return rows;
    } catch {
      await ferretdb.end();
      return undefined;
    }
  }

  async now(): Promise<Map<string, RowWrites>> {
    const { rows } = await this.ferretdb.query<{
      collection: string;
      inserted: string;
      updated: string;
      deleted: string;
    }>(
      `SELECT m._jsonb->>'_id' AS collection, s.n_tup_ins AS inserted, s.n_tup_upd AS updated,
              s.n_tup_del AS deleted
         FROM ${quoted(this.database)}._ferretdb_database_metadata m
         JOIN pg_stat_user_tables s ON s.schemaname = $1 AND s.relname = m._jsonb->>'table'`,
      [this.database],
    );
    return new Map(
      rows.map((row) => [
        row.collection,
        {
          inserted: Number(row.inserted),
          updated: Number(row.updated),
          deleted: Number(row.deleted),
        },
      ]),
    );
  }

  /** Waits out PostgreSQL's delay in publishing the backends' counts. */
  settle(): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, 11_000));
  }

  close(): Promise<void> {
    return this.ferretdb.end();
  }
}

const quoted = (identifier: string): string => `"${identifier.replace(/"/g, '""')}"`;

/** What each collection had written between two counts, the busiest first. */
export const rowWritesBetween = (
  before: ReadonlyMap<string, RowWrites>,
  after: ReadonlyMap<string, RowWrites>,
): [collection: string, writes: RowWrites][] =>
  [...after.entries()]
    .map(([collection, now]): [string, RowWrites] => {
      const then = before.get(collection) ?? { inserted: 0, updated: 0, deleted: 0 };
      return [
        collection,
        {
          inserted: now.inserted - then.inserted,
          updated: now.updated - then.updated,
          deleted: now.deleted - then.deleted,
        },
      ];
    })
    .filter(([, writes]) => writes.inserted + writes.updated + writes.deleted > 0)
    .sort(
      ([, a], [, b]) => b.inserted + b.updated + b.deleted - (a.inserted + a.updated + a.deleted),
    );
