import type { Event, NewEvent } from '@rhythm/event-sourcing';
import {
  createPostgresEventStore,
  verifyHashChains,
  type PostgresEventStore,
} from '@rhythm/event-store-postgres';
import {
  asAdmin,
  connected,
  createDatabaseRoles,
  testInfrastructure,
  uniqueName,
  type DatabaseRoles,
} from '@rhythm/testing';
import type { Client } from 'pg';
import { MasterKey } from './master-key';
import { protectPersonalData, type PersonalDataEventStore } from './personal-data-event-store';
import { personalDataPolicy } from './personal-data-policy';
import { PostgresPersonalDataKeys } from './postgres-personal-data-keys';

const permissionDenied = /permission denied/;
const masterKey = MasterKey.fromBase64(Buffer.alloc(32, 1).toString('base64'));

type Joined = Event<'PersonJoined', { personId: string; name: string; email: string }>;
type Erased = Event<'PersonErased', { personId: string }>;

const policy = personalDataPolicy<Joined | Erased>({
  events: { PersonJoined: { subject: 'personId', fields: ['name', 'email'] } },
  erasures: { PersonErased: { subject: 'personId' } },
  erased: { name: 'Erased person', email: '' },
  erasedText: 'Personal data erased',
});

const event = (tenantId: string, type: string, data: object, reason?: string): NewEvent => ({
  type,
  data,
  metadata: {
    eventId: crypto.randomUUID(),
    tenantId,
    actor: 'admin',
    correlationId: 'c-1',
    causationId: 'c-1',
    occurredAt: new Date().toISOString(),
    ...(reason === undefined ? {} : { reason }),
  },
});

describe('personal data keys in PostgreSQL, under the services’ role', () => {
  let roles: DatabaseRoles;
  let schema: string;
  let keys: PostgresPersonalDataKeys;
  const tenantId = 'acme';

  const asService = <T>(work: (client: Client) => Promise<T>) => connected(roles.serviceUrl, work);

  beforeAll(async () => {
    roles = await createDatabaseRoles();
  });
  afterAll(async () => {
    await roles.dispose();
  });
  beforeEach(async () => {
    schema = uniqueName('pd_keys');
    keys = new PostgresPersonalDataKeys({
      connectionString: roles.serviceUrl,
      ownerConnectionString: roles.ownerUrl,
      schema,
      masterKey,
    });
    await keys.migrate();
  });
  afterEach(async () => {
    await keys.close();
    await asAdmin((client) => client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`));
  });

  it('makes one key per person on first use, wrapped by the master key at rest', async () => {
    const first = await keys.keyFor(tenantId, 'ann');
    const again = await keys.keyFor(tenantId, 'ann');
    const other = await keys.keyFor(tenantId, 'bob');
    const otherTenant = await keys.keyFor('globex', 'ann');

    if (first.status !== 'active' || again.status !== 'active') throw new Error('no key');
    expect(first.key.equals(again.key)).toBe(true);
    expect([other, otherTenant].every((key) => key.status === 'active')).toBe(true);
    expect(await keys.lookup(tenantId, 'cleo')).toEqual({ status: 'unknown' });
    const stored = await asAdmin((client) =>
      client.query<{ data_key: Buffer; wrapped_by: string }>(
        `SELECT data_key, wrapped_by FROM "${schema}".personal_data_keys
          WHERE tenant_id = $1 AND subject_id = $2`,
        [tenantId, 'ann'],
      ),
    );
    expect(stored.rows[0].wrapped_by).toBe(masterKey.id);
    expect(stored.rows[0].data_key.includes(first.key)).toBe(false);
  });

  it('gives two appends racing for a new person the same key', async () => {
    const made = await Promise.all(Array.from({ length: 6 }, () => keys.keyFor(tenantId, 'dan')));

    const distinct = new Set(
      made.map((key) => (key.status === 'active' ? key.key.toString('hex') : key.status)),
    );
    expect(distinct.size).toBe(1);
  });

  it('erases for good: the key is gone, the erasure is on record, and no key is made again', async () => {
    await keys.keyFor(tenantId, 'ann');

    await keys.erase(tenantId, 'ann', new Date('2026-12-07T10:00:00Z'));
    await keys.erase(tenantId, 'ann', new Date('2026-12-08T10:00:00Z'));

    expect(await keys.lookup(tenantId, 'ann')).toEqual({ status: 'erased' });
    expect(await keys.keyFor(tenantId, 'ann')).toEqual({ status: 'erased' });
    const rows = await asAdmin(async (client) => ({
      keys: (await client.query(`SELECT * FROM "${schema}".personal_data_keys`)).rowCount,
      erasures: (
        await client.query<{ erased_at: Date }>(
          `SELECT erased_at FROM "${schema}".personal_data_erasures`,
        )
      ).rows,
    }));
    expect(rows).toEqual({ keys: 0, erasures: [{ erased_at: new Date('2026-12-07T10:00:00Z') }] });
  });

  it('lets the services’ role make, read and destroy keys, never change one or forget an erasure', async () => {
    await keys.keyFor(tenantId, 'ann');
    await keys.erase(tenantId, 'bob', new Date());
    const table = (name: string) => `"${schema}".${name}`;

    const refused = async (statement: string) =>
      asService((client) => client.query(statement)).then(
        () => 'done',
        (error: Error) => error.message,
      );

    expect(await refused(`UPDATE ${table('personal_data_keys')} SET data_key = '\\x00'`)).toMatch(
      permissionDenied,
    );
    expect(await refused(`TRUNCATE ${table('personal_data_keys')}`)).toMatch(permissionDenied);
    expect(await refused(`DELETE FROM ${table('personal_data_erasures')}`)).toMatch(
      permissionDenied,
    );
    expect(
      await refused(`UPDATE ${table('personal_data_erasures')} SET erased_at = now()`),
    ).toMatch(permissionDenied);
    expect(await refused(`DROP TABLE ${table('personal_data_keys')}`)).toMatch(/must be owner/);
    expect(await keys.lookup(tenantId, 'bob')).toEqual({ status: 'erased' });
  });

  it('names the master key a data key was wrapped by when another one is configured', async () => {
    await keys.keyFor(tenantId, 'ann');
    const elsewhere = new PostgresPersonalDataKeys({
      connectionString: roles.serviceUrl,
      schema,
      masterKey: MasterKey.fromBase64(Buffer.alloc(32, 2).toString('base64')),
    });
    try {
      await expect(elsewhere.lookup(tenantId, 'ann')).rejects.toThrow(
        `The data key of ann is wrapped by master key ${masterKey.id}`,
      );
    } finally {
      await elsewhere.close();
    }
  });

  it('migrates again as the services’ role alone once the tables exist', async () => {
    const tool = new PostgresPersonalDataKeys({
      connectionString: roles.serviceUrl,
      schema,
      masterKey,
    });
    try {
      await expect(tool.migrate()).resolves.toBeUndefined();
    } finally {
      await tool.close();
    }
  });
});

describe('a PostgreSQL event store with personal data sealed: erasure rewrites nothing', () => {
  const schema = uniqueName('pd_store');
  const tenantId = uniqueName('acme');
  let events: PostgresEventStore;
  let store: PersonalDataEventStore;

  type Row = Readonly<{ global_position: string; data: unknown; metadata: unknown; hash: Buffer }>;
  const rows = () =>
    asAdmin(async (client) => {
      const result = await client.query<Row>(
        `SELECT global_position, data, metadata, hash FROM "${schema}".events
          ORDER BY global_position`,
      );
      return result.rows;
    });

  beforeAll(async () => {
    events = createPostgresEventStore({
      connectionString: testInfrastructure.databaseUrl(),
      schema,
    });
    await events.migrate();
    const keys = new PostgresPersonalDataKeys({
      connectionString: testInfrastructure.databaseUrl(),
      schema,
    });
    await keys.migrate();
    store = protectPersonalData(events, { policy, keys });
  });
  afterAll(async () => {
    await store.close();
    await asAdmin((client) => client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`));
  });

  it('stores no name or e-mail in clear, and after erasure reads placeholders from the same rows, chains intact', async () => {
    const ann = { personId: 'ann', name: 'Ann Sealed-Smith', email: 'ann.sealed@acme.test' };
    const bob = { personId: 'bob', name: 'Bob Sealed-Jones', email: 'bob.sealed@acme.test' };
    await store.append('person-ann', [event(tenantId, 'PersonJoined', ann)], {
      expectedRevision: 'no_stream',
    });
    await store.append('person-bob', [event(tenantId, 'PersonJoined', bob)], {
      expectedRevision: 'no_stream',
    });
    const before = await rows();
    expect(JSON.stringify(before)).not.toMatch(/Sealed-|sealed@/);

    await store.append('person-ann', [event(tenantId, 'PersonErased', { personId: 'ann' })], {
      expectedRevision: 0,
    });

    const after = await rows();
    expect(after.slice(0, before.length)).toEqual(before);
    expect(after).toHaveLength(before.length + 1);
    const read = await store.readStream('person-ann');
    expect(read.map(({ data }) => data)).toEqual([
      { personId: 'ann', name: 'Erased person', email: '' },
      { personId: 'ann' },
    ]);
    expect((await store.readStream('person-bob'))[0].data).toEqual(bob);
    const verification = await asAdmin((client) => verifyHashChains(client, { schemas: [schema] }));
    expect(verification.intact).toBe(true);
    expect(verification.stores[0]).toMatchObject({ chained: true, events: 3, brokenStreams: 0 });
  });
});
