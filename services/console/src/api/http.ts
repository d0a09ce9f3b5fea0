import i18n from '../i18n';

/**
 * The console's one way to the services: `/api/<service>/<path>` on the gateway, which adds the
 * signed-in person's token (an httpOnly session cookie the page never reads). Writes carry
 * `X-Rhythm-Console`, which the gateway requires of every unsafe method (a cross-site form cannot
 * set it).
 */
export type RhythmService = 'org' | 'goals' | 'checkins' | 'recognition';

/**
 * A refused or failed request, with the services' error body (ADR 0008): a stable `error` code, a
 * message in the requested language, and for a 400 the `fields` at fault keyed by their path in
 * the request body (`draft.title`, `members.0.role`).
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiErrorBody,
  ) {
    super(body.message ?? `HTTP ${status}`);
    this.name = 'ApiError';
  }

  /** What the service said about one field, when it named it. */
  fieldMessage(field: string): string | undefined {
    const message = this.body.fields?.[field];
    return typeof message === 'string' ? message : undefined;
  }
}

export interface ApiErrorBody {
  readonly statusCode?: number;
  readonly error?: string;
  readonly message?: string;
  readonly fields?: Readonly<Record<string, string>>;
  readonly reason?: string;
  readonly correlationId?: string;
  readonly [key: string]: unknown;
}

export interface RequestOptions {
  readonly method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  readonly body?: unknown;
  readonly query?: Record<string, string | number | boolean | undefined>;
  readonly signal?: AbortSignal;
  /** Optimistic concurrency: the version the change was made against (If-Match). */
  readonly expectedVersion?: number;
  /** E.g. Accept-Language, for answers written in the chosen language (templates, training). */
  readonly headers?: Readonly<Record<string, string>>;
}

export function apiPath(
  service: RhythmService | 'session' | 'boards',
  path: string,
  query?: RequestOptions['query'],
): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== '') search.set(key, String(value));
  }
  const suffix = search.size > 0 ? `?${search.toString()}` : '';
  return `/api/${service}${path.startsWith('/') ? path : `/${path}`}${suffix}`;
}

export async function request<T>(
  service: RhythmService | 'session' | 'boards',
  path: string,
  options: RequestOptions = {},
): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = {
    Accept: 'application/json',
    // The services write their messages in English or Dutch (ADR 0008), as the console speaks.
    'Accept-Language': i18n.resolvedLanguage ?? 'en',
    ...options.headers,
  };
  if (method !== 'GET') headers['X-Rhythm-Console'] = '1';
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (options.expectedVersion !== undefined) headers['If-Match'] = `"${options.expectedVersion}"`;
  const response = await fetch(apiPath(service, path, options.query), {
    method,
    headers,
    credentials: 'same-origin',
    signal: options.signal,
    ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
  });
  const text = await response.text();
  const body: unknown = text ? safeJson(text) : undefined;
  if (!response.ok) {
    throw new ApiError(
      response.status,
      (body && typeof body === 'object' ? body : { message: text }) as ApiErrorBody,
    );
  }
  return body as T;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return { message: text };
  }
}

export const api = {
  get: <T>(
    service: RhythmService,
    path: string,
    query?: RequestOptions['query'],
    signal?: AbortSignal,
  ) => request<T>(service, path, { query, signal }),
  post: <T>(
    service: RhythmService,
    path: string,
    body?: unknown,
    options: Omit<RequestOptions, 'method' | 'body'> = {},
  ) => request<T>(service, path, { ...options, method: 'POST', body: body ?? {} }),
  put: <T>(
    service: RhythmService,
    path: string,
    body?: unknown,
    options: Omit<RequestOptions, 'method' | 'body'> = {},
  ) => request<T>(service, path, { ...options, method: 'PUT', body: body ?? {} }),
  patch: <T>(
    service: RhythmService,
    path: string,
    body?: unknown,
    options: Omit<RequestOptions, 'method' | 'body'> = {},
  ) => request<T>(service, path, { ...options, method: 'PATCH', body: body ?? {} }),
  delete: <T>(
    service: RhythmService,
    path: string,
    options: Omit<RequestOptions, 'method' | 'body'> = {},
  ) => request<T>(service, path, { ...options, method: 'DELETE' }),
};
