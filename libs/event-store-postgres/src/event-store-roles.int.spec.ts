import { createHash } from 'node:crypto';
import type { NewEvent, RecordedEvent } from '@rhythm/event-sourcing';
import type { Client } from 'pg';
import { eventStoreMigrations } from './event-store-schema';
import { createPostgresEventStore, type PostgresEventStore } from './postgres-event-store';
import {
  asAdmin,
  connected,
  createDatabaseRoles,
  uniqueName,
  type DatabaseRoles,
} from '@rhythm/testing';
import { verifyHashChains } from './hash-chain-verification';

const event = (type: string, data: object = {}): NewEvent => ({
  type,
  data,
  metadata: {
    eventId: crypto.randomUUID(),
    tenantId: 'org-1',
    actor: 'person-1',
    correlationId: 'c-1',
    causationId: 'c-1',
    occurredAt: new Date().toISOString(),
  },
});

const permissionDenied = /permission denied|must be owner/;

describe('PostgreSQL event store roles: the services read and append, the owner migrates', () => {
  let roles: DatabaseRoles;
  let schema: string;
  let store: PostgresEventStore;

  beforeAll(async () => {
    roles = await createDatabaseRoles();
  });
  afterAll(async () => {
    await roles.dispose();
  });
  beforeEach(async () => {
    schema = uniqueName('es_roles');
    store = createPostgresEventStore({
      connectionString: roles.serviceUrl,
      ownerConnectionString: roles.ownerUrl,
      schema,
    });
    await store.migrate();
  });
  afterEach(async () => {
    await store.close();
    await asAdmin((client) => client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`));
  });

  const asService = <T>(work: (client: Client) => Promise<T>) => connected(roles.serviceUrl, work);

  it('appends and reads as the services’ role, which may not UPDATE, DELETE, TRUNCATE or INSERT events', async () => {
    await store.append('squad-1', [event('SquadFormed'), event('MemberJoined')], {
      expectedRevision: 'no_stream',
    });
    await store.append('squad-1', [event('MemberLeft')], { expectedRevision: 1 });
    const read: RecordedEvent[] = [];
    for await (const recorded of store.readAll()) read.push(recorded);
    expect(read.map((recorded) => recorded.type)).toEqual([
      'SquadFormed',
      'MemberJoined',
      'MemberLeft',
    ]);

    const events = `"${schema}".events`;
    const refusals = await asService(async (client) => {
      const outcomes: PromiseSettledResult<unknown>[] = [];
      for (const statement of [
        `UPDATE ${events} SET data = '{"name":"rewritten"}' WHERE stream_revision = 0`,
        `DELETE FROM ${events} WHERE stream_revision = 2`,
        `TRUNCATE ${events}`,
        `INSERT INTO ${events} (global_position, stream_id, stream_revision, event_id, type, data,
           metadata, tenant_id, occurred_at, hash)
         VALUES (4, 'squad-1', 3, gen_random_uuid(), 'Forged', '{}', '{}', 'org-1', now(), '\\x00')`,
        `ALTER TABLE ${events} DROP COLUMN hash`,
        `DROP TABLE ${events}`,
        `DELETE FROM "${schema}".event_store_migrations`,
      ]) {
        outcomes.push(...(await Promise.allSettled([client.query(statement)])));
      }
      return outcomes;
    });
    expect(refusals).toHaveLength(7);
    for (const refusal of refusals) {
      expect(refusal.status).toBe('rejected');
      expect(String((refusal as PromiseRejectedResult).reason)).toMatch(permissionDenied);
    }
    expect((await store.readStream('squad-1')).map((recorded) => recorded.type)).toEqual([
      'SquadFormed',
      'MemberJoined',
      'MemberLeft',
    ]);
  });

  it('leaves the services’ role owner of nothing, and only the owner may replace the append function', async () => {
    const owned = await asAdmin((client) =>
      client.query<{ count: string }>(
        `SELECT count(*)::text AS count FROM pg_class c JOIN pg_roles r ON r.oid = c.relowner
          WHERE r.rolname = $1`,
        [roles.serviceRole],
      ),
    );
    expect(owned.rows[0].count).toBe('0');
    await expect(
      asService((client) =>
        client.query(
          `CREATE OR REPLACE FUNCTION "${schema}".append_to_streams(p jsonb)
             RETURNS TABLE (a int, b boolean, c int, d bigint) LANGUAGE sql AS 'SELECT 1, true, 0, 0::bigint'`,
        ),
      ),
    ).rejects.toThrow(permissionDenied);
  });

  it('names only the owner and the superusers as roles that may rewrite the events', async () => {
    const verification = await asAdmin((client) => verifyHashChains(client, { schemas: [schema] }));
    const superusers = await asAdmin(async (client) => {
      const result = await client.query<{ rolname: string }>(
        'SELECT rolname FROM pg_roles WHERE rolsuper',
      );
      return result.rows.map((row) => row.rolname);
    });
    expect([...verification.stores[0].mayRewrite].sort()).toEqual(
      [roles.ownerRole, ...superusers].sort(),
    );
  });

  it('lets the services’ role open a store already migrated, and tells it to ask the owner otherwise', async () => {
    const serviceOnly = createPostgresEventStore({ connectionString: roles.serviceUrl, schema });
    const unmigrated = createPostgresEventStore({
      connectionString: roles.serviceUrl,
      schema: uniqueName('es_roles'),
    });
    try {
      await serviceOnly.migrate();
      await serviceOnly.append('squad-2', [event('SquadFormed')], {
        expectedRevision: 'no_stream',
      });
      await expect(unmigrated.migrate()).rejects.toThrow(
        new RegExp(`Role "${roles.serviceRole}" may not migrate schema .*DATABASE_OWNER_URL`),
      );
    } finally {
      await serviceOnly.close();
      await unmigrated.close();
    }
  });

  it('chains a store made before the chain existed, and the services’ role appends on', async () => {
    const legacy = uniqueName('es_legacy');
    // A version-1 store as the first release left it: no version table, no hash column.
    await connected(roles.ownerUrl, async (client) => {
      for (const statement of eventStoreMigrations[0].statements(legacy)) {
        await client.query(statement);
      }
      const rows = [
        ['squad-1', 0, 'SquadFormed'],
        ['squad-2', 0, 'SquadFormed'],
        ['squad-1', 1, 'MemberJoined'],
        ['squad-1', 2, 'MemberLeft'],
      ] as const;
      for (const [index, [stream, revision, type]] of rows.entries()) {
        const { metadata, data } = event(type, { n: index });
        await client.query(
          `INSERT INTO "${legacy}".events (global_position, stream_id, stream_revision, event_id,
             type, data, metadata, tenant_id, occurred_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
          [
            index + 1,
            stream,
            revision,
            metadata.eventId,
            type,
            data,
            metadata,
            metadata.tenantId,
            metadata.occurredAt,
          ],
        );
      }
    });
    const migrated = createPostgresEventStore({
      connectionString: roles.serviceUrl,
      ownerConnectionString: roles.ownerUrl,
      schema: legacy,
    });
    try {
      expect(await migrated.version()).toBe(0);
      await migrated.migrate();
      await migrated.migrate(); // idempotent
      expect(await migrated.version()).toBe(2);
      await migrated.append('squad-1', [event('MemberJoined')], { expectedRevision: 2 });

      const verification = await connected(roles.serviceUrl, (client) =>
        verifyHashChains(client, { schemas: [legacy] }),
      );
      expect(verification.intact).toBe(true);
      expect(verification.stores[0]).toMatchObject({ chained: true, streams: 2, events: 5 });

      // Independently of PostgreSQL's hashing: revision 0 of squad-2 is sha256(32 zero bytes ‖
      // the jsonb text of [position, stream, revision, type, data, metadata, recorded µs]).
      const row = await connected(roles.serviceUrl, async (client) => {
        const result = await client.query<{
          hash: Buffer;
          data: object;
          metadata: Record<string, string>;
          micros: string;
        }>(
          `SELECT hash, data, metadata, (extract(epoch FROM recorded_at) * 1000000)::bigint::text AS micros
             FROM "${legacy}".events WHERE stream_id = 'squad-2'`,
        );
        return result.rows[0];
      });
      const content = `[2, "squad-2", 0, "SquadFormed", ${jsonbText(row.data)}, ${jsonbText(row.metadata)}, ${row.micros}]`;
      const expected = createHash('sha256')
        .update(Buffer.alloc(32))
        .update(content, 'utf8')
        .digest();
      expect(row.hash.toString('hex')).toBe(expected.toString('hex'));
    } finally {
      await migrated.close();
      await asAdmin((client) => client.query(`DROP SCHEMA IF EXISTS "${legacy}" CASCADE`));
    }
  });
});

/**
 * PostgreSQL's jsonb text of a flat object of strings and numbers: keys shorter first, then by
 * their bytes; ", " and ": " between items (the canonical form the chain hashes).
 */
const jsonbText = (value: object): string =>
  `{${Object.entries(value)
    .sort(([a], [b]) =>
      a.length !== b.length ? a.length - b.length : Buffer.compare(Buffer.from(a), Buffer.from(b)),
    )
    .map(([key, item]) => `${JSON.stringify(key)}: ${JSON.stringify(item)}`)
    .join(', ')}}`;
