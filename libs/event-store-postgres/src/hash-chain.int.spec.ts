import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import type { NewEvent } from '@rhythm/event-sourcing';
import { verifyHashChains, type ChainVerification } from './hash-chain-verification';
import { createPostgresEventStore, type PostgresEventStore } from './postgres-event-store';
import {
  asAdmin,
  connected,
  createDatabaseRoles,
  uniqueName,
  type DatabaseRoles,
} from '@rhythm/testing';

const event = (type: string, data: object): NewEvent => ({
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

const streams = 40;
const eventsPerStream = 4;

describe('PostgreSQL event store hash chains', () => {
  let roles: DatabaseRoles;
  let schema: string;
  let store: PostgresEventStore;

  beforeAll(async () => {
    roles = await createDatabaseRoles();
  });
  afterAll(async () => {
    await roles.dispose();
  });
  /** A fresh store of many streams, appended concurrently (so their events interleave). */
  beforeEach(async () => {
    schema = uniqueName('es_chain');
    store = createPostgresEventStore({
      connectionString: roles.serviceUrl,
      ownerConnectionString: roles.ownerUrl,
      schema,
    });
    await store.migrate();
    await Promise.all(
      Array.from({ length: streams }, async (_, s) => {
        await store.append(`objective-${s}`, [event('ObjectiveSet', { title: `Goal ${s}` })], {
          expectedRevision: 'no_stream',
        });
        for (let revision = 1; revision < eventsPerStream; revision++) {
          await store.append(
            `objective-${s}`,
            [event('KeyResultProgressed', { keyResult: `kr-${s}`, progress: revision * 10 })],
            { expectedRevision: revision - 1 },
          );
        }
      }),
    );
  });
  afterEach(async () => {
    await store.close();
    await asAdmin((client) => client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`));
  });

  const verify = (): Promise<ChainVerification> =>
    connected(roles.serviceUrl, (client) => verifyHashChains(client, { schemas: [schema] }));

  /** The owner role may rewrite its tables; the chain is what shows that it did. */
  const asOwner = (statement: string, values: unknown[] = []) =>
    connected(roles.ownerUrl, (client) => client.query(statement, values));

  const positionOf = async (stream: string, revision: number): Promise<bigint> => {
    const [recorded] = await store.readStream(stream, { fromRevision: revision, maxCount: 1 });
    return recorded.globalPosition;
  };

  it('verifies every chain of a fresh store of many streams', async () => {
    const verification = await verify();

    expect(verification.intact).toBe(true);
    expect(verification.stores).toEqual([
      expect.objectContaining({
        schema,
        chained: true,
        streams,
        events: streams * eventsPerStream,
        brokenLinks: [],
        brokenStreams: 0,
        missingPositions: [],
      }),
    ]);
  });

  it('names the event whose data the owner changed', async () => {
    await asOwner(
      `UPDATE "${schema}".events SET data = jsonb_set(data, '{progress}', '99')
        WHERE stream_id = 'objective-7' AND stream_revision = 2`,
    );

    const verification = await verify();

    expect(verification.intact).toBe(false);
    expect(verification.stores[0].brokenStreams).toBe(1);
    expect(verification.stores[0].brokenLinks).toEqual([
      {
        schema,
        streamId: 'objective-7',
        streamRevision: 2,
        globalPosition: await positionOf('objective-7', 2),
        problem: 'content-changed',
        detail: expect.stringMatching(/the content was changed/),
      },
    ]);
  });

  it('names the gap an event the owner deleted leaves', async () => {
    const deleted = await positionOf('objective-3', 1);
    await asOwner(
      `DELETE FROM "${schema}".events WHERE stream_id = 'objective-3' AND stream_revision = 1`,
    );

    const verification = await verify();

    expect(verification.intact).toBe(false);
    expect(verification.stores[0].brokenLinks).toEqual([
      {
        schema,
        streamId: 'objective-3',
        streamRevision: 2,
        globalPosition: await positionOf('objective-3', 2),
        problem: 'missing-revisions',
        detail: 'revision 1 is missing: it follows revision 0',
      },
    ]);
    expect(verification.stores[0].missingPositions).toEqual([
      { schema, from: deleted, to: deleted },
    ]);
  });

  it('names the event whose hash the owner changed', async () => {
    await asOwner(
      `UPDATE "${schema}".events SET hash = sha256('forged'::bytea)
        WHERE stream_id = 'objective-11' AND stream_revision = 1`,
    );

    const verification = await verify();

    expect(verification.stores[0].brokenLinks).toEqual([
      expect.objectContaining({
        streamId: 'objective-11',
        streamRevision: 1,
        globalPosition: await positionOf('objective-11', 1),
        problem: 'hash-changed',
      }),
    ]);
  });

  it('names a changed last event, and a column that no longer matches its metadata', async () => {
    await asOwner(
      `UPDATE "${schema}".events SET metadata = jsonb_set(metadata, '{actor}', '"person-2"')
        WHERE stream_id = 'objective-20' AND stream_revision = ${eventsPerStream - 1}`,
    );
    await asOwner(
      `UPDATE "${schema}".events SET occurred_at = occurred_at - interval '1 day'
        WHERE stream_id = 'objective-21' AND stream_revision = 0`,
    );

    const verification = await verify();

    expect(
      verification.stores[0].brokenLinks.map(({ streamId, streamRevision, problem }) => ({
        streamId,
        streamRevision,
        problem,
      })),
    ).toEqual([
      { streamId: 'objective-20', streamRevision: eventsPerStream - 1, problem: 'hash-mismatch' },
      { streamId: 'objective-21', streamRevision: 0, problem: 'column-mismatch' },
    ]);
  });

  it('npm run audit:verify exits 0 on intact chains and 1 naming the broken link', async () => {
    const run = async () => {
      const outcome = await promisify(execFile)(
        process.execPath,
        ['-r', path.join(repository, 'tools/register.js'), auditVerifyScript, '--schema', schema],
        { cwd: repository, env: { ...process.env, DATABASE_URL: roles.serviceUrl } },
      ).then(
        ({ stdout }) => ({ code: 0, stdout }),
        (error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout }),
      );
      return outcome;
    };

    const intact = await run();
    expect(intact.code).toBe(0);
    expect(intact.stdout).toMatch(
      new RegExp(`${schema} +${streams} streams +${streams * eventsPerStream} events +intact`),
    );
    expect(intact.stdout).toMatch(/✓ every chain intact/);

    await asOwner(
      `UPDATE "${schema}".events SET type = 'ObjectiveDropped'
        WHERE stream_id = 'objective-5' AND stream_revision = 0`,
    );
    const broken = await run();
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain(
      `✗ ${schema} · stream objective-5 · revision 0 · position ${await positionOf('objective-5', 0)} · content-changed`,
    );
  }, 60_000);
});

const repository = path.resolve(__dirname, '../../..');
const auditVerifyScript = path.join(
  repository,
  'libs/event-store-postgres/scripts/audit-verify.ts',
);
