import { Client, type ClientConfig, type Notification } from 'pg';

const firstReconnectDelayMs = 100;
const maxReconnectDelayMs = 5_000;

/**
 * A dedicated connection that LISTENs to the store's channel: every append notifies the position
 * of its last event at commit. A dropped connection is re-opened with backoff; since
 * notifications may have been missed meanwhile, the next wait then returns at once (the
 * subscriber re-reads) and the subscriber's slow safety poll covers the gap too.
 */
export class CommitNotifications {
  /** Highest position announced so far: every position up to it is committed and visible. */
  private announced = 0n;
  private missedPossible = false;
  private client: Client | undefined;
  private closed = false;
  private reconnectDelayMs = firstReconnectDelayMs;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private readonly waiters = new Set<(force: boolean) => void>();

  constructor(
    private readonly config: ClientConfig,
    private readonly channel: string,
  ) {}

  /** Connects and LISTENs; throws when the first connection fails. */
  async start(): Promise<void> {
    await this.connect();
  }

  get latestAnnounced(): bigint {
    return this.announced;
  }

  /**
   * Resolves when a commit beyond `position` is announced (or may have been missed), after
   * `timeoutMs` (the safety poll), or when the signal aborts.
   */
  waitBeyond(position: bigint, timeoutMs: number, signal?: AbortSignal): Promise<void> {
    if (this.announced > position || this.missedPossible || signal?.aborted || this.closed) {
      this.missedPossible = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        this.waiters.delete(wake);
        resolve();
      };
      const wake = (force: boolean) => {
        if (force || this.announced > position || this.missedPossible) {
          this.missedPossible = false;
          done();
        }
      };
      const timer = setTimeout(done, timeoutMs);
      signal?.addEventListener('abort', done, { once: true });
      this.waiters.add(wake);
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.reconnectTimer);
    for (const wake of [...this.waiters]) wake(true);
    const client = this.client;
    this.client = undefined;
    if (client) await client.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new Client(this.config);
    // Errors of a connection being set up or torn down surface through the promises.
    client.on('error', () => undefined);
    client.on('notification', (message: Notification) => this.notified(message));
    try {
      await client.connect();
      await client.query(`LISTEN "${this.channel}"`);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    if (this.closed) {
      await client.end().catch(() => undefined);
      return;
    }
    let lost = false;
    const onLost = () => {
      if (lost) return;
      lost = true;
      this.connectionLost(client);
    };
    client.on('error', onLost);
    client.on('end', onLost);
    this.client = client;
  }

  private notified(message: Notification): void {
    if (message.channel !== this.channel || !message.payload) return;
    const position = BigInt(message.payload);
    if (position > this.announced) this.announced = position;
    for (const wake of [...this.waiters]) wake(false);
  }

  private connectionLost(client: Client): void {
    if (this.client === client) this.client = undefined;
    client.removeAllListeners('notification');
    void client.end().catch(() => undefined);
    if (!this.closed) this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    this.reconnectTimer = setTimeout(() => {
      this.connect().then(
        () => {
          this.reconnectDelayMs = firstReconnectDelayMs;
          this.missedPossible = true;
          for (const wake of [...this.waiters]) wake(false);
        },
        () => {
          this.reconnectDelayMs = Math.min(this.reconnectDelayMs * 2, maxReconnectDelayMs);
          if (!this.closed) this.scheduleReconnect();
        },
      );
    }, this.reconnectDelayMs);
  }
}
