import { Client, type ClientBase } from 'pg';

/**
 * Two database roles (docs/adr/0029-a-record-no-one-can-rewrite.md): an owner role creates and
 * alters a schema's tables and functions; the service's role, the one its pools connect as, owns
 * nothing and is granted only what its queries need. A migration connects as the owner and grants
 * the service's role, so the grants hold for every table a migration adds later.
 */
export type OwnedSchemaMigration = Readonly<{
  schema: string;
  /** The service's connection string: the role it connects as (current_user) is the one granted. */
  serviceConnectionString: string;
  /**
   * The owner role's connection string, used for this migration only. Without it the service's
   * own role migrates (one role owns and uses the schema, as in the tests).
   */
  ownerConnectionString?: string;
  /**
   * Runs as the owner in one transaction, under a per-schema lock. `serviceRole` is the role to
   * grant, undefined when the owner is the service's role itself (nothing to grant or revoke).
   */
  run: (owner: ClientBase, serviceRole: string | undefined) => Promise<void>;
}>;

/** Advisory lock class (first key) of migrations; the second key is hashtext(schema). */
export const migrationLockClass = 0x52485932; // 'RHY2'

const insufficientPrivilege = '42501';

export const migrateOwnedSchema = async (migration: OwnedSchemaMigration): Promise<void> => {
  const { schema, serviceConnectionString, ownerConnectionString } = migration;
  const serviceRole =
    ownerConnectionString === undefined
      ? undefined
      : await session(serviceConnectionString, currentRole);
  // Its own connection, not a pool's: a back-fill may outlast the pool's statement timeouts.
  await session(ownerConnectionString ?? serviceConnectionString, async (owner) => {
    try {
      await owner.query('BEGIN');
      await owner.query('SET LOCAL statement_timeout = 0');
      // Replicas starting together migrate one after the other (concurrent GRANTs on one object
      // fail with "tuple concurrently updated").
      await owner.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [
        migrationLockClass,
        schema,
      ]);
      const ownerRole = await currentRole(owner);
      await migration.run(owner, serviceRole === ownerRole ? undefined : serviceRole);
      await owner.query('COMMIT');
    } catch (error) {
      await owner.query('ROLLBACK').catch(() => undefined);
      throw explainedMigrationError(error, schema, await currentRole(owner).catch(() => '?'));
    }
  });
};

const session = async <T>(
  connectionString: string,
  work: (client: Client) => Promise<T>,
): Promise<T> => {
  const client = new Client({ connectionString, application_name: 'rhythm-schema-migration' });
  // A dropped connection fails the query in flight; the client's own error event adds nothing.
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
};

/** Quotes a role name for GRANT / REVOKE (any role name is allowed, so quote it fully). */
export const quotedRole = (role: string): string => `"${role.replace(/"/g, '""')}"`;

const currentRole = async (sql: Pick<ClientBase, 'query'>): Promise<string> => {
  const result = await sql.query<{ role: string }>('SELECT current_user AS role');
  return result.rows[0].role;
};

/** Permission denied during a migration: say which role tried, and what would fix it. */
const explainedMigrationError = (error: unknown, schema: string, role: string): unknown =>
  (error as { code?: string } | undefined)?.code === insufficientPrivilege
    ? new Error(
        `Role "${role}" may not migrate schema "${schema}" (${(error as Error).message}). ` +
          'Migrations run as the owner role: give its URL (DATABASE_OWNER_URL in the services).',
        { cause: error },
      )
    : error;

const schemaName = /^[a-z_][a-z0-9_]{0,62}$/;

/** `"schema".table` for a table of a component's own, the schema name checked (it is spliced into SQL). */
export const ownedTableName = (schema: string, table: string): string => {
  if (!schemaName.test(schema)) throw new Error(`Invalid schema name ${schema}`);
  return `"${schema}".${table}`;
};

/** A table of a component's own in a store's schema, and what the service's role may do on it. */
export type OwnedTable = Readonly<{
  /** `"schema".table` */
  name: string;
  /** `CREATE TABLE IF NOT EXISTS …` (and anything else that is safe to repeat). */
  create: string;
  /** e.g. 'SELECT, INSERT' */
  privileges: string;
}>;

/**
 * Creates a schema's tables as the owner and grants the service's role exactly `privileges` on
 * each (what it had before is revoked). Safe to run repeatedly and concurrently.
 */
export const migrateOwnedTables = (
  migration: Omit<OwnedSchemaMigration, 'run'> & Readonly<{ tables: readonly OwnedTable[] }>,
): Promise<void> =>
  migrateOwnedSchema({
    schema: migration.schema,
    serviceConnectionString: migration.serviceConnectionString,
    ownerConnectionString: migration.ownerConnectionString,
    run: async (owner, serviceRole) => {
      await owner.query(`CREATE SCHEMA IF NOT EXISTS "${migration.schema}"`);
      for (const table of migration.tables) await owner.query(table.create);
      if (serviceRole === undefined) return;
      const role = quotedRole(serviceRole);
      await owner.query(`GRANT USAGE ON SCHEMA "${migration.schema}" TO ${role}`);
      for (const table of migration.tables) {
        await owner.query(`REVOKE ALL ON ${table.name} FROM ${role}`);
        await owner.query(`GRANT ${table.privileges} ON ${table.name} TO ${role}`);
      }
    },
  });
