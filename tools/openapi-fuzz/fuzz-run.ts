import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { DocumentedAnswers } from './documented-answers';
import { buildRequest, mutationsFor, type FuzzRequest } from './fuzz-cases';
import { assertLocalTarget } from './local-target';
import {
  collectionOf,
  createdCollectionOf,
  operationsOf,
  promisesJson,
  type OpenApiDocument,
  type Operation,
} from './openapi-document';
import { SeededRandom } from '../seeded-random';

export type FuzzOptions = Readonly<{
  /** The service, e.g. http://127.0.0.1:3001. Only loopback hosts are accepted. */
  baseUrl: string;
  /** The OpenAPI 3 document, or its URL (on the same loopback rule). */
  document: OpenApiDocument | string;
  /** Bearer token sent with every request but the auth mutations. */
  token?: string;
  /** Tokens of other identities: another role, another tenant (the 'auth: other identity' case). */
  otherTokens?: readonly string[];
  seed: number;
  /** Default 40. */
  requestsPerOperation?: number;
  /** Ids that exist already, by the collection they live in: `{ people: [...], tribes: [...] }`. */
  knownIds?: Readonly<Record<string, readonly string[]>>;
  /** Per request; default 15 000. */
  timeoutMs?: number;
  /** The whole run stops after this long (default 600 000), or after 5 requests in a row unanswered. */
  budgetMs?: number;
  /** Also require a JSON body on every 4xx (the API's error model promises one). */
  jsonErrors?: boolean;
  /**
   * Default true: every answer must keep to the document — its status documented for the
   * operation, its required headers there, its JSON body valid against the schema of its status.
   */
  schemaChecks?: boolean;
}>;

export type FuzzFinding = Readonly<{
  operation: string;
  case: string;
  problem: string;
  status?: number;
  request: FuzzRequest;
  curl: string;
  response: string;
}>;

export type FuzzReport = Readonly<{
  seed: number;
  requests: number;
  /** Operation → status → count. */
  operations: Readonly<Record<string, Readonly<Record<string, number>>>>;
  statuses: Readonly<Record<string, number>>;
  findings: readonly FuzzFinding[];
  durationMs: number;
  /** Why the run ended before sending every request, if it did. */
  stoppedEarly?: string;
}>;

export { assertLocalTarget };

type Response = Readonly<{ status: number; headers: IncomingHttpHeaders; body: string }>;

const send = (base: URL, req: FuzzRequest, timeoutMs: number) =>
  new Promise<Response>((resolve, reject) => {
    const body = req.body === undefined ? undefined : Buffer.from(req.body);
    const outgoing = httpRequest(
      {
        host: base.hostname,
        port: base.port || 80,
        method: req.method,
        path: base.pathname.replace(/\/$/, '') + req.path,
        headers: { ...req.headers, ...(body ? { 'Content-Length': body.length } : {}) },
        agent: false,
        timeout: timeoutMs,
      },
      (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('error', reject);
        incoming.on('end', () =>
          resolve({
            status: incoming.statusCode ?? 0,
            headers: incoming.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    outgoing.on('timeout', () => outgoing.destroy(new Error(`no answer in ${timeoutMs} ms`)));
    // A server may answer (413) and close before it has read a large body: the answer counts.
    outgoing.on('error', reject);
    outgoing.end(body);
  });

const quote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

/**
 * A curl command that replays the request: the token shows as $TOKEN, bodies over 4 kB are cut
 * (marked with their size; the seed replays them whole).
 */
export const curlOf = (baseUrl: string, req: FuzzRequest, token?: string): string => {
  const header = (name: string, value: string) =>
    token && value.includes(token)
      ? `-H "${`${name}: ${value.split(token).join('$TOKEN')}`.replace(/(["\\`])/g, '\\$1')}"`
      : `-H ${quote(`${name}: ${value}`)}`;
  const headers = Object.entries(req.headers).map(([name, value]) => header(name, value));
  const body =
    req.body === undefined
      ? []
      : req.body.length > 4096
        ? [`--data-binary ${quote(req.body.slice(0, 200))}… (${req.body.length} chars in all)`]
        : [`--data-binary ${quote(req.body)}`];
  const url = baseUrl.replace(/\/$/, '') + req.path;
  return ['curl -i -X', req.method, quote(url), ...headers, ...body].join(' ');
};

/** Ids the run knows, by collection, and which parameter or field names refer to which. */
class KnownIds {
  private readonly byCollection = new Map<string, string[]>();
  private readonly collectionsByName = new Map<string, Set<string>>();

  constructor(operations: readonly Operation[], seeded: FuzzOptions['knownIds'] = {}) {
    for (const [collection, ids] of Object.entries(seeded))
      ids.forEach((id) => this.add(collection, id));
    for (const { path, parameters } of operations) {
      for (const { name } of parameters.filter((p) => p.in === 'path' && p.name !== 'id')) {
        const collections = this.collectionsByName.get(name) ?? new Set();
        this.collectionsByName.set(name, collections.add(collectionOf(path, name)));
      }
    }
  }

  add(collection: string, id: string) {
    const ids = this.byCollection.get(collection) ?? [];
    if (!ids.includes(id)) ids.push(id);
    this.byCollection.set(collection, ids);
  }

  /** `tribes/` asks a collection; `personId` or `toTribeId` a name used in paths. */
  idsFor(name: string): string[] {
    if (name.endsWith('/')) return this.byCollection.get(name.slice(0, -1)) ?? [];
    const alias = [...this.collectionsByName.keys()].find((known) =>
      name.toLowerCase().endsWith(known.toLowerCase()),
    );
    const collections = alias ? [...this.collectionsByName.get(alias)!] : [];
    return collections.flatMap((collection) => this.byCollection.get(collection) ?? []);
  }

  all(): string[] {
    return [...this.byCollection.values()].flat();
  }
}

// Creations first so that their ids feed the rest; removals last so that they remove little.
const rankOf = (o: Operation) =>
  o.method === 'POST' && !o.path.includes('{')
    ? 0
    : o.method === 'GET'
      ? 1
      : o.method === 'DELETE'
        ? 3
        : 2;

const isJsonResponse = (response: Response) => {
  if (!/^application\/(.+\+)?json/.test(response.headers['content-type'] ?? '')) return false;
  try {
    JSON.parse(response.body);
    return true;
  } catch {
    return false;
  }
};

const loadDocument = async (source: FuzzOptions['document']): Promise<OpenApiDocument> => {
  if (typeof source !== 'string') return source;
  const url = assertLocalTarget(source);
  const response = await send(url, { method: 'GET', path: '', headers: {} }, 15_000);
  if (response.status !== 200) throw new Error(`GET ${source} answered ${response.status}`);
  return JSON.parse(response.body) as OpenApiDocument;
};

/** Fuzzes every operation of the document; never throws for what the service answers. */
export const runFuzz = async (options: FuzzOptions): Promise<FuzzReport> => {
  const base = assertLocalTarget(options.baseUrl);
  const document = await loadDocument(options.document);
  const perOperation = options.requestsPerOperation ?? 40;
  const random = new SeededRandom(options.seed);
  const operations = operationsOf(document).sort((a, b) => rankOf(a) - rankOf(b));
  const known = new KnownIds(operations, options.knownIds);
  const answers = options.schemaChecks === false ? undefined : new DocumentedAnswers(document);
  const byOperation: Record<string, Record<string, number>> = {};
  const statuses: Record<string, number> = {};
  const findings: FuzzFinding[] = [];
  const startedAt = Date.now();
  const budgetMs = options.budgetMs ?? 600_000;
  let requests = 0;
  let unanswered = 0;
  let stoppedEarly: string | undefined;

  run: for (const operation of operations) {
    const mutations = mutationsFor(operation, random);
    const valid = Math.max(2, Math.round(perOperation / 4));
    const counts: Record<string, number> = (byOperation[operation.key] = {});
    for (let i = 0; i < perOperation; i++) {
      if (Date.now() - startedAt > budgetMs) stoppedEarly = `time budget of ${budgetMs} ms spent`;
      if (unanswered >= 5) stoppedEarly = `${unanswered} requests in a row unanswered`;
      if (stoppedEarly) break run;
      const mutation =
        i < valid || mutations.length === 0 ? undefined : mutations[(i - valid) % mutations.length];
      const request = buildRequest(
        {
          document,
          operation,
          random,
          known: (name) => {
            const ids = known.idsFor(name);
            return ids.length ? random.pick(ids) : undefined;
          },
          anyKnownId: () => {
            const ids = known.all();
            return ids.length ? random.pick(ids) : undefined;
          },
          ...(options.token ? { token: options.token } : {}),
          otherTokens: options.otherTokens ?? [],
        },
        mutation,
      );
      const caseName = mutation?.name ?? 'valid-ish';
      const finding = (problem: string, response?: Response) =>
        findings.push({
          operation: operation.key,
          case: caseName,
          problem,
          ...(response ? { status: response.status } : {}),
          request,
          curl: curlOf(options.baseUrl, request, options.token),
          response: response?.body.slice(0, 2000) ?? '',
        });
      requests += 1;
      let response: Response;
      try {
        response = await send(base, request, options.timeoutMs ?? 15_000);
      } catch (error) {
        counts['no response'] = (counts['no response'] ?? 0) + 1;
        statuses['no response'] = (statuses['no response'] ?? 0) + 1;
        finding(`no response: ${error instanceof Error ? error.message : String(error)}`);
        unanswered += 1;
        continue;
      }
      unanswered = 0;
      const { status } = response;
      counts[status] = (counts[status] ?? 0) + 1;
      statuses[status] = (statuses[status] ?? 0) + 1;
      // A 503 is documented (a store out of reach, Retry-After); any other 5xx is a bug.
      if (status >= 500 && status !== 503) finding(`server error ${status}`, response);
      const jsonExpected =
        promisesJson(operation, status) || (options.jsonErrors === true && status >= 400);
      const mismatch =
        answers && (status < 500 || status === 503)
          ? answers.mismatchOf(operation.method, operation.path, response)
          : undefined;
      if (mismatch) {
        finding(`outside the document: ${mismatch}`, response);
      } else if (jsonExpected && operation.method !== 'HEAD' && !isJsonResponse(response)) {
        finding(`not JSON (${response.headers['content-type'] ?? 'no content-type'})`, response);
      }
      // Chaining: what a POST created becomes a path parameter or field of later requests.
      if (operation.method === 'POST' && status >= 200 && status < 300) {
        const location = (response.headers.location ?? '').split('/').at(-1);
        const id = isJsonResponse(response)
          ? (JSON.parse(response.body) as { id?: unknown }).id
          : undefined;
        const created = typeof id === 'string' ? id : location;
        if (created) known.add(createdCollectionOf(operation.path), created);
      }
    }
  }
  return {
    seed: options.seed,
    requests,
    operations: byOperation,
    statuses,
    findings,
    durationMs: Date.now() - startedAt,
    ...(stoppedEarly ? { stoppedEarly } : {}),
  };
};

const groupsOf = (findings: readonly FuzzFinding[]) => {
  const groups = new Map<string, FuzzFinding[]>();
  for (const f of findings) {
    // A schema mismatch ends with the value it got: the same mismatch with other values is one.
    const key = `${f.operation} [${f.case}] ${f.status ?? ''} ${f.problem.split('; got ')[0]}`;
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  return groups;
};

/** A readable summary: statuses per operation, the histogram, then every finding with its curl. */
export const formatReport = (report: FuzzReport): string => {
  const histogram = (counts: Readonly<Record<string, number>>) =>
    Object.entries(counts)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([status, count]) => `${status}×${count}`)
      .join(' ');
  const width = Math.max(...Object.keys(report.operations).map((key) => key.length));
  return [
    `openapi-fuzz: seed ${report.seed} (FUZZ_SEED=${report.seed} repeats it)`,
    ...Object.entries(report.operations).map(
      ([key, counts]) => `  ${key.padEnd(width)}  ${histogram(counts)}`,
    ),
    `${Object.keys(report.operations).length} operations, ${report.requests} requests in ${(report.durationMs / 1000).toFixed(1)} s`,
    `statuses: ${histogram(report.statuses)}`,
    ...(report.stoppedEarly ? [`stopped early: ${report.stoppedEarly}`] : []),
    `findings: ${report.findings.length}`,
    // One example per operation, case and problem; the JSON report (FUZZ_REPORT) has them all.
    ...[...groupsOf(report.findings).values()].map(
      ([f, ...more]) =>
        `  ✗ ${f.operation} [${f.case}] ${f.status === undefined ? '' : `${f.status}: `}` +
        `${f.problem} (×${more.length + 1})\n` +
        `    ${f.curl}\n    → ${f.response.slice(0, 300)}`,
    ),
  ].join('\n');
};
