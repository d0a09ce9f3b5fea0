import type { Event, EventMetadata, NewEvent } from '@rhythm/event-sourcing';
import { expectEventually, InMemoryEventStore, testInfrastructure } from '@rhythm/testing';
import mongoose, { type Connection } from 'mongoose';
import { Client } from 'pg';
import { defineProjection } from './projection';
import { ProjectionFleet } from './projection-fleet';
import { ParkedEvents } from './parked-events';
import { ProjectionCheckpoints } from './projection-checkpoints';
import { physicalCollectionName, ProjectionGenerations } from './projection-generations';
import type { RetiredProjection } from './retired-projection';
import { openReadStore } from './testing/read-store.fixture';

type CardWritten = Event<'CardWritten', { cardId: string; text: string }>;

const written = (cardId: string, text: string): NewEvent<CardWritten> => ({
  type: 'CardWritten',
  data: { cardId, text },
  metadata: {
    eventId: crypto.randomUUID(),
    tenantId: 'org-a',
    actor: 'person-ada',
    correlationId: 'correlation-1',
    causationId: 'command-1',
    occurredAt: '2026-01-05T09:00:00.000Z',
  } satisfies EventMetadata,
});

/** Two projections of the same cards: each keeps the history of texts in its own collection. */
const projectionOf = (collection: 'cards' | 'backlog') =>
  defineProjection<CardWritten, typeof collection>({
    name: `fleet_${collection}`,
    version: 1,
    handles: ['CardWritten'],
    collections: [{ name: collection, guard: 'stream' }],
    apply: (event, ctx) =>
      ctx.upsert(collection, event.data.cardId, {
        $set: { cardId: event.data.cardId },
        $push: { history: event.data.text },
      }),
  });
const projections = [projectionOf('cards'), projectionOf('backlog')];

/** The cards projection's next version: the same history, upper-cased. */
const cardsVersion2 = defineProjection<CardWritten, 'cards'>({
  name: 'fleet_cards',
  version: 2,
  handles: ['CardWritten'],
  collections: [{ name: 'cards', guard: 'stream' }],
  apply: (event, ctx) =>
    ctx.upsert('cards', event.data.cardId, {
      $set: { cardId: event.data.cardId },
      $push: { history: event.data.text.toUpperCase() },
    }),
});

const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

/**
 * Two replicas of a service's projections on one read database and one PostgreSQL: each
 * projection runs on exactly one of them, under its own lease (ADR 0027).
 */
describe('ProjectionFleet replicas share the projections under leases', () => {
  let readStore: Awaited<ReturnType<typeof openReadStore>>;
  let second: Connection;
  let store: InMemoryEventStore;
  let admin: Client;
  const fleets: ProjectionFleet[] = [];

  beforeEach(async () => {
    readStore = await openReadStore();
    // The second replica's own connection to the same database.
    const url = new URL(testInfrastructure.mongoUrl());
    url.pathname = `/${readStore.name}`;
    second = await mongoose.createConnection(url.toString()).asPromise();
    store = new InMemoryEventStore();
    admin = new Client({ connectionString: testInfrastructure.databaseUrl() });
    await admin.connect();
  });

  afterEach(async () => {
    for (const fleet of fleets.splice(0)) await fleet.stop();
    await admin.end();
    await store.close();
    await second.close();
    await readStore.drop();
  });

  /** After losing a lease a replica waits one poll before contending again. */
  const replica = (
    connection: Connection,
    pollIntervalMs = 100,
    code:
      typeof projections | [typeof cardsVersion2] | [(typeof projections)[number]] = projections,
    retired: readonly RetiredProjection[] = [],
  ) => {
    const fleet = new ProjectionFleet(code, {
      connection,
      store,
      logger: silent,
      retired,
      leases: {
        connectionString: testInfrastructure.databaseUrl(),
        pollIntervalMs,
        checkIntervalMs: 100,
      },
    });
    fleets.push(fleet);
    return fleet;
  };

  const histories = async (collection: 'cards' | 'backlog') => {
    const stored = await readStore.connection
      .db!.collection(physicalCollectionName(collection, 1))
      .find({})
      .toArray();
    return Object.fromEntries(stored.map((card) => [String(card.cardId), card.history])) as Record<
      string,
      string[]
    >;
  };

  const running = (fleet: ProjectionFleet) =>
    fleet.runners.map((runner) => runner.projection.name).sort();

  it('runs every projection on the first replica; the second stands by and is ready', async () => {
    const [a, b] = [replica(readStore.connection), replica(second)];
    await a.start();
    await b.start();

    expect(running(a)).toEqual(['fleet_backlog', 'fleet_cards']);
    expect(running(b)).toEqual([]);
    await expect(a.assertFollowing()).resolves.toBeUndefined();
    await expect(b.assertFollowing()).resolves.toEqual({
      note: 'standby for fleet_cards, fleet_backlog: another replica runs them',
    });
  });

  it('hands every projection to the other replica when one stops, each event applied once', async () => {
    const [a, b] = [replica(readStore.connection), replica(second)];
    await a.start();
    await b.start();
    await store.append('card-1', [written('1', 'first')], { expectedRevision: 'any' });
    await expectEventually(async () =>
      expect(await histories('cards')).toEqual({ '1': ['first'] }),
    );
    expect(running(b)).toEqual([]);

    await a.stop();
    await expectEventually(() => expect(running(b)).toEqual(['fleet_backlog', 'fleet_cards']));
    await store.append('card-1', [written('1', 'second')], { expectedRevision: 'any' });

    await expectEventually(async () => {
      expect(await histories('cards')).toEqual({ '1': ['first', 'second'] });
      expect(await histories('backlog')).toEqual({ '1': ['first', 'second'] });
    });
  });

  it('moves one projection when its lease session dies: the replicas then share the work', async () => {
    const [a, b] = [replica(readStore.connection, 60_000), replica(second)];
    await a.start();
    await b.start();

    // What a lost session looks like: PostgreSQL ends the holder's session and frees that lock.
    const sessions = await admin.query<{ pid: number }>(
      `SELECT activity.pid FROM pg_stat_activity activity
       JOIN pg_locks lock ON lock.pid = activity.pid AND lock.locktype = 'advisory' AND lock.granted
       WHERE activity.application_name = $1`,
      [`rhythm-lease projection:${readStore.name}:fleet_cards:v1`.slice(0, 63)],
    );
    expect(sessions.rows).toHaveLength(1);
    await admin.query('SELECT pg_terminate_backend($1)', [sessions.rows[0].pid]);

    await expectEventually(() => {
      expect(running(a)).toEqual(['fleet_backlog']);
      expect(running(b)).toEqual(['fleet_cards']);
    });
    await store.append('card-2', [written('2', 'only once')], { expectedRevision: 'any' });
    await expectEventually(async () => {
      expect(await histories('cards')).toEqual({ '2': ['only once'] });
      expect(await histories('backlog')).toEqual({ '2': ['only once'] });
    });
  });
  it('rolls a new version out beside the old one: each replica is ready only on data of its own version', async () => {
    const old = replica(readStore.connection);
    await old.start();
    await store.append('card-1', [written('1', 'first')], { expectedRevision: 'any' });
    await expectEventually(async () => {
      expect(await histories('cards')).toEqual({ '1': ['first'] });
    });
    await expect(old.assertFollowing()).resolves.toBeUndefined();

    // A replica with the new code takes the version 2 lease (the old replica holds version 1's),
    // rebuilds beside the live generation and swaps.
    const upgraded = replica(second, 100, [cardsVersion2]);
    await upgraded.start();
    expect(running(old)).toContain('fleet_cards');
    expect(running(upgraded)).toEqual(['fleet_cards']);

    await expect(upgraded.assertFollowing()).resolves.toBeUndefined();
    await expect(old.assertFollowing()).rejects.toThrow(
      'fleet_cards is read at version 2, this replica needs version 1',
    );
  });

  it('retires a projection the new code no longer runs: removed once its lease is free, then kept', async () => {
    const db = readStore.connection.db!;
    const backlogCollection = physicalCollectionName('backlog', 1);
    const exists = async () =>
      (await db.listCollections({ name: backlogCollection }, { nameOnly: true }).toArray()).length >
      0;
    const old = replica(readStore.connection);
    await old.start();
    await store.append('card-1', [written('1', 'first')], { expectedRevision: 'any' });
    await expectEventually(async () => {
      expect(await histories('backlog')).toEqual({ '1': ['first'] });
    });
    await new ParkedEvents(db).park('fleet_backlog', 1, (await store.readStream('card-1'))[0], {
      error: new Error('a poison event'),
    });

    // The new code runs the cards only. While the old replica holds the backlog's lease, nothing
    // of the backlog is touched.
    const retired = [{ name: 'fleet_backlog', version: 1, collections: [{ name: 'backlog' }] }];
    const upgraded = replica(second, 100, [projections[0]], retired);
    await upgraded.start();
    expect(await exists()).toBe(true);

    await old.stop();
    // The removal is several writes, the collections first: each is awaited until it is done.
    await expectEventually(async () => {
      expect(await exists()).toBe(false);
      expect(await new ProjectionGenerations(db).read('fleet_backlog')).toBeNull();
      expect(await new ProjectionCheckpoints(db).read('fleet_backlog')).toBeNull();
      expect(await new ParkedEvents(db).list({ projection: 'fleet_backlog' })).toEqual([]);
    });
    expect(await new ProjectionGenerations(db).read('fleet_cards')).not.toBeNull();

    // A replica of the old code started now cannot run the backlog again: the lease stays taken.
    const late = replica(readStore.connection);
    await late.start();
    await store.append('card-2', [written('2', 'second')], { expectedRevision: 'any' });
    await expectEventually(async () => {
      expect(Object.keys(await histories('cards')).sort()).toEqual(['1', '2']);
    });
    expect(running(late)).not.toContain('fleet_backlog');
    expect(await exists()).toBe(false);
  });
});
