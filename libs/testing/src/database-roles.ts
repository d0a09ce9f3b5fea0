import { randomUUID } from 'node:crypto';
import { testInfrastructure, uniqueName } from './infrastructure';
import { Client } from 'pg';

/** Runs `work` on a connection of the tests' own role (a superuser on the local stack). */
export const asAdmin = async <T>(work: (client: Client) => Promise<T>): Promise<T> =>
  connected(testInfrastructure.databaseUrl(), work);

export const connected = async <T>(
  connectionString: string,
  work: (client: Client) => Promise<T>,
): Promise<T> => {
  const client = new Client({ connectionString });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
};

export type DatabaseRoles = Readonly<{
  /** Owns the stores it migrates; may create schemas in the database, nothing more. */
  ownerUrl: string;
  /** What a service connects as: granted by the owner's migrations, owns nothing. */
  serviceUrl: string;
  serviceRole: string;
  ownerRole: string;
  /** Drops what the roles own and the roles themselves. */
  dispose: () => Promise<void>;
}>;

/**
 * An owner role and a service role of the test's own, as the local stack creates `rhythm_owner`
 * and `rhythm_app` (deploy/local/stack.sh): the tests do not depend on the stack's roles.
 */
export const createDatabaseRoles = async (): Promise<DatabaseRoles> => {
  const ownerRole = uniqueName('es_owner');
  const serviceRole = uniqueName('es_service');
  const password = randomUUID();
  await asAdmin(async (client) => {
    const {
      rows: [{ database }],
    } = await client.query<{ database: string }>('SELECT current_database() AS database');
    await client.query(`CREATE ROLE ${ownerRole} LOGIN PASSWORD '${password}'`);
    await client.query(`CREATE ROLE ${serviceRole} LOGIN PASSWORD '${password}'`);
    await client.query(`GRANT CREATE ON DATABASE "${database}" TO ${ownerRole}`);
  });
  const urlOf = (role: string) => {
    const url = new URL(testInfrastructure.databaseUrl());
    url.username = role;
    url.password = password;
    return url.toString();
  };
  return {
    ownerUrl: urlOf(ownerRole),
    serviceUrl: urlOf(serviceRole),
    ownerRole,
    serviceRole,
    dispose: () =>
      asAdmin(async (client) => {
        await client.query(`DROP OWNED BY ${ownerRole}, ${serviceRole} CASCADE`);
        await client.query(`DROP ROLE ${ownerRole}, ${serviceRole}`);
      }),
  };
};
