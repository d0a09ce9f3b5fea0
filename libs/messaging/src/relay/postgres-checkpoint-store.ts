import { Pool } from 'pg';
import type { CheckpointStore } from './checkpoint-store';

export type PostgresCheckpointStoreOptions = Readonly<{
  /** Usually the event store's database, so the checkpoint sits beside what it points into. */
  connectionString: string;
  /** PostgreSQL schema of the `relay_checkpoints` table; tests use one of their own. */
  schema?: string;
  poolSize?: number;
}>;

const schemaName = /^[a-z_][a-z0-9_]{0,62}$/;

/** `relay_checkpoints(name, position)` in PostgreSQL. */
export class PostgresCheckpointStore implements CheckpointStore {
  readonly schema: string;
  private readonly pool: Pool;
  private readonly table: string;

  constructor(options: PostgresCheckpointStoreOptions) {
    this.schema = options.schema ?? 'public';
    if (!schemaName.test(this.schema)) throw new Error(`Invalid schema name ${this.schema}`);
    this.table = `"${this.schema}".relay_checkpoints`;
    this.pool = new Pool({
      connectionString: options.connectionString,
      max: options.poolSize ?? 2,
      application_name: 'rhythm-relay-checkpoints',
    });
    this.pool.on('error', () => undefined);
  }

  /** Creates the schema and table; safe to call repeatedly. */
  async migrate(): Promise<void> {
    await this.pool.query(`CREATE SCHEMA IF NOT EXISTS "${this.schema}"`);
    await this.pool.query(`CREATE TABLE IF NOT EXISTS ${this.table} (
      name text PRIMARY KEY,
      position bigint NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
  }

  async load(name: string): Promise<bigint | undefined> {
    const result = await this.pool.query<{ position: string }>(
      `SELECT position FROM ${this.table} WHERE name = $1`,
      [name],
    );
    return result.rows.length === 0 ? undefined : BigInt(result.rows[0].position);
  }

  async save(name: string, position: bigint): Promise<void> {
    await this.pool.query(
      `INSERT INTO ${this.table} AS checkpoint (name, position) VALUES ($1, $2)
       ON CONFLICT (name) DO UPDATE SET position = excluded.position, updated_at = now()
       WHERE checkpoint.position < excluded.position`,
      [name, position.toString()],
    );
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
