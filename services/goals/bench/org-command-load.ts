/** What the org API answered over the run. */
export type LoadCounts = { accepted: number; refused: number; unanswered: number };

export type OrgCommandLoadOptions = Readonly<{
  orgUrl: string;
  token: string;
  /** Commands per second over all clients. */
  rate: number;
  clients: number;
}>;

/**
 * A steady stream of org commands (people join, are renamed, change their email) from a few
 * clients at a fixed rate, so that the org relay and the goals org directory have work while
 * faults happen. The org service itself is never faulted: every command should be accepted.
 */
export class OrgCommandLoad {
  readonly counts: LoadCounts = { accepted: 0, refused: 0, unanswered: 0 };
  private stopping = false;
  private running: Promise<void> = Promise.resolve();
  private people = 0;

  constructor(private readonly options: OrgCommandLoadOptions) {}

  start(): void {
    const pause = (1_000 * this.options.clients) / this.options.rate;
    this.running = Promise.all(
      Array.from({ length: this.options.clients }, (_, client) => this.client(client, pause)),
    ).then(() => undefined);
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await this.running;
  }

  /** One new person, acknowledged: its id and when the org service accepted it. */
  async join(name: string): Promise<Readonly<{ personId: string; acceptedAt: number }>> {
    const response = await this.send('POST', '/people', {
      name,
      email: `${name.toLowerCase().replace(/[^a-z0-9]+/g, '.')}@fault.test`,
    });
    if (response === undefined) throw new Error(`The org service did not accept ${name}`);
    return { personId: response.id, acceptedAt: Date.now() };
  }

  async send(
    method: 'POST' | 'PATCH',
    path: string,
    body: unknown,
  ): Promise<{ id: string } | undefined> {
    try {
      const response = await fetch(`${this.options.orgUrl}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${this.options.token}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(10_000),
      });
      const text = await response.text();
      if (response.status !== 200 && response.status !== 201) {
        this.counts.refused++;
        return undefined;
      }
      this.counts.accepted++;
      return JSON.parse(text) as { id: string };
    } catch {
      this.counts.unanswered++;
      return undefined;
    }
  }

  private async client(client: number, pauseMs: number): Promise<void> {
    // Spread the clients over the period so that the rate is even.
    await sleep((pauseMs * client) / this.options.clients);
    let personId: string | undefined;
    let step = 0;
    while (!this.stopping) {
      const started = Date.now();
      if (personId === undefined || step >= 4) {
        const n = this.people++;
        const joined = await this.send('POST', '/people', {
          name: `Load ${n}`,
          email: `load.${n}@fault.test`,
        });
        personId = joined?.id;
        step = 0;
      } else {
        step++;
        await this.send(
          'PATCH',
          `/people/${personId}`,
          step % 2 === 0
            ? { name: `Load ${personId.slice(0, 8)} v${step}` }
            : { email: `v${step}.${personId}@fault.test` },
        );
      }
      await sleep(Math.max(0, pauseMs - (Date.now() - started)));
    }
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
