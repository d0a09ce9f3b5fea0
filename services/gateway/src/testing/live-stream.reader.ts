import type { LiveChange } from '@rhythm/contracts';

/** One server-sent event: its name and data. */
export type ServerSentEvent = Readonly<{ event: string; data: string }>;

/**
 * Reads a live stream as a browser's EventSource would: `fetch` with the session cookie, the
 * events parsed as they arrive, kept for the test to look at.
 */
export class LiveStreamReader {
  readonly events: ServerSentEvent[] = [];
  private ended = false;

  private constructor(
    readonly status: number,
    private readonly controller: AbortController,
  ) {}

  static async open(url: string, cookie?: string): Promise<LiveStreamReader> {
    const controller = new AbortController();
    const response = await fetch(url, {
      headers: { accept: 'text/event-stream', ...(cookie ? { cookie } : {}) },
      signal: controller.signal,
    });
    const opened = new LiveStreamReader(response.status, controller);
    if (response.body) void opened.read(response.body);
    return opened;
  }

  private async read(body: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of body) {
        buffer += decoder.decode(chunk, { stream: true });
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const lines = block.split('\n');
          const event = lines.find((line) => line.startsWith('event: '))?.slice(7);
          const data = lines.find((line) => line.startsWith('data: '))?.slice(6);
          if (event && data !== undefined) this.events.push({ event, data });
        }
      }
    } catch {
      // Aborted by close().
    }
    this.ended = true;
  }

  /** The changes received so far. */
  get changes(): LiveChange[] {
    return this.events
      .filter((event) => event.event === 'change')
      .map((event) => JSON.parse(event.data) as LiveChange);
  }

  get hasEnded(): boolean {
    return this.ended;
  }

  close(): void {
    this.controller.abort();
  }
}
