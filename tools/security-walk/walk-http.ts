/** What the walk sends: one HTTP request to one service. */
export type WalkRequest = Readonly<{
  method: string;
  /** Path and query, e.g. `/objectives/…/history` or `/proposals?kind=squad`. */
  path: string;
  body?: unknown;
  /** Bearer token; none sends no Authorization header. */
  token?: string;
  headers?: Readonly<Record<string, string>>;
}>;

/** What came back, as a client sees it: status, every header (lower-case names) and the text. */
export type WalkAnswer = Readonly<{
  status: number;
  headers: Readonly<Record<string, string>>;
  text: string;
}>;

/** Refuses anything but this machine: the walk writes to what it talks to. */
export const assertLocalService = (url: string): string => {
  const parsed = new URL(url);
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  if (!(host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host))) {
    throw new Error(`Refusing to walk ${parsed.host}: only localhost, 127.0.0.0/8 or ::1`);
  }
  if (parsed.protocol !== 'http:') throw new Error(`Only http:// services: ${url}`);
  return parsed.toString().replace(/\/$/, '');
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One service as the walk talks to it: every request counted, and a 429 waited out (its
 * `Retry-After`) and sent again, since a rate limit is no answer about the object asked.
 */
export class WalkHttp {
  requests = 0;
  throttled = 0;

  constructor(
    readonly name: string,
    readonly baseUrl: string,
    private readonly timeoutMs = 30_000,
  ) {
    assertLocalService(baseUrl);
  }

  async send(request: WalkRequest): Promise<WalkAnswer> {
    for (let attempt = 0; ; attempt++) {
      const answer = await this.once(request);
      if (answer.status !== 429 || attempt >= 20) return answer;
      this.throttled++;
      await sleep(Math.max(1, Number(answer.headers['retry-after'] ?? 1)) * 1000);
    }
  }

  private async once({ method, path, body, token, headers = {} }: WalkRequest) {
    this.requests++;
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        accept: 'application/json',
        ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      signal: AbortSignal.timeout(this.timeoutMs),
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return {
      status: response.status,
      headers: Object.fromEntries(response.headers.entries()),
      text: await response.text(),
    };
  }
}

/** The JSON of an answer, or undefined when it holds none. */
export const jsonOf = <T = Record<string, unknown>>(answer: WalkAnswer): T | undefined => {
  try {
    return JSON.parse(answer.text) as T;
  } catch {
    return undefined;
  }
};
