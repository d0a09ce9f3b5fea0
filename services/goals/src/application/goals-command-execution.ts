import { randomUUID } from 'node:crypto';
import {
  commandHandler,
  fold,
  metadataFor,
  WrongExpectedRevision,
  type CommandContext,
  type Decider,
  type Event,
  type EventStore,
  type NewEvent,
  type RecordedEvent,
} from '@rhythm/event-sourcing';

/** What a command did: the aggregate's id and its revision afterwards (the next If-Match). */
export type CommandOutcome = Readonly<{ id: string; revision: number; eventCount: number }>;

/** A version the caller saw (If-Match), or none: then conflicts are retried. */
export type ExpectedRevision = number | undefined;

/** The events a command appended, for a process that reacts to them in the same request. */
export type ExecutedCommand<E extends Event> = CommandOutcome &
  Readonly<{ events: readonly NewEvent<E>[] }>;

/**
 * Runs commands against one aggregate type. `execute` is the plain path: facts that do not depend
 * on the aggregate's own state, a conflict retried by the kernel's commandHandler (bounded, then
 * 409). `executeWithState` is for commands whose facts depend on the aggregate's state (the cycle
 * of an objective, the objective of a proposal): it folds first, builds the command, and appends
 * at the revision it folded, so facts and state agree; on a conflict it starts over (ADR 0021).
 */
export class GoalsCommandExecution<Command, State, E extends Event> {
  private readonly handle: ReturnType<typeof commandHandler<Command, State, E>>;

  constructor(
    private readonly store: EventStore,
    private readonly decider: Decider<Command, State, E>,
    private readonly maxAttempts = 3,
  ) {
    this.handle = commandHandler(store, decider, { maxAttempts });
  }

  async execute(
    id: string,
    streamId: string,
    command: Command,
    context: CommandContext,
    expectedRevision: ExpectedRevision,
  ): Promise<ExecutedCommand<E>> {
    const result = await this.handle(
      streamId,
      command,
      context,
      expectedRevision === undefined ? {} : { expectedRevision },
    );
    return {
      id,
      revision: result.nextExpectedRevision,
      eventCount: result.events.length,
      events: result.events,
    };
  }

  async executeWithState(
    id: string,
    streamId: string,
    commandFor: (state: State) => Command | Promise<Command>,
    context: CommandContext,
    expectedRevision: ExpectedRevision,
  ): Promise<ExecutedCommand<E>> {
    for (let attempt = 1; ; attempt++) {
      const recorded = await this.store.readStream(streamId);
      const seen = expectedRevision ?? recorded.length - 1;
      const command = await commandFor(fold(this.decider, recorded as unknown as E[]));
      try {
        return await this.execute(id, streamId, command, context, seen);
      } catch (error) {
        const retry =
          error instanceof WrongExpectedRevision &&
          expectedRevision === undefined &&
          attempt < this.maxAttempts;
        if (!retry) throw error;
      }
    }
  }

  /**
   * Several commands to one aggregate as one change: each is decided on the state the ones before
   * it left, and their events are appended together, or none are (an objective with its key
   * results from a template or an approved proposal).
   */
  async executeAll(
    id: string,
    streamId: string,
    commandsFor: (
      state: State,
      recorded: readonly RecordedEvent<E>[],
    ) => readonly Command[] | Promise<readonly Command[]>,
    context: CommandContext,
  ): Promise<ExecutedCommand<E>> {
    for (let attempt = 1; ; attempt++) {
      const recorded = (await this.store.readStream(streamId)) as unknown as RecordedEvent<E>[];
      let state = fold(this.decider, recorded);
      const decided: E[] = [];
      for (const command of await commandsFor(state, recorded)) {
        for (const event of this.decider.decide(command, state)) {
          decided.push(event);
          state = this.decider.evolve(state, event);
        }
      }
      const revision = recorded.length - 1;
      if (decided.length === 0) return { id, revision, eventCount: 0, events: [] };
      const events = decided.map((event): NewEvent<E> => ({
        ...event,
        metadata: metadataFor(context, randomUUID()),
      }));
      try {
        const result = await this.store.append(streamId, events, {
          expectedRevision: revision < 0 ? 'no_stream' : revision,
        });
        return { id, revision: result.nextExpectedRevision, eventCount: events.length, events };
      } catch (error) {
        if (!(error instanceof WrongExpectedRevision) || attempt >= this.maxAttempts) throw error;
      }
    }
  }

  /** The events of a stream as recorded. */
  async recorded(streamId: string): Promise<readonly RecordedEvent<E>[]> {
    return (await this.store.readStream(streamId)) as unknown as RecordedEvent<E>[];
  }

  /** The aggregate's state now, folded from its stream. */
  async state(streamId: string): Promise<State> {
    const recorded = await this.store.readStream(streamId);
    return fold(this.decider, recorded as unknown as E[]);
  }
}
