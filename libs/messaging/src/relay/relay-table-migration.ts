import { migrateOwnedSchema, quotedRole } from '@rhythm/event-store-postgres';
import { Pool } from 'pg';

const schemaName = /^[a-z_][a-z0-9_]{0,62}$/;

/** `"schema".table` for a relay table, the schema name checked (it is spliced into SQL). */
export const relayTableName = (schema: string, table: string): string => {
  if (!schemaName.test(schema)) throw new Error(`Invalid schema name ${schema}`);
  return `"${schema}".${table}`;
};

export type RelayTablePoolOptions = Readonly<{
  connectionString: string;
  applicationName: string;
  poolSize?: number;
  /** A statement that waits this long for a row lock fails. Default 2000 ms. */
  lockTimeoutMs?: number;
  /** Any statement that runs this long is cancelled by the server. Default 5000 ms. */
  statementTimeoutMs?: number;
}>;

/**
 * The relay's pool for its own tables. No call waits without a bound (ADR 0028): a held row lock
 * or a server that stops answering fails the call, and the relay restarts with back-off and
 * recovers its position from Kafka, as after a crash.
 */
export const relayTablePool = (options: RelayTablePoolOptions): Pool => {
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

export type RelayTableMigration = Readonly<{
  schema: string;
  /** `"schema".table` */
  table: string;
  createTable: string;
  /** What the relay's role may do on the table, e.g. 'SELECT, INSERT, UPDATE'. */
  privileges: string;
  /** The relay's own role: the one granted. */
  connectionString: string;
  /** The schema owner's role, which creates the table (docs/adr/0029); default: the relay's. */
  ownerConnectionString?: string;
}>;

/**
 * A relay table lives in the event store's schema and is created like the store: by the owner
 * role, granting the relay's role only what it uses. Safe to run repeatedly and concurrently.
 */
export const migrateRelayTable = (migration: RelayTableMigration): Promise<void> =>
  migrateOwnedSchema({
    schema: migration.schema,
    serviceConnectionString: migration.connectionString,
    ownerConnectionString: migration.ownerConnectionString,
    run: async (owner, serviceRole) => {
      await owner.query(`CREATE SCHEMA IF NOT EXISTS "${migration.schema}"`);
      await owner.query(migration.createTable);
      if (serviceRole === undefined) return;
      const role = quotedRole(serviceRole);
      await owner.query(`GRANT USAGE ON SCHEMA "${migration.schema}" TO ${role}`);
      await owner.query(`REVOKE ALL ON ${migration.table} FROM ${role}`);
      await owner.query(`GRANT ${migration.privileges} ON ${migration.table} TO ${role}`);
    },
  });
