import type { RecordedEvent } from '@rhythm/event-sourcing';
import {
  asAdmin,
  connected,
  createDatabaseRoles,
  uniqueName,
  type DatabaseRoles,
} from '@rhythm/testing';
import { PostgresCheckpointStore } from './postgres-checkpoint-store';
import { PostgresRelayParking } from './relay-parked-events';

const recorded = (position: bigint): RecordedEvent => ({
  type: 'NoteWritten',
  data: {},
  metadata: {
    eventId: crypto.randomUUID(),
    tenantId: 'org-1',
    actor: 'person-1',
    correlationId: 'c-1',
    causationId: 'c-1',
    occurredAt: new Date().toISOString(),
  },
  streamId: 'note-1',
  streamRevision: 0,
  globalPosition: position,
  recordedAt: new Date(),
});

describe('relay tables: created by the owner role, used by the services’ role (docs/adr/0029)', () => {
  let roles: DatabaseRoles;
  let schema: string;
  let checkpoints: PostgresCheckpointStore;
  let parking: PostgresRelayParking;

  beforeAll(async () => {
    roles = await createDatabaseRoles();
  });
  afterAll(async () => {
    await roles.dispose();
  });
  beforeEach(async () => {
    schema = uniqueName('relay_roles');
    const database = {
      connectionString: roles.serviceUrl,
      ownerConnectionString: roles.ownerUrl,
      schema,
    };
    checkpoints = new PostgresCheckpointStore(database);
    parking = new PostgresRelayParking(database);
    await Promise.all([checkpoints.migrate(), parking.migrate()]);
    await Promise.all([checkpoints.migrate(), parking.migrate()]); // repeatable
  });
  afterEach(async () => {
    await checkpoints.close();
    await parking.close();
    await asAdmin((client) => client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`));
  });

  it('saves checkpoints and parks, lists and releases events as the services’ role', async () => {
    await checkpoints.save('org', 5n);
    await checkpoints.save('org', 9n);
    expect(await checkpoints.load('org')).toBe(9n);

    expect(await parking.park('org', [{ event: recorded(7n), reason: { error: 'bad' } }])).toBe(1);
    await parking.failedAgain('org', 7n, new Error('still bad'));
    expect((await parking.list('org')).map((parked) => parked.globalPosition)).toEqual([7n]);
    await parking.release('org', [7n]);
    expect(await parking.count('org')).toBe(0);
  });

  it('refuses the services’ role to drop, alter or truncate them, and to create them itself', async () => {
    const refusals = await connected(roles.serviceUrl, async (client) => {
      const outcomes: PromiseSettledResult<unknown>[] = [];
      for (const statement of [
        `TRUNCATE "${schema}".relay_checkpoints`,
        `DROP TABLE "${schema}".relay_parked_events`,
        `ALTER TABLE "${schema}".relay_checkpoints ADD COLUMN note text`,
      ]) {
        outcomes.push(...(await Promise.allSettled([client.query(statement)])));
      }
      return outcomes;
    });
    expect(refusals.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected', 'rejected']);

    const withoutOwner = new PostgresCheckpointStore({
      connectionString: roles.serviceUrl,
      schema: uniqueName('relay_roles'),
    });
    try {
      await expect(withoutOwner.migrate()).rejects.toThrow(/may not migrate schema/);
    } finally {
      await withoutOwner.close();
    }
  });
});
