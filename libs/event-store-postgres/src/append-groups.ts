/** One append as the append function receives it. */
export type AppendRequest = Readonly<{
  streamId: string;
  /** 'any' | 'no_stream' | 'stream_exists' | a revision in digits */
  expected: string;
  events: readonly Readonly<{ type: string; data: object; metadata: object }>[];
}>;

export type AppendOutcome = Readonly<{
  appended: boolean;
  /** The stream's revision after the append, or its actual revision when refused (null: no stream). */
  streamRevision: number | null;
  globalPosition: bigint | null;
}>;

type Waiting = Readonly<{
  append: AppendRequest;
  settle: (outcome: AppendOutcome) => void;
  fail: (error: unknown) => void;
}>;

/**
 * Group commit in the application. Appends to one store are serialised by its lock anyway (see
 * the ADR), so the adapter keeps one append call running and sends everything that arrived
 * meanwhile as the next group: one round trip and one WAL flush for many appends. An append that
 * finds nothing running goes out at once, so a lone writer waits for nobody.
 */
export class AppendGroups {
  private waiting: Waiting[] = [];
  private running = false;

  constructor(
    private readonly send: (appends: readonly AppendRequest[]) => Promise<AppendOutcome[]>,
    private readonly maxGroupSize = 100,
  ) {}

  submit(append: AppendRequest): Promise<AppendOutcome> {
    return new Promise((settle, fail) => {
      this.waiting.push({ append, settle, fail });
      if (!this.running) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      while (this.waiting.length > 0) await this.run(this.waiting.splice(0, this.maxGroupSize));
    } finally {
      this.running = false;
    }
  }

  private async run(group: readonly Waiting[]): Promise<void> {
    let outcomes: AppendOutcome[];
    try {
      outcomes = await this.send(group.map((waiting) => waiting.append));
    } catch (error) {
      if (group.length === 1) return group[0].fail(error);
      // The group's transaction rolled back whole: one bad append (a duplicate event id, say)
      // must not fail the others, so each is tried again on its own.
      for (const waiting of group) await this.run([waiting]);
      return;
    }
    group.forEach((waiting, index) => waiting.settle(outcomes[index]));
  }
}
