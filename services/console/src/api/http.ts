/**
 * The console's one way to the services: `/api/<service>/<path>` on the gateway, which adds the
 * signed-in person's token (an httpOnly session cookie the page never reads). Writes carry
 * `X-Rhythm-Console`, which the gateway requires of every unsafe method (a cross-site form cannot
 * set it).
 */
export type RhythmService = 'org' | 'goals' | 'checkins' | 'recognition';

/** A refused or failed request, with the services' error body (ADR 0008): fields at fault, reason. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiErrorBody,
  ) {
    super(body.message ?? `HTTP ${status}`);
    this.name = 'ApiError';
  }

  /** The message for one field, when the service named it. */
  fieldMessage(field: string): string | undefined {
    return this.body.errors?.find((error) => error.field === field)?.message;
  }
}

export interface ApiErrorBody {
  readonly message?: string;
  readonly code?: string;
  readonly errors?: readonly { readonly field: string; readonly message: string }[];
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
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
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
