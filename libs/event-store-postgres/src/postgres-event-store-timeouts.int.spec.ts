import type { NewEvent, RecordedEvent } from '@rhythm/event-sourcing';
import { testInfrastructure, uniqueName } from '@rhythm/testing';
import { Client } from 'pg';
import { appendLockClass } from './event-store-schema';
import { createPostgresEventStore, type PostgresEventStore } from './postgres-event-store';

jest.setTimeout(60_000);

const event = (): NewEvent => ({
  type: 'NoteAdded',
  data: {},
  metadata: {
    eventId: crypto.randomUUID(),
    tenantId: 'org-1',
    actor: 'person-1',
    correlationId: 'c-1',
    causationId: 'c-1',
    occurredAt: new Date().toISOString(),
  },
});

// ADR 0028: no call of the store waits without a bound. Another session holds what a call needs;
// the call fails with the server's statement timeout instead of waiting for it, changes nothing,
// and the same call succeeds once the other session lets go.
describe('PostgreSQL event store statement timeout', () => {
  let schema: string;
  let store: PostgresEventStore;
  let holder: Client;

  beforeEach(async () => {
    schema = uniqueName('es_timeout');
    store = createPostgresEventStore({
      connectionString: testInfrastructure.databaseUrl(),
      schema,
      statementTimeoutMs: 300,
    });
    await store.migrate();
    holder = new Client({ connectionString: testInfrastructure.databaseUrl() });
    await holder.connect();
  });

  afterEach(async () => {
    await holder.query('ROLLBACK').catch(() => undefined);
    await store.close();
    await holder.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await holder.end();
  });

  it('fails an append that waits on the position lock, and stores none of it', async () => {
    await holder.query('BEGIN');
    await holder.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [appendLockClass, schema]);

    await expect(
      store.append('note-1', [event(), event()], { expectedRevision: 'no_stream' }),
    ).rejects.toMatchObject({ code: '57014' });
    await holder.query('ROLLBACK');

    expect(await store.readStream('note-1')).toEqual([]);
    await store.append('note-1', [event()], { expectedRevision: 'no_stream' });
    expect(await store.readStream('note-1')).toHaveLength(1);
  });

  it('ends a subscription whose read the server holds back, with the timeout', async () => {
    await store.append('note-1', [event()], { expectedRevision: 'no_stream' });
    await holder.query('BEGIN');
    await holder.query(`LOCK TABLE "${schema}".events IN ACCESS EXCLUSIVE MODE`);

    const received: RecordedEvent[] = [];
    const following = (async () => {
      for await (const recorded of store.subscribeToAll()) received.push(recorded);
    })();

    await expect(following).rejects.toMatchObject({ code: '57014' });
    expect(received).toEqual([]);
    await holder.query('ROLLBACK');
    // A subscriber restarts from its checkpoint (the relay, a projection runner) and reads on.
    const again: RecordedEvent[] = [];
    for await (const recorded of store.readAll()) again.push(recorded);
    expect(again.map((recorded) => recorded.streamId)).toEqual(['note-1']);
  });
});
