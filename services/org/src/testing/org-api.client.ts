/** One HTTP exchange with the org API, as a client sees it. */
export type OrgApiResponse<T = unknown> = Readonly<{
  status: number;
  headers: Headers;
  body: T;
}>;

export type OrgApiRequest = Readonly<{
  body?: unknown;
  /** Bearer token; none sends no Authorization header. */
  token?: string;
  /** The revision the change is based on (sent as If-Match). */
  ifMatch?: string | number;
}>;

/** Error bodies of the org API (libs/operability HttpErrorBody). */
export type OrgApiError = Readonly<{
  statusCode: number;
  error: string;
  message: string;
  fields?: Record<string, string>;
  reason?: string;
  correlationId: string;
}>;

/** Body of every accepted command (application/http/command-accepted.response.ts). */
export type CommandAccepted = Readonly<{ id: string; revision: number }>;

/**
 * A plain fetch client for the org API, as a browser or script would call it. Connection errors
 * (refused, reset) are thrown as they come: the crash test counts them.
 */
export class OrgApiClient {
  constructor(
    readonly baseUrl: string,
    private readonly defaultToken?: string,
    /** A request still unanswered after this long fails the test instead of hanging it. */
    private readonly timeoutMs = 60_000,
  ) {}

  as(token: string | undefined): OrgApiClient {
    return new OrgApiClient(this.baseUrl, token, this.timeoutMs);
  }

  async call<T = unknown>(
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    path: string,
    request: OrgApiRequest = {},
  ): Promise<OrgApiResponse<T>> {
    const token = 'token' in request ? request.token : this.defaultToken;
    const headers: Record<string, string> = { accept: 'application/json' };
    if (token !== undefined) headers.authorization = `Bearer ${token}`;
    if (request.ifMatch !== undefined) headers['if-match'] = `"${request.ifMatch}"`;
    if (request.body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers,
      signal: AbortSignal.timeout(this.timeoutMs),
      ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
    });
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      body: (text === '' ? undefined : JSON.parse(text)) as T,
    };
  }

  get = <T = unknown>(path: string, request?: OrgApiRequest) => this.call<T>('GET', path, request);
  post = <T = CommandAccepted>(path: string, body?: unknown, request?: OrgApiRequest) =>
    this.call<T>('POST', path, { ...request, body: body ?? {} });
  put = <T = CommandAccepted>(path: string, body?: unknown, request?: OrgApiRequest) =>
    this.call<T>('PUT', path, { ...request, body: body ?? {} });
  patch = <T = CommandAccepted>(path: string, body?: unknown, request?: OrgApiRequest) =>
    this.call<T>('PATCH', path, { ...request, body: body ?? {} });
  delete = <T = CommandAccepted>(path: string, request?: OrgApiRequest) =>
    this.call<T>('DELETE', path, request);
}

/**
 * Why a request never got an answer (ECONNREFUSED, ECONNRESET, UND_ERR_SOCKET, ...), or undefined
 * when the error is something else. Duck-typed: jest's sandbox has its own Error class.
 */
export const connectionErrorCode = (error: unknown): string | undefined => {
  const { message, cause } = (error ?? {}) as { message?: unknown; cause?: unknown };
  if (message !== 'fetch failed') return undefined;
  const { code, name } = (cause ?? {}) as { code?: unknown; name?: unknown };
  if (typeof code === 'string') return code;
  return typeof name === 'string' ? name : 'fetch failed';
};
