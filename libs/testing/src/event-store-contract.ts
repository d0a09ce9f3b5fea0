import {
  WrongExpectedRevision,
  type EventStore,
  type ExpectedRevision,
  type NewEvent,
  type RecordedEvent,
  type SubscribeToAllOptions,
} from '@rhythm/event-sourcing';
import { uniqueName } from './infrastructure';

export type EventStoreUnderTest = Readonly<{
  store: EventStore;
  dispose(): Promise<void>;
  /**
   * Opens another client of the same store, as another process would (the suite closes it).
   * The concurrent-writer tests spread their writers over such clients, so that what one client
   * may serialise in memory still meets in the database. Without it they all share `store`.
   */
  connect?: () => Promise<EventStore>;
}>;

export type EventStoreContractOptions = Readonly<{
  /** How many times the concurrent-writers / late-commit scenario runs back to back. */
  lateCommitRounds?: number;
}>;

/**
 * The behaviour every EventStore adapter must show. Tests never assume an empty store: each one
 * writes to streams of its own unique prefix and reads from the head position it saw first, so
 * the suite also runs against a shared server (KurrentDB).
 */
export const eventStoreContract = (
  name: string,
  factory: () => Promise<EventStoreUnderTest>,
  options: EventStoreContractOptions = {},
): void => {
  describe(`${name} event store contract`, () => {
    let store: EventStore;
    let dispose: (() => Promise<void>) | undefined;
    let connect: (() => Promise<EventStore>) | undefined;

    /** `count` writers' clients: the store itself, then other clients of it when available. */
    const writerClients = async (count: number) => {
      const clients = [store];
      while (connect && clients.length < count) clients.push(await connect());
      return {
        client: (writer: number) => clients[writer % clients.length],
        close: () => Promise.all(clients.slice(1).map((client) => client.close())),
      };
    };
    let prefix: string;

    beforeAll(async () => {
      ({ store, dispose, connect } = await factory());
    });
    afterAll(async () => {
      await dispose?.();
    });
    beforeEach(() => {
      prefix = uniqueName('contract');
    });

    describe('append and readStream', () => {
      it('round-trips type, data and the full metadata, with revisions from 0 and increasing positions', async () => {
        const streamId = `${prefix}-squad-1`;
        const events = [
          newEvent('SquadFormed', { name: 'Payments', tribe: 'Money' }, { reason: 'new market' }),
          newEvent('MemberJoined', { personId: 'p-1', roles: ['engineer', 'chapter-lead'] }),
          newEvent('MemberJoined', { personId: 'p-2', nested: { deep: { list: [1, 2, 3] } } }),
        ];

        const result = await store.append(streamId, events, { expectedRevision: 'no_stream' });
        const recorded = await store.readStream(streamId);

        expect(recorded.map(({ type, data, metadata }) => ({ type, data, metadata }))).toEqual(
          events,
        );
        expect(recorded.map((event) => event.streamId)).toEqual([streamId, streamId, streamId]);
        expect(recorded.map((event) => event.streamRevision)).toEqual([0, 1, 2]);
        expectStrictlyIncreasing(recorded.map((event) => event.globalPosition));
        expect(recorded.every((event) => event.recordedAt instanceof Date)).toBe(true);
        expect(result).toEqual({
          nextExpectedRevision: 2,
          lastGlobalPosition: recorded[2].globalPosition,
        });
      });

      it('continues the revisions of an existing stream and places later appends later', async () => {
        const streamId = `${prefix}-squad-1`;
        const first = await store.append(streamId, [newEvent('SquadFormed', {})], {
          expectedRevision: 'no_stream',
        });
        const second = await store.append(
          streamId,
          [newEvent('SquadRenamed', {}), newEvent('SquadMoved', {})],
          { expectedRevision: first.nextExpectedRevision },
        );

        expect(second.nextExpectedRevision).toBe(2);
        expect(second.lastGlobalPosition).toBeGreaterThan(first.lastGlobalPosition);
        const recorded = await store.readStream(streamId);
        expect(recorded.map((event) => [event.type, event.streamRevision])).toEqual([
          ['SquadFormed', 0],
          ['SquadRenamed', 1],
          ['SquadMoved', 2],
        ]);
      });

      it('reads an unknown stream as empty', async () => {
        await expect(store.readStream(`${prefix}-never-written`)).resolves.toEqual([]);
      });

      it('keeps streams apart', async () => {
        await store.append(`${prefix}-tribe-1`, [newEvent('TribeFounded', { n: 1 })], {
          expectedRevision: 'no_stream',
        });
        await store.append(`${prefix}-tribe-2`, [newEvent('TribeFounded', { n: 2 })], {
          expectedRevision: 'no_stream',
        });

        const tribe1 = await store.readStream(`${prefix}-tribe-1`);
        expect(tribe1.map((event) => event.data)).toEqual([{ n: 1 }]);
        expect(tribe1[0].streamRevision).toBe(0);
      });
    });

    describe('expected revision', () => {
      it("refuses 'no_stream' on an existing stream and stores nothing of the refused append", async () => {
        const streamId = `${prefix}-guild-1`;
        await store.append(streamId, [newEvent('GuildStarted', {})], {
          expectedRevision: 'no_stream',
        });

        const refused = newEvent('GuildStarted', { again: true });
        const error = await failureOf(
          store.append(streamId, [refused], { expectedRevision: 'no_stream' }),
        );

        expect(error).toBeInstanceOf(WrongExpectedRevision);
        expect(error).toMatchObject({ streamId, expected: 'no_stream', actual: 0 });
        expect(await eventIds(store, streamId)).not.toContain(refused.metadata.eventId);
        expect(await store.readStream(streamId)).toHaveLength(1);
      });

      it('refuses a revision the stream is not at, and accepts the one it is at', async () => {
        const streamId = `${prefix}-guild-1`;
        await store.append(streamId, [newEvent('GuildStarted', {}), newEvent('GuildRenamed', {})], {
          expectedRevision: 'no_stream',
        });

        for (const stale of [0, 2, 7]) {
          const error = await failureOf(
            store.append(streamId, [newEvent('GuildRenamed', {})], { expectedRevision: stale }),
          );
          expect(error).toBeInstanceOf(WrongExpectedRevision);
          expect(error).toMatchObject({ expected: stale, actual: 1 });
        }
        await expect(
          store.append(streamId, [newEvent('GuildRenamed', {})], { expectedRevision: 1 }),
        ).resolves.toMatchObject({ nextExpectedRevision: 2 });
        expect(await store.readStream(streamId)).toHaveLength(3);
      });

      it('refuses a revision on a stream that does not exist', async () => {
        const error = await failureOf(
          store.append(`${prefix}-guild-9`, [newEvent('GuildRenamed', {})], {
            expectedRevision: 0,
          }),
        );
        expect(error).toBeInstanceOf(WrongExpectedRevision);
        expect(error).toMatchObject({ actual: 'no_stream' });
        expect(await store.readStream(`${prefix}-guild-9`)).toEqual([]);
      });

      it("appends with 'any' whether or not the stream exists", async () => {
        const streamId = `${prefix}-chapter-1`;
        await store.append(streamId, [newEvent('ChapterOpened', {})], { expectedRevision: 'any' });
        const result = await store.append(streamId, [newEvent('ChapterRenamed', {})], {
          expectedRevision: 'any',
        });

        expect(result.nextExpectedRevision).toBe(1);
        expect(await store.readStream(streamId)).toHaveLength(2);
      });

      it("appends with 'stream_exists' only to an existing stream", async () => {
        const streamId = `${prefix}-chapter-1`;
        const error = await failureOf(
          store.append(streamId, [newEvent('ChapterRenamed', {})], {
            expectedRevision: 'stream_exists',
          }),
        );
        expect(error).toBeInstanceOf(WrongExpectedRevision);
        expect(error).toMatchObject({ expected: 'stream_exists', actual: 'no_stream' });
        expect(await store.readStream(streamId)).toEqual([]);

        await store.append(streamId, [newEvent('ChapterOpened', {})], {
          expectedRevision: 'no_stream',
        });
        await expect(
          store.append(streamId, [newEvent('ChapterRenamed', {})], {
            expectedRevision: 'stream_exists',
          }),
        ).resolves.toMatchObject({ nextExpectedRevision: 1 });
      });

      it('lets exactly one of two concurrent writers win', async () => {
        const streamId = `${prefix}-objective-1`;
        await store.append(streamId, [newEvent('ObjectiveSet', {})], {
          expectedRevision: 'no_stream',
        });
        const mine = newEvent('KeyResultAdded', { by: 'me' });
        const theirs = newEvent('KeyResultAdded', { by: 'them' });

        const clients = await writerClients(2);
        const outcomes = await Promise.allSettled([
          clients.client(0).append(streamId, [mine], { expectedRevision: 0 }),
          clients.client(1).append(streamId, [theirs], { expectedRevision: 0 }),
        ]).finally(() => clients.close());

        const winners = outcomes.filter((outcome) => outcome.status === 'fulfilled');
        const losers = outcomes.filter(
          (outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected',
        );
        expect(winners).toHaveLength(1);
        expect(losers).toHaveLength(1);
        expect(losers[0].reason).toBeInstanceOf(WrongExpectedRevision);
        const stored = await eventIds(store, streamId);
        expect(stored).toHaveLength(2);
        const winner = outcomes[0].status === 'fulfilled' ? mine : theirs;
        expect(stored[1]).toBe(winner.metadata.eventId);
      });

      it('lets exactly one of twenty parallel writers win each round, and stores nothing of the losers', async () => {
        const streamId = `${prefix}-objective-1`;
        const rounds = 6;
        const writers = 20;
        const expectedStored: string[] = [];
        let expected: ExpectedRevision = 'no_stream';
        const clients = await writerClients(writers);
        try {
          for (let round = 0; round < rounds; round++) {
            // Writer w appends a batch of 1..3 events: a lost batch must leave nothing behind.
            const attempts = range(writers).map((writer) =>
              range(1 + (writer % 3)).map(() => newEvent('KeyResultUpdated', { round, writer })),
            );
            const outcomes = await Promise.allSettled(
              attempts.map((events, writer) =>
                clients.client(writer).append(streamId, events, { expectedRevision: expected }),
              ),
            );

            const won = outcomes.flatMap((outcome, writer) =>
              outcome.status === 'fulfilled' ? [{ writer, result: outcome.value }] : [],
            );
            expect(won).toHaveLength(1);
            for (const outcome of outcomes) {
              if (outcome.status === 'rejected') {
                expect(outcome.reason).toBeInstanceOf(WrongExpectedRevision);
              }
            }
            const winningBatch = attempts[won[0].writer];
            expectedStored.push(...winningBatch.map((event) => event.metadata.eventId));
            expect(won[0].result.nextExpectedRevision).toBe(expectedStored.length - 1);
            expected = won[0].result.nextExpectedRevision;
          }

          const stored = await store.readStream(streamId);
          expect(stored.map((event) => event.metadata.eventId)).toEqual(expectedStored);
          expect(stored.map((event) => event.streamRevision)).toEqual(range(expectedStored.length));
        } finally {
          await clients.close();
        }
      }, 30_000);
    });

    describe('readStream options', () => {
      it('reads forwards from a revision, up to a count', async () => {
        const streamId = `${prefix}-cycle-1`;
        await store.append(
          streamId,
          range(6).map((n) => newEvent('CheckInRecorded', { n })),
          { expectedRevision: 'no_stream' },
        );

        const numbers = async (readOptions: Parameters<EventStore['readStream']>[1]) =>
          (await store.readStream(streamId, readOptions)).map((event) => event.streamRevision);

        expect(await numbers({ fromRevision: 2 })).toEqual([2, 3, 4, 5]);
        expect(await numbers({ maxCount: 2 })).toEqual([0, 1]);
        expect(await numbers({ fromRevision: 3, maxCount: 2 })).toEqual([3, 4]);
        expect(await numbers({ fromRevision: 6 })).toEqual([]);
      });

      it('reads a stream as it stood at a point in time (metadata.occurredAt)', async () => {
        const streamId = `${prefix}-squad-7`;
        const days = ['2025-03-01', '2025-03-05', '2025-03-09'].map(
          (day) => `${day}T09:00:00.000Z`,
        );
        await store.append(
          streamId,
          days.map((occurredAt, n) => newEvent('SquadChanged', { n }, { occurredAt })),
          { expectedRevision: 'no_stream' },
        );

        const asOf = async (iso: string, fromRevision?: number) =>
          (await store.readStream(streamId, { asOf: new Date(iso), fromRevision })).map(
            (event) => event.data,
          );

        expect(await asOf('2025-02-28T00:00:00.000Z')).toEqual([]);
        expect(await asOf('2025-03-01T09:00:00.000Z')).toEqual([{ n: 0 }]);
        expect(await asOf('2025-03-06T00:00:00.000Z')).toEqual([{ n: 0 }, { n: 1 }]);
        expect(await asOf('2025-12-31T00:00:00.000Z')).toEqual([{ n: 0 }, { n: 1 }, { n: 2 }]);
        expect(await asOf('2025-03-06T00:00:00.000Z', 1)).toEqual([{ n: 1 }]);
      });

      it('stops a point-in-time read at the first event that occurred later', async () => {
        const streamId = `${prefix}-squad-8`;
        const occurred = ['2025-03-01', '2025-03-09', '2025-03-05'].map(
          (day) => `${day}T09:00:00.000Z`,
        );
        await store.append(
          streamId,
          occurred.map((occurredAt, n) => newEvent('SquadChanged', { n }, { occurredAt })),
          { expectedRevision: 'no_stream' },
        );

        const read = await store.readStream(streamId, { asOf: new Date('2025-03-06T00:00:00Z') });
        expect(read.map((event) => event.data)).toEqual([{ n: 0 }]);
      });
    });

    describe('readAll', () => {
      it('reads every stream in global order after a position', async () => {
        const head = await store.headPosition();
        const appended = await appendInterleaved(store, prefix);

        const all = await collect(store.readAll({ after: head }));
        const ours = all.filter((event) => event.streamId.startsWith(prefix));

        expect(ours.map((event) => event.metadata.eventId)).toEqual(appended);
        expectStrictlyIncreasing(all.map((event) => event.globalPosition));
        if (head !== undefined) expect(all[0].globalPosition).toBeGreaterThan(head);
      });

      it('starts at the beginning when no position is given', async () => {
        const result = await store.append(`${prefix}-a-1`, [newEvent('Started', {})], {
          expectedRevision: 'no_stream',
        });
        const [first] = await collect(store.readAll({ maxCount: 1 }));
        expect(first.globalPosition).toBeLessThanOrEqual(result.lastGlobalPosition);
        expect(await store.headPosition()).toBeGreaterThanOrEqual(result.lastGlobalPosition);
      });

      it('reads strictly after a given event, up to a count', async () => {
        const head = await store.headPosition();
        const appended = await appendInterleaved(store, prefix);
        const ours = await collect(store.readAll({ after: head, streamPrefixes: [prefix] }));

        const afterSecond = await collect(
          store.readAll({ after: ours[1].globalPosition, streamPrefixes: [prefix] }),
        );
        expect(afterSecond.map((event) => event.metadata.eventId)).toEqual(appended.slice(2));

        const firstThree = await collect(
          store.readAll({ after: head, maxCount: 3, streamPrefixes: [prefix] }),
        );
        expect(firstThree.map((event) => event.metadata.eventId)).toEqual(appended.slice(0, 3));
      });

      it('filters by stream prefixes', async () => {
        const head = await store.headPosition();
        const appended = await appendInterleaved(store, prefix);
        const all = await collect(store.readAll({ after: head, streamPrefixes: [prefix] }));
        expect(all.map((event) => event.metadata.eventId)).toEqual(appended);

        const onlyA = await collect(
          store.readAll({ after: head, streamPrefixes: [`${prefix}-a-`] }),
        );
        expect(onlyA.map((event) => event.streamId)).toEqual([
          `${prefix}-a-1`,
          `${prefix}-a-1`,
          `${prefix}-a-2`,
        ]);

        const aAndC = await collect(
          store.readAll({ after: head, streamPrefixes: [`${prefix}-a-`, `${prefix}-c-`] }),
        );
        expect(aAndC.map((event) => event.metadata.eventId)).toEqual(
          all
            .filter((event) => !event.streamId.startsWith(`${prefix}-b-`))
            .map((event) => event.metadata.eventId),
        );
      });

      it('pages through more events than fit in one page', async () => {
        const head = await store.headPosition();
        const appended: string[] = [];
        for (let batch = 0; batch < 25; batch++) {
          const events = range(100).map((n) => newEvent('CheckInRecorded', { batch, n }));
          await store.append(`${prefix}-s-${batch % 5}`, events, { expectedRevision: 'any' });
          appended.push(...events.map((event) => event.metadata.eventId));
        }

        const all = await collect(store.readAll({ after: head, streamPrefixes: [prefix] }));
        expect(all.map((event) => event.metadata.eventId)).toEqual(appended);
        expectStrictlyIncreasing(all.map((event) => event.globalPosition));

        const some = await collect(
          store.readAll({ after: head, streamPrefixes: [prefix], maxCount: 1_500 }),
        );
        expect(some.map((event) => event.metadata.eventId)).toEqual(appended.slice(0, 1_500));
      }, 30_000);
    });

    describe('subscribeToAll', () => {
      it('catches up from a checkpoint, then pushes new events as they are appended', async () => {
        await store.append(`${prefix}-a-1`, [newEvent('BeforeCheckpoint', {})], {
          expectedRevision: 'no_stream',
        });
        const checkpoint = (await store.headPosition())!;
        const caughtUp = await appendInterleaved(store, prefix);
        const subscription = subscribe(store, { after: checkpoint, streamPrefixes: [prefix] });
        try {
          await subscription.waitFor(caughtUp.length);
          expect(subscription.ids()).toEqual(caughtUp);

          // Each live event must arrive well before a safety poll (seconds) could have found it.
          const latencies: number[] = [];
          for (let n = 0; n < 3; n++) {
            const event = newEvent('LiveEvent', { n });
            const appendedAt = Date.now();
            await store.append(`${prefix}-live-1`, [event], { expectedRevision: 'any' });
            await subscription.waitFor(caughtUp.length + n + 1);
            latencies.push(Date.now() - appendedAt);
            expect(subscription.ids().at(-1)).toBe(event.metadata.eventId);
          }
          expect(Math.max(...latencies)).toBeLessThan(1_000);
          expectStrictlyIncreasing(subscription.events.map((event) => event.globalPosition));
          expect(subscription.events[0].globalPosition).toBeGreaterThan(checkpoint);
        } finally {
          await subscription.stop();
        }
      }, 20_000);

      it('delivers only the streams of the given prefixes', async () => {
        const head = await store.headPosition();
        const subscription = subscribe(store, {
          after: head,
          streamPrefixes: [`${prefix}-b-`],
        });
        try {
          const appended = await appendInterleaved(store, prefix);
          const all = await collect(store.readAll({ after: head, streamPrefixes: [prefix] }));
          const bIds = all
            .filter((event) => event.streamId.startsWith(`${prefix}-b-`))
            .map((event) => event.metadata.eventId);
          expect(bIds.length).toBeGreaterThan(0);
          expect(bIds.length).toBeLessThan(appended.length);
          await subscription.waitFor(bIds.length);
          // A later event of another stream must not show up either.
          await store.append(`${prefix}-b-9`, [newEvent('Marker', {})], {
            expectedRevision: 'no_stream',
          });
          await subscription.waitFor(bIds.length + 1);
          expect(
            subscription.events.map((event) => event.streamId.startsWith(`${prefix}-b-`)),
          ).toEqual(range(bIds.length + 1).map(() => true));
          expect(subscription.ids().slice(0, -1)).toEqual(bIds);
        } finally {
          await subscription.stop();
        }
      }, 20_000);

      it('ends when its AbortSignal aborts, also while waiting for events', async () => {
        const head = await store.headPosition();
        const subscription = subscribe(store, { after: head, streamPrefixes: [prefix] });
        await store.append(`${prefix}-a-1`, [newEvent('Started', {})], {
          expectedRevision: 'no_stream',
        });
        await subscription.waitFor(1);

        const abortedAt = Date.now();
        subscription.abort();
        await subscription.ended;
        expect(Date.now() - abortedAt).toBeLessThan(1_000);

        await store.append(`${prefix}-a-1`, [newEvent('AfterAbort', {})], {
          expectedRevision: 0,
        });
        await sleep(200);
        expect(subscription.events).toHaveLength(1);
      }, 20_000);
    });

    describe('global order under concurrent writers (late commits)', () => {
      const rounds = options.lateCommitRounds ?? 10;

      it.each(range(rounds).map((round) => [round + 1]))(
        'a subscriber from the start sees every event exactly once, in increasing position, as readAll does (round %i)',
        async () => {
          const clients = await writerClients(16);
          try {
            await lateCommitScenario(store, clients.client, prefix);
          } finally {
            await clients.close();
          }
        },
        30_000,
      );
    });
  });
};

/**
 * 16 writers append in a loop to their own streams (3,680 events, some appends batched) while a
 * subscriber runs from the head position seen before. A store whose positions are handed out
 * before commit without ordering (a naive bigserial) lets the subscriber read past a position
 * whose transaction has not committed yet, and that event is then never delivered.
 */
const lateCommitScenario = async (
  store: EventStore,
  writerClient: (writer: number) => EventStore,
  prefix: string,
): Promise<void> => {
  // Tuned by running it against a naive sequence-without-lock store: these sizes made every one
  // of 10 rounds fail there (20-60 events never delivered per round), even with fsync off.
  const writers = 16;
  const appendsPerWriter = 40;
  const batchEvery = 4; // every 4th append is a batch: its insert widens the late-commit window
  const batchSize = 20;
  const head = await store.headPosition();
  const subscription = subscribe(store, { after: head, streamPrefixes: [prefix] });
  const appended = new Set<string>();
  try {
    await Promise.all(
      range(writers).map(async (writer) => {
        const revisions = new Map<string, number>();
        for (let n = 0; n < appendsPerWriter; n++) {
          const streamId = `${prefix}-w${writer}-s${n % 4}`;
          const events = range(n % batchEvery === 0 ? batchSize : 1).map(() =>
            newEvent('KeyResultUpdated', { writer, n }),
          );
          const result = await writerClient(writer).append(streamId, events, {
            expectedRevision: revisions.get(streamId) ?? 'no_stream',
          });
          revisions.set(streamId, result.nextExpectedRevision);
          for (const event of events) appended.add(event.metadata.eventId);
        }
      }),
    );
    const total = appended.size;
    await subscription.waitFor(total, { timeoutMs: 5_000, orReturn: true });
    const seen = subscription.ids();
    const read = await collect(store.readAll({ after: head, streamPrefixes: [prefix] }));

    expect(read.map((event) => event.metadata.eventId).sort()).toEqual([...appended].sort());
    expect(seen.length).toBe(total);
    expect(new Set(seen).size).toBe(seen.length);
    expectStrictlyIncreasing(subscription.events.map((event) => event.globalPosition));
    expect(seen).toEqual(read.map((event) => event.metadata.eventId));
  } finally {
    await subscription.stop();
  }
};

type RunningSubscription = Readonly<{
  events: RecordedEvent[];
  ids: () => string[];
  waitFor: (count: number, options?: { timeoutMs?: number; orReturn?: boolean }) => Promise<void>;
  abort: () => void;
  ended: Promise<void>;
  stop: () => Promise<void>;
}>;

/** Consumes a subscription with `for await` in the background, recording what it delivers. */
const subscribe = (
  store: EventStore,
  subscribeOptions: Omit<SubscribeToAllOptions, 'signal'>,
): RunningSubscription => {
  const controller = new AbortController();
  const events: RecordedEvent[] = [];
  let delivered = () => {};
  let failure: Error | undefined;
  const ended = (async () => {
    try {
      for await (const event of store.subscribeToAll({
        ...subscribeOptions,
        signal: controller.signal,
      })) {
        events.push(event);
        delivered();
      }
    } catch (error) {
      failure = error instanceof Error ? error : new Error(String(error));
    } finally {
      delivered();
    }
  })();
  let finished = false;
  void ended.then(() => (finished = true));

  const waitFor = async (
    count: number,
    { timeoutMs = 10_000, orReturn = false }: { timeoutMs?: number; orReturn?: boolean } = {},
  ) => {
    const deadline = Date.now() + timeoutMs;
    while (events.length < count) {
      if (failure !== undefined) throw failure;
      if (finished) throw new Error(`Subscription ended after ${events.length} of ${count} events`);
      const left = deadline - Date.now();
      if (left <= 0) {
        if (orReturn) return;
        throw new Error(`Subscription delivered ${events.length} of ${count} events in time`);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 50));
        delivered = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  };
  return {
    events,
    ids: () => events.map((event) => event.metadata.eventId),
    waitFor,
    abort: () => controller.abort(),
    ended,
    stop: async () => {
      controller.abort();
      await ended;
      if (failure !== undefined) throw failure;
    },
  };
};

/** Seven events over streams a-1, b-1, a-2, c-1 in an interleaved order; returns their ids in order. */
const appendInterleaved = async (store: EventStore, prefix: string): Promise<string[]> => {
  const plan: [stream: string, count: number][] = [
    ['a-1', 2],
    ['b-1', 1],
    ['a-2', 1],
    ['c-1', 2],
    ['b-1', 1],
  ];
  const ids: string[] = [];
  for (const [stream, count] of plan) {
    const events = range(count).map((n) => newEvent('Interleaved', { stream, n }));
    await store.append(`${prefix}-${stream}`, events, { expectedRevision: 'any' });
    ids.push(...events.map((event) => event.metadata.eventId));
  }
  return ids;
};

let clock = Date.parse('2025-01-01T00:00:00.000Z');

const newEvent = (
  type: string,
  data: Record<string, unknown>,
  metadata: Readonly<{ occurredAt?: string; reason?: string }> = {},
): NewEvent => ({
  type,
  data,
  metadata: {
    eventId: crypto.randomUUID(),
    tenantId: 'org-contract',
    actor: 'person-contract',
    correlationId: crypto.randomUUID(),
    causationId: crypto.randomUUID(),
    occurredAt: metadata.occurredAt ?? new Date((clock += 1_000)).toISOString(),
    ...(metadata.reason === undefined ? {} : { reason: metadata.reason }),
  },
});

const collect = async (events: AsyncIterable<RecordedEvent>): Promise<RecordedEvent[]> => {
  const all: RecordedEvent[] = [];
  for await (const event of events) all.push(event);
  return all;
};

const eventIds = async (store: EventStore, streamId: string): Promise<string[]> =>
  (await store.readStream(streamId)).map((event) => event.metadata.eventId);

const failureOf = async (promise: Promise<unknown>): Promise<unknown> => {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('Expected the operation to fail, but it succeeded');
};

const expectStrictlyIncreasing = (positions: readonly bigint[]): void => {
  const outOfOrder = positions.filter((position, i) => i > 0 && position <= positions[i - 1]);
  expect(outOfOrder).toEqual([]);
};

const range = (count: number): number[] => Array.from({ length: count }, (_, i) => i);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
