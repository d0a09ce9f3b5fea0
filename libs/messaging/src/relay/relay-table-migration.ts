import {
  boundedPool,
  migrateOwnedTables,
  type BoundedPoolOptions,
} from '@rhythm/event-store-postgres';
import type { Pool } from 'pg';

const schemaName = /^[a-z_][a-z0-9_]{0,62}$/;

/** `"schema".table` for a relay table, the schema name checked (it is spliced into SQL). */
export const relayTableName = (schema: string, table: string): string => {
  if (!schemaName.test(schema)) throw new Error(`Invalid schema name ${schema}`);
  return `"${schema}".${table}`;
};

export type RelayTablePoolOptions = BoundedPoolOptions;

/**
 * The relay's pool for its own tables. No call waits without a bound (ADR 0028): a held row lock
 * or a server that stops answering fails the call, and the relay restarts with back-off and
 * recovers its position from Kafka, as after a crash.
 */
export const relayTablePool = (options: RelayTablePoolOptions): Pool => boundedPool(options);

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
  migrateOwnedTables({
    schema: migration.schema,
    serviceConnectionString: migration.connectionString,
    ownerConnectionString: migration.ownerConnectionString,
    tables: [
      { name: migration.table, create: migration.createTable, privileges: migration.privileges },
    ],
  });
