import { migrateOwnedTables } from '@rhythm/event-store-postgres';

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
