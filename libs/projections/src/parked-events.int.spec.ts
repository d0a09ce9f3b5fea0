import type { Event, EventMetadata, NewEvent } from '@rhythm/event-sourcing';
import { HealthChecks, metricsRegistry } from '@rhythm/operability';
import { expectEventually, InMemoryEventStore, uniqueName } from '@rhythm/testing';
import type { Connection } from 'mongoose';
import { ParkedEvents, type ParkedEventDocument } from './parked-events';
import { physicalCollectionName } from './projection-generations';
import { defineProjection } from './projection';
import { ProjectionFleet } from './projection-fleet';
import { ProjectionRunner } from './projection-runner';
import { replayParkedProjectionEvents } from './replay-parked-events';
import { openReadStore } from './testing/read-store.fixture';

type CardWritten = Event<'CardWritten', { cardId: string; text: string; code?: string }>;

const metadata = (tenantId: string): EventMetadata => ({
  eventId: crypto.randomUUID(),
  tenantId,
  actor: 'person-ada',
  correlationId: 'correlation-1',
  causationId: 'command-1',
  occurredAt: '2026-01-05T09:00:00.000Z',
});

const written = (tenantId: string, cardId: string, text: string, code?: string) =>
  ({
    type: 'CardWritten',
    data: { cardId, text, ...(code === undefined ? {} : { code }) },
    metadata: metadata(tenantId),
  }) as NewEvent<CardWritten>;

const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

/**
 * A poison event among healthy ones, on the real read store: the runner parks it (and the later
 * events of its stream behind it), projects everything else, reports degraded readiness and
 * counts it; once the cause is fixed, a requested replay applies the parked events in order.
 */
describe('ProjectionRunner parks what it cannot apply (FerretDB)', () => {
  let readStore: Awaited<ReturnType<typeof openReadStore>>;
  let connection: Connection;
  let store: InMemoryEventStore;
  const stoppers: Array<() => Promise<void>> = [];

  beforeEach(async () => {
    readStore = await openReadStore();
    connection = readStore.connection;
    store = new InMemoryEventStore();
  });

  afterEach(async () => {
    for (const stop of stoppers.splice(0)) await stop();
    await store.close();
    await readStore.drop();
  });

  /** Cards of every tenant as stored, by tenant and card id. */
  const cards = async () => {
    const stored = await connection
      .db!.collection(physicalCollectionName('cards', 1))
      .find({})
      .toArray();
    return Object.fromEntries(
      stored.map((card) => [`${String(card.tenantId)}:${String(card.cardId)}`, card.history]),
    ) as Record<string, string[]>;
  };

  const parkedDocuments = () =>
    connection
      .db!.collection<ParkedEventDocument>(ParkedEvents.collectionName)
      .find({})
      .sort({ streamRevision: 1 })
      .toArray();

  const parkedMetric = async (projection: string) => {
    const values = async (name: string) =>
      (await metricsRegistry.getSingleMetric(name)?.get())?.values ?? [];
    const of = async (name: string) =>
      (await values(name)).find((entry) => entry.labels.projection === projection)?.value;
    return {
      total: await of('rhythm_projection_parked_events_total'),
      now: await of('rhythm_projection_parked_events'),
    };
  };

  const append = async (streamId: string, event: NewEvent<CardWritten>) => {
    await store.append(streamId, [event], { expectedRevision: 'any' });
    return (await store.headPosition())!;
  };

  it('parks a poison event and its stream behind it, projects the rest, replays in order after the fix', async () => {
    const name = uniqueName('cards').toLowerCase();
    // The cause: this projection cannot apply cards whose text mentions poison, until fixed.
    let fixed = false;
    const projection = defineProjection<CardWritten, 'cards'>({
      name,
      version: 1,
      handles: ['CardWritten'],
      collections: [{ name: 'cards', guard: 'stream' }],
      apply: (event, ctx) => {
        if (!fixed && event.data.text.includes('poison')) {
          throw new Error(`cannot read card ${event.data.cardId}`);
        }
        ctx.upsert('cards', event.data.cardId, {
          $set: { cardId: event.data.cardId },
          $push: { history: event.data.text },
        });
      },
    });
    await append('card-a1', written('org-a', 'a1', 'a1 first'));
    const poison = await append('card-b1', written('org-b', 'b1', 'poison pill'));
    await append('card-b1', written('org-b', 'b1', 'b1 second'));
    await append('card-b2', written('org-b', 'b2', 'b2 first'));
    await append('card-a1', written('org-a', 'a1', 'a1 second'));

    const fleet = new ProjectionFleet([projection], {
      connection,
      store,
      logger: silent,
    });
    stoppers.push(() => fleet.stop());
    const readiness = new HealthChecks();
    readiness.register({ name: 'projections', check: () => fleet.assertFollowing() });
    await fleet.start();
    // A runner exists for each term the fleet holds a projection's lease: from the start on.
    const runner = fleet.runners[0];
    await expectEventually(async () => expect(runner.position).toBe(await store.headPosition()));
    // Live: after the parking, a later event of the poisoned stream and one of another tenant.
    await append('card-b1', written('org-b', 'b1', 'b1 third'));
    const head = await append('card-a2', written('org-a', 'a2', 'a2 first'));
    await expectEventually(() => expect(runner.position).toBe(head));

    expect(runner.status).toBe('live');
    expect(await cards()).toEqual({
      'org-a:a1': ['a1 first', 'a1 second'],
      'org-a:a2': ['a2 first'],
      'org-b:b2': ['b2 first'],
    });
    const parked = await parkedDocuments();
    expect(parked).toEqual([
      expect.objectContaining({
        projection: name,
        globalPosition: poison.toString(),
        streamId: 'card-b1',
        streamRevision: 0,
        tenantId: 'org-b',
        eventType: 'CardWritten',
        error: 'Error: cannot read card b1',
        failures: 1,
        parkedAt: expect.any(Date),
      }),
      expect.objectContaining({
        streamRevision: 1,
        behind: poison.toString(),
        error: `waits behind the parked event at ${poison} of its stream`,
      }),
      expect.objectContaining({ streamRevision: 2, behind: poison.toString() }),
    ]);
    expect(runner.parked()).toBe(3);
    expect(await readiness.readiness()).toEqual({
      status: 'degraded',
      checks: [
        expect.objectContaining({
          name: 'projections',
          status: 'degraded',
          detail: `${name}: 3 parked events`,
        }),
      ],
    });
    expect(await parkedMetric(name)).toEqual({ total: 3, now: 3 });

    // The fix is deployed; the replay command marks the events, the runner replays them.
    fixed = true;
    await new ParkedEvents(connection.db!).requestReplay(name);
    await expectEventually(async () => expect(await parkedDocuments()).toEqual([]));

    expect((await cards())['org-b:b1']).toEqual(['poison pill', 'b1 second', 'b1 third']);
    expect(runner.parked()).toBe(0);
    expect((await readiness.readiness()).status).toBe('ready');
    expect(await parkedMetric(name)).toEqual({ total: 3, now: 0 });
    // Once released, the stream is followed again.
    const after = await append('card-b1', written('org-b', 'b1', 'b1 fourth'));
    await expectEventually(() => expect(runner.position).toBe(after));
    expect((await cards())['org-b:b1']).toEqual([
      'poison pill',
      'b1 second',
      'b1 third',
      'b1 fourth',
    ]);
  });

  it('finds the culprit of a refused bulk write, parks it, and keeps it parked while the cause remains', async () => {
    const name = uniqueName('codes').toLowerCase();
    // Card codes are unique per tenant: a second card claiming a taken code is refused.
    const projection = defineProjection<CardWritten, 'cards'>({
      name,
      version: 1,
      handles: ['CardWritten'],
      collections: [
        {
          name: 'cards',
          guard: 'stream',
          indexes: [{ keys: { tenantId: 1, code: 1 }, unique: true, serves: 'a card by its code' }],
        },
      ],
      apply: (event, ctx) => {
        ctx.upsert('cards', event.data.cardId, {
          $set: { cardId: event.data.cardId, code: event.data.code },
          $push: { history: event.data.text },
        });
      },
    });
    await append('card-c1', written('org-a', 'c1', 'c1 takes X', 'X'));
    const clash = await append('card-c2', written('org-a', 'c2', 'c2 takes X too', 'X'));
    await append('card-c3', written('org-a', 'c3', 'c3 takes Y', 'Y'));
    await append('card-c1', written('org-b', 'c1', 'other tenant, X', 'X'));
    const replayed: string[] = [];
    const runner = new ProjectionRunner(projection, {
      connection,
      store,
      replayPollMs: 100,
      onReplayed: (outcome) => replayed.push(outcome.outcome),
    });
    stoppers.push(() => runner.stop());
    await runner.start();
    await expectEventually(async () => expect(runner.position).toBe(await store.headPosition()));

    expect(runner.status).toBe('live');
    expect(await cards()).toEqual({
      'org-a:c1': ['c1 takes X'],
      'org-a:c3': ['c3 takes Y'],
      'org-b:c1': ['other tenant, X'],
    });
    const [parked] = await parkedDocuments();
    expect(parked).toMatchObject({ globalPosition: clash.toString(), streamId: 'card-c2' });
    expect(parked.error).toMatch(/E11000|duplicate/i);

    // Replayed before the cause is gone: it fails again and stays parked with the new error.
    await new ParkedEvents(connection.db!).requestReplay(name);
    await expectEventually(() => expect(replayed).toEqual(['failed-again']));
    expect(await parkedDocuments()).toEqual([
      expect.objectContaining({ failures: 2, error: expect.stringMatching(/E11000|duplicate/i) }),
    ]);
    expect((await parkedDocuments())[0].replayRequestedAt).toBeUndefined();
    expect(runner.parked()).toBe(1);

    // The cause goes: c1 moves to code Z. Replayed again, c2 takes X.
    await append('card-c1', written('org-a', 'c1', 'c1 moves to Z', 'Z'));
    // The replay is asked once the runner shows the move: asked before, it may run first, fail
    // again and stay parked (what a CI run under load saw).
    await expectEventually(async () => expect(runner.position).toBe(await store.headPosition()));
    await new ParkedEvents(connection.db!).requestReplay(name);
    await expectEventually(async () => expect(await parkedDocuments()).toEqual([]));
    expect((await cards())['org-a:c2']).toEqual(['c2 takes X too']);
    expect(replayed).toEqual(['failed-again', 'replayed']);
  });

  it('the replay command leaves the replay to the running runner, and replays itself when none runs', async () => {
    const name = uniqueName('notes').toLowerCase();
    let fixed = false;
    const projection = defineProjection<CardWritten, 'cards'>({
      name,
      version: 1,
      handles: ['CardWritten'],
      collections: [{ name: 'cards', guard: 'stream' }],
      apply: (event, ctx) => {
        if (!fixed && event.data.text.includes('poison')) throw new Error('not yet');
        ctx.upsert('cards', event.data.cardId, {
          $set: { cardId: event.data.cardId },
          $push: { history: event.data.text },
        });
      },
    });
    const runner = new ProjectionRunner(projection, { connection, store, replayPollMs: 100 });
    await runner.start();
    await append('card-r1', written('org-a', 'r1', 'r1 poison'));
    await expectEventually(() => expect(runner.parked()).toBe(1));

    fixed = true;
    const byRunner = await replayParkedProjectionEvents([projection], { connection, store });
    expect(byRunner).toEqual([{ projection: name, by: 'runner', replayed: 1, stillParked: [] }]);
    expect(runner.parked()).toBe(0);

    fixed = false;
    await append('card-r2', written('org-a', 'r2', 'r2 poison'));
    await expectEventually(() => expect(runner.parked()).toBe(1));
    await runner.stop();
    fixed = true;
    const replayed: string[] = [];
    const byCommand = await replayParkedProjectionEvents([projection], {
      connection,
      store,
      waitForRunnerMs: 300,
      onOutcome: (_, outcome) => replayed.push(`${outcome.event.streamId} ${outcome.outcome}`),
    });

    expect(byCommand).toEqual([{ projection: name, by: 'here', replayed: 1, stillParked: [] }]);
    expect(replayed).toEqual(['card-r2 replayed']);
    expect(await cards()).toEqual({ 'org-a:r1': ['r1 poison'], 'org-a:r2': ['r2 poison'] });
    expect(await parkedDocuments()).toEqual([]);
  });
});
