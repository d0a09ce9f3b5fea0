import {
  commandHandler,
  fold,
  WrongExpectedRevision,
  type CommandContext,
  type Decider,
  type Event,
  type EventStore,
} from '@rhythm/event-sourcing';

/** What a command did: the aggregate's id and its revision afterwards (the next If-Match). */
export type CommandOutcome = Readonly<{ id: string; revision: number; eventCount: number }>;

/** A version the caller saw (If-Match), or none: then conflicts are retried. */
export type ExpectedRevision = number | undefined;

/**
 * Runs commands against one aggregate type. `execute` is the plain path: facts that do not depend
 * on the aggregate's own state, a conflict retried by the kernel's commandHandler. `executeWithState`
 * is for commands whose facts depend on the aggregate's state (a person's current units): it folds
 * first, builds the command, and appends at the revision it folded, so facts and state agree;
 * on a conflict it starts over (ADR 0010).
 */
export class OrgCommandExecution<Command, State, E extends Event> {
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
  ): Promise<CommandOutcome> {
    const result = await this.handle(
      streamId,
      command,
      context,
      expectedRevision === undefined ? {} : { expectedRevision },
    );
    return { id, revision: result.nextExpectedRevision, eventCount: result.events.length };
  }

  async executeWithState(
    id: string,
    streamId: string,
    commandFor: (state: State) => Promise<Command>,
    context: CommandContext,
    expectedRevision: ExpectedRevision,
  ): Promise<CommandOutcome> {
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
}
