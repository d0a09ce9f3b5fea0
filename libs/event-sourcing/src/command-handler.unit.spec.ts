import { aggregateStream, readAggregate } from './aggregate-stream';
import { CommandHandler, metadataFor, type CommandContext } from './command-handler';
import { outcomeOf } from './command-outcome';
import { decideAll, type Decider } from './decider';
import { StreamUnreadable, WrongExpectedRevision } from './errors';
import type { Event, NewEvent, RecordedEvent } from './event';
import type { AppendResult, EventStore, ExpectedRevision } from './event-store';

// A guild's members: small enough to read, rich enough to decide on state (joining twice changes
// nothing, only a member may leave).
type MemberJoined = Event<'MemberJoined', { personId: string }>;
type MemberLeft = Event<'MemberLeft', { personId: string }>;
type GuildEvent = MemberJoined | MemberLeft;
type GuildCommand =
  Readonly<{ type: 'Join'; personId: string }> | Readonly<{ type: 'Leave'; personId: string }>;
type Guild = Readonly<{ members: readonly string[] }>;

const guild: Decider<GuildCommand, Guild, GuildEvent> = {
  initialState: () => ({ members: [] }),
  evolve: (state, event) =>
    event.type === 'MemberJoined'
      ? { members: [...state.members, event.data.personId] }
      : { members: state.members.filter((id) => id !== event.data.personId) },
  decide: (command, state) => {
    const member = state.members.includes(command.personId);
    if (command.type === 'Join') {
      return member ? [] : [{ type: 'MemberJoined', data: { personId: command.personId } }];
    }
    if (!member) throw new Error(`${command.personId} is not a member`);
    return [{ type: 'MemberLeft', data: { personId: command.personId } }];
  },
};

const handle = CommandHandler(guild);
const join = (personId: string) => (state: Guild) =>
  guild.decide({ type: 'Join', personId }, state);

const context: CommandContext = {
  tenantId: 'acme',
  actor: 'pia',
  correlationId: 'request-1',
  causationId: 'command-1',
  now: new Date('2026-03-02T09:30:00Z'),
  reason: 'guild kick-off',
};
const options = { context };
const streamId = 'guild-acme.design';

/**
 * The event store port, kept in this spec (the kernel imports no other lib): revisions checked
 * like the adapters, every read and append counted, and a competing writer that can slip in
 * between a command's read and its append.
 */
class CountingStore implements EventStore {
  readonly streams = new Map<string, RecordedEvent[]>();
  reads = 0;
  appends = 0;
  /** Runs once before each append, as another request would. */
  competingWriter: (() => void) | undefined;

  given(id: string, ...events: GuildEvent[]): this {
    for (const event of events) this.write(id, event);
    return this;
  }

  append(
    id: string,
    events: readonly NewEvent[],
    { expectedRevision }: Readonly<{ expectedRevision: ExpectedRevision }>,
  ): Promise<AppendResult> {
    this.appends += 1;
    this.competingWriter?.();
    const current = (this.streams.get(id)?.length ?? 0) - 1;
    const expected = expectedRevision === 'no_stream' ? -1 : expectedRevision;
    if (expected !== current) {
      return Promise.reject(
        new WrongExpectedRevision(id, expectedRevision, current < 0 ? 'no_stream' : current),
      );
    }
    const recorded = events.map((event) => this.write(id, event, event.metadata));
    return Promise.resolve({
      nextExpectedRevision: recorded.at(-1)!.streamRevision,
      lastGlobalPosition: recorded.at(-1)!.globalPosition,
    });
  }

  readStream<E extends Event = Event>(id: string): Promise<RecordedEvent<E>[]> {
    this.reads += 1;
    return Promise.resolve([...(this.streams.get(id) ?? [])] as RecordedEvent<E>[]);
  }

  readAll(): AsyncIterable<RecordedEvent> {
    throw new Error('not used by the command handler');
  }

  subscribeToAll(): AsyncIterable<RecordedEvent> {
    throw new Error('not used by the command handler');
  }

  headPosition(): Promise<bigint | undefined> {
    return Promise.resolve(BigInt([...this.streams.values()].flat().length));
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  private write(id: string, event: Event, metadata = metadataFor(context, 'given')) {
    const stream = this.streams.get(id) ?? [];
    const recorded: RecordedEvent = {
      type: event.type,
      data: event.data,
      metadata,
      streamId: id,
      streamRevision: stream.length,
      globalPosition: BigInt([...this.streams.values()].flat().length + 1),
      recordedAt: context.now,
    };
    this.streams.set(id, [...stream, recorded]);
    return recorded;
  }
}

const typesIn = (store: CountingStore) => store.streams.get(streamId)?.map((event) => event.type);

describe('CommandHandler', () => {
  let store: CountingStore;
  beforeEach(() => {
    store = new CountingStore();
  });

  describe('given no stream', () => {
    it('decides on the initial state and creates the stream', async () => {
      const result = await handle(store, streamId, join('pia'), options);

      expect(typesIn(store)).toEqual(['MemberJoined']);
      expect(result).toMatchObject({
        streamId,
        newState: { members: ['pia'] },
        nextExpectedRevision: 0,
        lastGlobalPosition: 1n,
        createdNewStream: true,
      });
      expect(result.newEvents.map((event) => event.data)).toEqual([{ personId: 'pia' }]);
    });
  });

  describe('given a stream', () => {
    it('decides on the folded state and appends after its last event', async () => {
      store.given(streamId, { type: 'MemberJoined', data: { personId: 'max' } });

      const result = await handle(store, streamId, join('pia'), options);

      expect(typesIn(store)).toEqual(['MemberJoined', 'MemberJoined']);
      expect(result).toMatchObject({
        newState: { members: ['max', 'pia'] },
        nextExpectedRevision: 1,
        createdNewStream: false,
      });
    });

    it('appends nothing when the decision has no events, and answers the current revision', async () => {
      store.given(streamId, { type: 'MemberJoined', data: { personId: 'pia' } });

      const result = await handle(store, streamId, join('pia'), options);

      expect(store.appends).toBe(0);
      expect(result).toMatchObject({
        newEvents: [],
        newState: { members: ['pia'] },
        nextExpectedRevision: 0,
        createdNewStream: false,
      });
      expect(result).not.toHaveProperty('lastGlobalPosition');
    });

    it('lets an async decision read facts that depend on the state', async () => {
      store.given(
        streamId,
        { type: 'MemberJoined', data: { personId: 'max' } },
        { type: 'MemberJoined', data: { personId: 'pia' } },
      );
      const stillEmployed = (personId: string) => Promise.resolve(personId === 'pia');

      const result = await handle(
        store,
        streamId,
        async (state) => {
          const leavers: GuildEvent[] = [];
          for (const personId of state.members) {
            if (!(await stillEmployed(personId))) {
              leavers.push({ type: 'MemberLeft', data: { personId } });
            }
          }
          return leavers;
        },
        options,
      );

      expect(result.newEvents.map((event) => event.data)).toEqual([{ personId: 'max' }]);
      expect(result.newState).toEqual({ members: ['pia'] });
    });

    it('passes a decision that breaks a rule through, appending nothing', async () => {
      await expect(
        handle(
          store,
          streamId,
          (state) => guild.decide({ type: 'Leave', personId: 'eve' }, state),
          {
            context,
          },
        ),
      ).rejects.toThrow('eve is not a member');
      expect(store.appends).toBe(0);
    });
  });

  describe('when another writer comes first', () => {
    it('reads again, decides on the new state and appends', async () => {
      let competed = false;
      store.competingWriter = () => {
        if (competed) return;
        competed = true;
        store.given(streamId, { type: 'MemberJoined', data: { personId: 'max' } });
      };
      const seen: (readonly string[])[] = [];

      const result = await handle(
        store,
        streamId,
        (state) => {
          seen.push(state.members);
          return join('pia')(state);
        },
        options,
      );

      expect(seen).toEqual([[], ['max']]);
      expect(typesIn(store)).toEqual(['MemberJoined', 'MemberJoined']);
      expect(result).toMatchObject({
        nextExpectedRevision: 1,
        newState: { members: ['max', 'pia'] },
        createdNewStream: false,
      });
    });

    it('reads the stream once per attempt', async () => {
      let competitors = 2;
      store.competingWriter = () => {
        if (competitors-- > 0) {
          store.given(streamId, { type: 'MemberJoined', data: { personId: `p${competitors}` } });
        }
      };

      await handle(store, streamId, join('pia'), options);

      expect(store.appends).toBe(3);
      expect(store.reads).toBe(3);
    });

    it('gives up after maxAttempts with WrongExpectedRevision', async () => {
      let writers = 0;
      store.competingWriter = () =>
        store.given(streamId, { type: 'MemberJoined', data: { personId: `p${writers++}` } });

      await expect(handle(store, streamId, join('pia'), options)).rejects.toBeInstanceOf(
        WrongExpectedRevision,
      );
      expect(store.reads).toBe(3);

      store.reads = 0;
      await expect(
        handle(store, streamId, join('pia'), { context, maxAttempts: 5 }),
      ).rejects.toBeInstanceOf(WrongExpectedRevision);
      expect(store.reads).toBe(5);
      const members = store.streams.get(streamId)?.map((event) => event.data);
      expect(members).not.toContainEqual({ personId: 'pia' });
    });
  });

  describe('with the revision the caller saw (If-Match)', () => {
    it('appends when the stream is still there', async () => {
      store.given(streamId, { type: 'MemberJoined', data: { personId: 'max' } });

      const result = await handle(store, streamId, join('pia'), {
        context,
        expectedRevision: 0,
      });

      expect(result.nextExpectedRevision).toBe(1);
    });

    it('accepts -1 for a stream that does not exist yet', async () => {
      const result = await handle(store, streamId, join('pia'), {
        context,
        expectedRevision: -1,
      });

      expect(result).toMatchObject({ nextExpectedRevision: 0, createdNewStream: true });
    });

    it('refuses at once when the stream moved on, without deciding or retrying', async () => {
      store.given(
        streamId,
        { type: 'MemberJoined', data: { personId: 'max' } },
        { type: 'MemberJoined', data: { personId: 'eve' } },
      );
      const decision = jest.fn(join('pia'));

      const refused = handle(store, streamId, decision, { context, expectedRevision: 0 });

      await expect(refused).rejects.toBeInstanceOf(WrongExpectedRevision);
      await expect(refused).rejects.toMatchObject({ streamId, expected: 0, actual: 1 });
      expect(decision).not.toHaveBeenCalled();
      expect(store.reads).toBe(1);
      expect(store.appends).toBe(0);
    });

    it('does not retry when another writer comes between the read and the append', async () => {
      store.given(streamId, { type: 'MemberJoined', data: { personId: 'max' } });
      store.competingWriter = () =>
        store.given(streamId, { type: 'MemberJoined', data: { personId: 'eve' } });

      await expect(
        handle(store, streamId, join('pia'), { context, expectedRevision: 0 }),
      ).rejects.toBeInstanceOf(WrongExpectedRevision);
      expect(store.reads).toBe(1);
      expect(store.appends).toBe(1);
    });
  });

  describe('admitting the caller', () => {
    // A guild whose members only may address it: to anyone else it answers as a missing one.
    const membersOnly = (personId: string) => (state: Guild) => {
      if (!state.members.includes(personId)) throw new Error('guild not found');
    };

    it('refuses before comparing the revision, so a revision tells nothing to one not admitted', async () => {
      store.given(streamId, { type: 'MemberJoined', data: { personId: 'max' } });
      const decision = jest.fn(join('pia'));

      for (const expectedRevision of [undefined, 0, 7]) {
        await expect(
          handle(store, streamId, decision, {
            context,
            admit: membersOnly('eve'),
            ...(expectedRevision === undefined ? {} : { expectedRevision }),
          }),
        ).rejects.toThrow('guild not found');
      }
      expect(decision).not.toHaveBeenCalled();
      expect(store.appends).toBe(0);
    });

    it('admits on the state of every attempt', async () => {
      store.given(streamId, { type: 'MemberJoined', data: { personId: 'max' } });
      store.competingWriter = () => {
        store.competingWriter = undefined;
        store.given(streamId, { type: 'MemberLeft', data: { personId: 'max' } });
      };

      await expect(
        handle(store, streamId, join('pia'), { context, admit: membersOnly('max') }),
      ).rejects.toThrow('guild not found');
      expect(store.reads).toBe(2);
      expect(store.appends).toBe(1);
    });

    it('refuses a stream it cannot fold, once the caller is admitted on what came before', async () => {
      // A join without its data (a faulty migration, say): the guild's evolve cannot take it.
      store.given(
        streamId,
        { type: 'MemberJoined', data: { personId: 'max' } },
        { type: 'MemberJoined', data: null as never },
        { type: 'MemberJoined', data: { personId: 'pia' } },
      );
      const decision = jest.fn(join('eve'));

      await expect(
        handle(store, streamId, decision, { context, admit: membersOnly('eve') }),
      ).rejects.toThrow('guild not found');
      const refused = handle(store, streamId, decision, { context, admit: membersOnly('max') });
      await expect(refused).rejects.toBeInstanceOf(StreamUnreadable);
      await expect(refused).rejects.toMatchObject({ streamId, streamRevision: 1 });
      expect(decision).not.toHaveBeenCalled();
      expect(store.appends).toBe(0);
    });

    it('decides and appends for a caller it admits', async () => {
      store.given(streamId, { type: 'MemberJoined', data: { personId: 'max' } });

      const result = await handle(store, streamId, join('pia'), {
        context,
        expectedRevision: 0,
        admit: membersOnly('max'),
      });

      expect(result.nextExpectedRevision).toBe(1);
    });
  });

  it('stamps the command context on every event, each with its own id', async () => {
    const result = await handle(
      store,
      streamId,
      () => [
        { type: 'MemberJoined', data: { personId: 'pia' } },
        { type: 'MemberJoined', data: { personId: 'max' } },
      ],
      options,
    );

    const stored = store.streams.get(streamId)!;
    for (const event of [...result.newEvents, ...stored]) {
      expect(event.metadata).toMatchObject({
        tenantId: 'acme',
        actor: 'pia',
        correlationId: 'request-1',
        causationId: 'command-1',
        occurredAt: '2026-03-02T09:30:00.000Z',
      });
    }
    expect(result.newEvents.map((event) => event.metadata.reason)).toEqual([
      'guild kick-off',
      'guild kick-off',
    ]);
    const ids = result.newEvents.map((event) => event.metadata.eventId);
    expect(new Set(ids).size).toBe(2);
    expect(stored.map((event) => event.metadata.eventId)).toEqual(ids);
  });

  it('leaves the reason out when the command has none', async () => {
    const { reason: _reason, ...unreasoned } = context;

    const result = await handle(store, streamId, join('pia'), { context: unreasoned });

    expect(result.newEvents[0].metadata).not.toHaveProperty('reason');
  });
});

describe('decideAll', () => {
  it('decides each command on the state the ones before it left, appended as one change', async () => {
    const store = new CountingStore();

    const result = await handle(
      store,
      streamId,
      decideAll(guild, [
        { type: 'Join', personId: 'pia' },
        { type: 'Join', personId: 'pia' },
        { type: 'Join', personId: 'max' },
        { type: 'Leave', personId: 'pia' },
      ]),
      options,
    );

    expect(result.newEvents.map(({ type, data }) => ({ type, data }))).toEqual([
      { type: 'MemberJoined', data: { personId: 'pia' } },
      { type: 'MemberJoined', data: { personId: 'max' } },
      { type: 'MemberLeft', data: { personId: 'pia' } },
    ]);
    expect(result.newState).toEqual({ members: ['max'] });
    expect(store.appends).toBe(1);
  });

  it('appends none of them when one breaks a rule', async () => {
    const store = new CountingStore();

    await expect(
      handle(
        store,
        streamId,
        decideAll(guild, [
          { type: 'Join', personId: 'pia' },
          { type: 'Leave', personId: 'eve' },
        ]),
        options,
      ),
    ).rejects.toThrow('eve is not a member');
    expect(store.appends).toBe(0);
  });
});

describe('aggregateStream', () => {
  it('folds a stream into the state now, with its revision', async () => {
    const store = new CountingStore().given(
      streamId,
      { type: 'MemberJoined', data: { personId: 'max' } },
      { type: 'MemberJoined', data: { personId: 'pia' } },
      { type: 'MemberLeft', data: { personId: 'max' } },
    );

    await expect(aggregateStream(store, streamId, guild)).resolves.toEqual({
      state: { members: ['pia'] },
      currentRevision: 2,
      streamExists: true,
    });
    await expect(aggregateStream(store, 'guild-acme.none', guild)).resolves.toEqual({
      state: { members: [] },
      currentRevision: -1,
      streamExists: false,
    });
  });

  it('names the first event it cannot fold; readAggregate answers the fold before it', async () => {
    const store = new CountingStore().given(
      streamId,
      { type: 'MemberJoined', data: { personId: 'max' } },
      { type: 'MemberLeft', data: undefined as never },
      { type: 'MemberJoined', data: { personId: 'pia' } },
    );

    await expect(aggregateStream(store, streamId, guild)).rejects.toMatchObject({
      name: 'StreamUnreadable',
      streamId,
      streamRevision: 1,
      eventType: 'MemberLeft',
      cause: expect.any(TypeError),
    });
    await expect(readAggregate(store, streamId, guild)).resolves.toEqual({
      state: { members: ['max'] },
      currentRevision: 2,
      streamExists: true,
      unreadable: expect.any(StreamUnreadable),
    });
  });
});

describe('outcomeOf', () => {
  it('answers the id, the revision to send back as If-Match and the events appended', async () => {
    const store = new CountingStore().given(streamId, {
      type: 'MemberJoined',
      data: { personId: 'max' },
    });

    const result = await handle(store, streamId, join('pia'), options);

    expect(outcomeOf('design', result)).toEqual({ id: 'design', revision: 1, eventCount: 1 });
  });
});
