import { collectionOf, resolve, type OpenApiDocument, type Operation } from './openapi-document';
import { sampleOf, type KnownId } from './schema-sample';
import type { SeededRandom } from '../seeded-random';

/** One request as sent: enough to replay it with curl. */
export type FuzzRequest = Readonly<{
  method: string;
  /** Path and query string, percent-encoded as sent. */
  path: string;
  headers: Readonly<Record<string, string>>;
  body?: string;
}>;

/** A request being built: valid-ish first, then one mutation breaks it. */
type Draft = {
  pathValues: Record<string, string>;
  query: [string, string][];
  headers: Record<string, string>;
  body?: unknown;
  /** Sent as is instead of JSON.stringify(body). */
  rawBody?: string;
};

export type CaseContext = Readonly<{
  document: OpenApiDocument;
  operation: Operation;
  random: SeededRandom;
  known: KnownId;
  /** Any id the run knows, of any kind: an id of the wrong kind for this parameter. */
  anyKnownId: () => string | undefined;
  token?: string;
  /** Tokens of other identities (another role, another tenant) for the 'auth: other identity' case. */
  otherTokens: readonly string[];
}>;

type Mutation = Readonly<{
  name: string;
  applies: (operation: Operation) => boolean;
  apply: (draft: Draft, context: CaseContext) => void;
}>;

const UNICODE = '🚀🦄 ÄÖÜ ñ 中文 עברית \u202e\u200b\u0000 𝕏';
const GARBAGE = ['not-an-id', '507f1f77bcf86cd799439011', '-1', '0', 'null', '%00', '%E0%A4%A']
  .concat(['..%2F..%2Fetc%2Fpasswd', "'%20OR%201=1--", '%7B%22%24gt%22%3A1%7D'])
  .concat(encodeURIComponent(UNICODE));
const WRONG_TYPES: readonly unknown[] = [42, -1, true, [], {}, ['x'], 1.5, '42'];
const EXTREMES: readonly unknown[] = [-1, 0, -0, 1e308, -1e308, 2 ** 53 + 1, 0.000001];
const CONTENT_TYPES = ['text/plain', 'application/x-www-form-urlencoded', 'application/xml']
  .concat(['multipart/form-data; boundary=x', 'application/json; charset=utf-16'])
  .concat('application/json; charset=nonsense');
// Values at the edge of a format: often accepted by a validator, then mishandled further on.
const FORMAT_EDGES: Readonly<Record<string, readonly string[]>> = {
  // Other ISO 8601 forms (week, ordinal, basic), the ends of the Date range, impossible days.
  'date-time': [
    '2026-W01',
    '2026-001',
    '20260101T000000Z',
    '2026-01-01',
    '2026-02-29T00:00:00Z',
  ].concat(['2026-01-01T24:00:00Z', '0000-01-01T00:00:00Z', '+275760-09-13T00:00:00Z']),
  date: ['0000-01-01', '9999-12-31', '2026-02-29', '2026-13-01', '+275760-09-13'],
  uuid: ['00000000-0000-0000-0000-000000000000', 'FFFFFFFF-FFFF-4FFF-BFFF-FFFFFFFFFFFF'].concat([
    '0e0c3a5e-1f2b-11ee-be56-0242ac120002',
    '{0e0c3a5e-1f2b-41ee-be56-0242ac120002}',
  ]),
  email: ['a@b', `${'x'.repeat(250)}@example.test`, '"quoted local"@example.test', 'x@[127.0.0.1]'],
};
const IF_MATCH = ['garbage', '"-5"', '"99999999999999999999"', '"1.5"', 'W/"x"', '*', '""'];

const isJsonObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const bodySchema = (c: CaseContext) => resolve(c.document, c.operation.body ?? {});
const hasBody = (o: Operation) => o.body !== undefined;
const hasIn = (where: string) => (o: Operation) => o.parameters.some((p) => p.in === where);
const namesIn = (o: Operation, where: string) =>
  o.parameters.filter((p) => p.in === where).map((p) => p.name);
const always = () => true;

// One body property (of those the schema names) gets a value the schema does not allow.
const PROPERTY_VALUES: readonly [string, (random: SeededRandom) => unknown][] = [
  ['wrong type', (r) => r.pick(WRONG_TYPES)],
  ['null field', () => null],
  ['huge string', (r) => 'x'.repeat(r.pick([5_000, 60_000]))],
  ['unicode', (r) => r.pick([UNICODE, `${UNICODE}\ud800`])],
  ['extreme number', (r) => r.pick(EXTREMES)],
  ['deep nesting', () => JSON.parse(`${'{"a":'.repeat(500)}1${'}'.repeat(500)}`) as unknown],
];

// The whole body replaced by something that is not the JSON object the schema asks for.
const RAW_BODIES: readonly [string, (body: unknown, random: SeededRandom) => string][] = [
  ['null', () => 'null'],
  ['array', (body) => JSON.stringify([body])],
  ['scalar', (_, r) => r.pick(['"text"', '42', 'true'])],
  ['empty', () => ''],
  ['oversized', () => JSON.stringify({ blob: 'x'.repeat(2_000_000) })],
  [
    'malformed JSON',
    (body, r) => {
      const text = JSON.stringify(body ?? {});
      return r.pick([text.slice(0, -1), `${text}}`, "{'single': 1}", '{"a":1,}', '\u0000']);
    },
  ],
  [
    'unknown fields',
    (body) => {
      const fields = JSON.stringify(isJsonObject(body) ? body : {}).slice(1, -1);
      const unknown = '"__proto__":{"isAdmin":true},"constructor":{"prototype":{}},"unknown":1';
      return `{${unknown}${fields ? ',' : ''}${fields}}`;
    },
  ],
];

const setPathValue = (draft: Draft, c: CaseContext, value: string) => {
  draft.pathValues[c.random.pick(Object.keys(draft.pathValues))] = value;
};

const MUTATIONS: readonly Mutation[] = [
  {
    name: 'body: missing required field',
    applies: (o) => (o.body?.required?.length ?? 0) > 0,
    apply: (d, c) => {
      if (isJsonObject(d.body)) delete d.body[c.random.pick(bodySchema(c).required ?? [])];
    },
  },
  ...PROPERTY_VALUES.map(([name, value]) => ({
    name: `body: ${name}`,
    applies: hasBody,
    apply: (d: Draft, c: CaseContext) => {
      const names = Object.keys(bodySchema(c).properties ?? {});
      d.body = { ...(isJsonObject(d.body) ? d.body : {}) };
      (d.body as Record<string, unknown>)[names.length ? c.random.pick(names) : 'value'] = value(
        c.random,
      );
    },
  })),
  {
    name: 'body: format edge',
    applies: (o) => Object.values(o.body?.properties ?? {}).some((p) => p.format),
    apply: (d, c) => {
      const formatted = Object.entries(bodySchema(c).properties ?? {}).filter(
        ([, property]) => FORMAT_EDGES[property.format ?? ''],
      );
      if (formatted.length === 0 || !isJsonObject(d.body)) return;
      // One field, the others valid: an edge in an id would end the request before a date is read.
      const [name, property] = c.random.pick(formatted);
      d.body[name] = c.random.pick(FORMAT_EDGES[property.format ?? '']);
    },
  },
  ...RAW_BODIES.map(([name, raw]) => ({
    name: `body: ${name}`,
    applies: hasBody,
    apply: (d: Draft, c: CaseContext) => void (d.rawBody = raw(d.body, c.random)),
  })),
  {
    name: 'body: wrong content-type',
    applies: hasBody,
    apply: (d, c) => void (d.headers['Content-Type'] = c.random.pick(CONTENT_TYPES)),
  },
  {
    name: 'path: unknown id',
    applies: hasIn('path'),
    apply: (d, c) => setPathValue(d, c, c.random.uuid()),
  },
  {
    name: 'path: garbage',
    applies: hasIn('path'),
    apply: (d, c) => setPathValue(d, c, c.random.pick(GARBAGE)),
  },
  {
    name: 'path: very long',
    applies: hasIn('path'),
    apply: (d, c) => setPathValue(d, c, 'a'.repeat(8_000)),
  },
  {
    name: 'path: id of another kind',
    applies: hasIn('path'),
    apply: (d, c) => setPathValue(d, c, c.anyKnownId() ?? c.random.uuid()),
  },
  {
    name: 'query: wrong values',
    applies: hasIn('query'),
    apply: (d, c) => {
      const values = [...GARBAGE, ...WRONG_TYPES, UNICODE, 'x'.repeat(4_000)];
      d.query = c.operation.parameters
        .filter((p) => p.in === 'query')
        .map((p) => [p.name, String(c.random.pick(values))]);
    },
  },
  {
    name: 'query: format edge',
    applies: (o) =>
      o.parameters.some((p) => p.in === 'query' && FORMAT_EDGES[p.schema?.format ?? '']),
    apply: (d, c) => {
      d.query = c.operation.parameters
        .filter((p) => p.in === 'query' && FORMAT_EDGES[p.schema?.format ?? ''])
        .map((p) => [p.name, c.random.pick(FORMAT_EDGES[p.schema?.format ?? ''])]);
    },
  },
  {
    name: 'query: repeated',
    applies: hasIn('query'),
    apply: (d, c) => {
      const name = c.random.pick(namesIn(c.operation, 'query'));
      d.query.push([name, '2026-01-01T00:00:00Z'], [name, 'again']);
    },
  },
  {
    name: 'query: unknown parameter',
    applies: always,
    apply: (d) => void d.query.push(['unknownParam', '1'], ['$where', '1'], ['a[b]', 'c']),
  },
  {
    name: 'header: garbage values',
    applies: hasIn('header'),
    apply: (d, c) => {
      for (const name of namesIn(c.operation, 'header')) d.headers[name] = c.random.pick(IF_MATCH);
    },
  },
  {
    name: 'auth: other identity',
    applies: always,
    apply: (d, c) => {
      if (c.otherTokens.length === 0) delete d.headers.Authorization;
      else d.headers.Authorization = `Bearer ${c.random.pick(c.otherTokens)}`;
    },
  },
  { name: 'auth: no token', applies: always, apply: (d) => void delete d.headers.Authorization },
  {
    name: 'auth: malformed token',
    applies: always,
    apply: (d, c) => {
      const tokens = ['abc.def.ghi', '', 'x'.repeat(8_000), `${c.token ?? ''}x`];
      d.headers.Authorization = `Bearer ${c.random.pick(tokens)}`;
    },
  },
  {
    name: 'auth: wrong scheme',
    applies: always,
    apply: (d, c) => void (d.headers.Authorization = `Basic ${c.token ?? 'dXNlcjpwYXNz'}`),
  },
];

/** The mutations that make sense for an operation, in a seeded order (each is tried in turn). */
export const mutationsFor = (operation: Operation, random: SeededRandom): Mutation[] =>
  random.shuffle(MUTATIONS.filter((m) => m.applies(operation)));

/** A request that should be accepted (given the ids known), then broken by `mutation` if any. */
export const buildRequest = (c: CaseContext, mutation?: Mutation): FuzzRequest => {
  const { operation, random, document } = c;
  const draft: Draft = { pathValues: {}, query: [], headers: {} };
  if (c.token) draft.headers.Authorization = `Bearer ${c.token}`;
  for (const p of operation.parameters) {
    const schema = p.schema ?? {};
    if (p.in === 'path') {
      // A parameter takes ids created under the collection it follows: /tribes/{id} → tribes.
      const id = c.known(`${collectionOf(operation.path, p.name)}/`) ?? c.known(p.name);
      draft.pathValues[p.name] = encodeURIComponent(
        String(id ?? sampleOf(document, schema, random, c.known, p.name)),
      );
    } else if (p.in === 'query' && (p.required || random.chance(0.5))) {
      draft.query.push([p.name, String(sampleOf(document, schema, random, c.known, p.name))]);
    } else if (p.in === 'header' && (p.required || random.chance(0.3))) {
      draft.headers[p.name] = /^if-(none-)?match$/i.test(p.name)
        ? `"${random.int(0, 5)}"`
        : String(sampleOf(document, schema, random, c.known, p.name));
    }
  }
  if (operation.body) {
    draft.headers['Content-Type'] = 'application/json';
    draft.body = sampleOf(document, operation.body, random, c.known);
  }
  mutation?.apply(draft, c);

  const path = operation.path.replace(
    /\{([^}]+)\}/g,
    (_, name: string) => draft.pathValues[name] ?? '',
  );
  const query = draft.query
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
    .join('&');
  const body = draft.rawBody ?? (draft.body === undefined ? undefined : JSON.stringify(draft.body));
  return {
    method: operation.method,
    path: query ? `${path}?${query}` : path,
    headers: draft.headers,
    ...(body === undefined ? {} : { body }),
  };
};
