import {
  operationsOf,
  type OpenApiDocument,
  type Operation,
} from '../openapi-fuzz/openapi-document';
import { randomUUID } from 'node:crypto';
import { candidatesFor, fillsOf, twinOf, type FilledRequest, type FillMode } from './walk-fills';
import {
  answerText,
  comparable,
  differenceOf,
  formatFindings,
  patternOf,
  type Deviation,
  type Finding,
  type FindingKind,
} from './walk-findings';
import { jsonOf, WalkHttp, type WalkAnswer, type WalkRequest } from './walk-http';
import {
  setUpOrganisation,
  tokenFor,
  type Person,
  type TokenMinter,
  type WalkOrganisation,
} from './walk-organisation';
import {
  goalsWrites,
  orgWrites,
  type Fill,
  type ObjectiveView,
  type RouteContext,
  type Walker,
  type WriteRoute,
} from './walk-routes';
import {
  rowGrants,
  rowOf,
  securityRulesFile,
  writtenPowers,
  type WrittenPower,
} from './written-powers';

/** Who walks (issue 8, "How it will be checked"): none of them may see a private objective. */
export const walkers: readonly Walker[] = [
  { is: 'a member of another squad (Eve, of Search)', person: 'Eve', roles: ['member'] },
  {
    is: 'a member of the guild, not its coordinator (Gina, who joined Web herself)',
    person: 'Gina',
    roles: ['member'],
  },
  {
    is: 'the product owner of another squad of the tribe (Wes, of Wallet)',
    person: 'Wes',
    roles: ['member'],
  },
  {
    is: 'a token with unknown roles only (Max’s, ["Admin", "superuser"])',
    person: 'Max',
    roles: ['Admin', 'superuser'],
  },
  {
    is: 'a person who enlisted as contributor (Sam, on every objective he could)',
    person: 'Sam',
    roles: ['member'],
  },
];

export type SecurityWalkOptions = Readonly<{
  orgUrl: string;
  goalsUrl: string;
  /** Signs the walk's tokens: the test key in the suite, the development key locally. */
  mint: TokenMinter;
  /** The written rules (default: this checkout's docs/security.md). */
  securityRules?: string;
  /** How long the set-up waits for the goals service to learn the organisation (default 90 s). */
  settleTimeoutMs?: number;
  /** Each line of progress, as it happens. */
  log?: (line: string) => void;
}>;

type Service = 'org' | 'goals';
type Phase = 'private writes' | 'reads' | 'powers';

export type SecurityWalkReport = Readonly<{
  tenantId: string;
  markerToken: string;
  /** Requests sent, by the set-up and by each walker's phase. */
  requests: Readonly<Record<string, number>>;
  totalRequests: number;
  /** 429s waited out and sent again. */
  throttled: number;
  /** Requests the table allows a walker that the walk did not send: they change the organisation. */
  allowedNotSent: Readonly<Record<string, number>>;
  findings: readonly Finding[];
  /** Refusals with another status than the table's: reported, not failed (see Deviation). */
  deviations: readonly Deviation[];
  durationMs: number;
}>;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const loadDocument = async (http: WalkHttp): Promise<OpenApiDocument> => {
  const answer = await http.send({ method: 'GET', path: '/docs/openapi.json' });
  const document = answer.status === 200 ? jsonOf<OpenApiDocument>(answer) : undefined;
  if (!document) throw new Error(`${http.name}: GET /docs/openapi.json answered ${answer.status}`);
  return document;
};

/** The e-mail addresses a walker may read: their own and those of the people they lead. */
const emailsFor = (organisation: WalkOrganisation, walker: Walker): Set<string> => {
  if (!walker.roles.includes('member') && !walker.roles.includes('admin')) return new Set();
  const led = new Set<Person>([walker.person]);
  for (const unit of Object.values(organisation.units)) {
    if (!unit.leads.includes(walker.person) || unit.kind === 'guild') continue;
    const inTribe = Object.values(organisation.units).filter((u) => u.tribe === unit.name);
    for (const person of unit.kind === 'tribe' ? inTribe.flatMap((u) => u.members) : unit.members) {
      led.add(person);
    }
  }
  return new Set([...led].map((person) => organisation.emails[person]));
};

/**
 * The security walk (issue 8, check 2): sets an organisation up through the APIs, then walks
 * every route of both OpenAPI documents as each walker, and reports every private text, private
 * id, colleague's e-mail or existence signal in any answer, and every answer the written table of
 * powers does not give. Never throws for what the services answer; a failed set-up throws.
 */
export const runSecurityWalk = async (
  options: SecurityWalkOptions,
): Promise<SecurityWalkReport> => {
  const started = Date.now();
  const log = options.log ?? (() => undefined);
  const http: Record<Service, WalkHttp> = {
    org: new WalkHttp('org', options.orgUrl),
    goals: new WalkHttp('goals', options.goalsUrl),
  };
  const operations: Record<Service, Operation[]> = {
    org: operationsOf(await loadDocument(http.org)),
    goals: operationsOf(await loadDocument(http.goals)),
  };
  const writes: Record<Service, Readonly<Record<string, WriteRoute>>> = {
    org: orgWrites,
    goals: goalsWrites,
  };
  const rows = writtenPowers(options.securityRules ?? securityRulesFile);
  const findings: Finding[] = [];
  const requests: Record<string, number> = {};
  const allowedNotSent: Record<string, number> = {};
  const deviations: Deviation[] = [];
  const sent = () => http.org.requests + http.goals.requests;
  const find = (kind: FindingKind, walker: string, request: string, detail: string) =>
    findings.push({ kind, walker, request, detail });

  log(
    `security walk: org ${http.org.baseUrl} (${operations.org.length} operations), goals ${http.goals.baseUrl} (${operations.goals.length} operations), ${rows.length} rows of powers`,
  );
  const organisation = await setUpOrganisation(http, options.mint, {
    settleTimeoutMs: options.settleTimeoutMs,
  });
  log(
    `set up ${organisation.tenantId}: ${Object.keys(organisation.people).length} people, ${Object.keys(organisation.units).length} units, ` +
      `${organisation.hiddenIds.length} private ids, ${organisation.markers.length} private texts (marker ${organisation.markerToken})`,
  );

  // Controls: insiders see what the walkers must not, or the walk would prove nothing.
  const settleBy = Date.now() + (options.settleTimeoutMs ?? 90_000);
  let failing = organisation.controls;
  for (;;) {
    const results = await Promise.all(
      failing.map(async (control) => {
        const answer = await http[control.service].send({
          method: 'GET',
          path: control.path,
          token: tokenFor(
            organisation,
            options.mint,
            control.as,
            control.as === 'Ada' ? ['admin', 'member'] : ['member'],
          ),
        });
        const missing = control.holds.filter((text) => !answer.text.includes(text));
        return { control, answer, missing };
      }),
    );
    const still = results.filter((r) => r.answer.status !== 200 || r.missing.length > 0);
    failing = still.map((r) => r.control);
    if (still.length === 0 || Date.now() > settleBy) {
      for (const { control, answer, missing } of still) {
        find(
          'control',
          'set-up',
          `${control.service} GET ${control.path}`,
          `${control.what}: ${answer.status}, missing ${missing.join(', ')}`,
        );
      }
      break;
    }
    await sleep(500);
  }
  requests['set-up'] = sent();
  log(
    `controls: ${organisation.controls.length - failing.length} of ${organisation.controls.length} hold (${requests['set-up']} requests so far)`,
  );

  // Coverage: every write route of both documents is one the walk knows, with its row of powers.
  for (const service of ['org', 'goals'] as const) {
    for (const operation of operations[service].filter((op) => op.method !== 'GET')) {
      if (!writes[service][operation.key]) {
        find(
          'coverage',
          'the walk',
          `${service} ${operation.key}`,
          'a route the walk does not know: add it to walk-routes.ts with its row of powers',
        );
      }
    }
  }

  const slotsOf = (operation: Operation, route: WriteRoute | undefined) => [
    ...[...operation.path.matchAll(/\{(\w+)\}/g)].map((match) => ({
      name: match[1],
      inBody: false,
    })),
    ...(route?.bodySlots ?? []).map((name) => ({ name, inBody: true })),
  ];

  for (const walker of walkers) {
    const token = tokenFor(organisation, options.mint, walker.person, walker.roles);
    const knowsRole = walker.roles.includes('member') || walker.roles.includes('admin');
    const mayRead = emailsFor(organisation, walker);
    const hiddenEmails = Object.values(organisation.emails).filter((email) => !mayRead.has(email));
    const who = walker.is;

    const send = (service: Service, request: WalkRequest): Promise<WalkAnswer> =>
      http[service].send({ ...request, token });

    /** Every leak search on one answer; `named` are the private ids the request itself named. */
    const search = (label: string, answer: WalkAnswer, named: readonly string[]) => {
      const text = answerText(answer);
      const lower = text.toLowerCase();
      if (lower.includes(organisation.markerToken)) {
        const texts = new Set(
          lower.match(new RegExp(`${organisation.markerToken}-[a-z0-9-]+`, 'g')) ?? [],
        );
        find('private text', who, label, `${answer.status} holds ${[...texts].join(', ')}`);
      }
      const ids = organisation.hiddenIds.filter((id) => !named.includes(id) && text.includes(id));
      if (ids.length > 0)
        find('private id', who, label, `${answer.status} holds ${ids.join(', ')}`);
      const emails = hiddenEmails.filter((email) => lower.includes(email));
      if (emails.length > 0)
        find('e-mail', who, label, `${answer.status} holds ${emails.join(', ')}`);
      if (answer.status >= 500)
        find('server error', who, label, `${answer.status} ${answer.text.slice(0, 200)}`);
      if (!knowsRole && answer.status >= 200 && answer.status < 300) {
        find(
          'power beyond the table',
          who,
          label,
          `${answer.status}: a token with no known role acts nowhere (Identity)`,
        );
      }
    };

    // The walker's own ambition, for the routes that take one (none with unknown roles).
    const recorded = await send('goals', {
      method: 'POST',
      path: '/people/me/ambitions',
      body: { kind: 'career', title: 'Walk every route' },
    });
    search('goals POST /people/me/ambitions', recorded, []);
    const ownAmbitionId = jsonOf<{ id?: string }>(recorded)?.id ?? randomUUID();
    const context: RouteContext = { walker, organisation, ownAmbitionId };

    const requestOf = (
      operation: Operation,
      fill: Fill,
      route: WriteRoute | undefined,
      query = '',
    ) => ({
      method: operation.method,
      path:
        operation.path.replace(/\{(\w+)\}/g, (_, name: string) =>
          encodeURIComponent(fill[name] ?? ''),
        ) + query,
      body: operation.body ? (route?.body?.(fill, context) ?? {}) : undefined,
    });

    /** A request about private objects, and its twin about ids that exist nowhere: same answer? */
    const compareWithUnknown = async (
      service: Service,
      operation: Operation,
      filled: FilledRequest,
      route: WriteRoute | undefined,
      query = '',
      headers: Readonly<Record<string, string>> = {},
    ) => {
      const { fill: twinFill, replaced } = twinOf(filled);
      const request = { ...requestOf(operation, filled.fill, route, query), headers };
      let body = request.body === undefined ? undefined : JSON.stringify(request.body);
      for (const [hiddenId, unknownId] of replaced) body = body?.replaceAll(hiddenId, unknownId);
      const twin = {
        ...requestOf(operation, twinFill, undefined, query),
        headers,
        body: body === undefined ? undefined : (JSON.parse(body) as unknown),
      };
      const label = `${service} ${request.method} ${request.path}${headers['if-match'] ? ` (If-Match ${headers['if-match']})` : ''}`;
      const hiddenAnswer = await send(service, request);
      const unknownAnswer = await send(service, twin);
      const named = replaced.map(([hiddenId]) => hiddenId);
      search(label, hiddenAnswer, named);
      search(`${service} ${twin.method} ${twin.path} (unknown ids)`, unknownAnswer, []);
      const difference = differenceOf(
        comparable(
          hiddenAnswer,
          replaced.map(([hiddenId, , slot]) => [hiddenId, slot] as const),
        ),
        comparable(
          unknownAnswer,
          replaced.map(([, unknownId, slot]) => [unknownId, slot] as const),
        ),
      );
      if (difference !== undefined) find('existence', who, label, difference);
    };

    const phase = async (name: Phase, body: () => Promise<void>) => {
      const before = sent();
      const count = findings.length;
      await body();
      requests[`${walker.person} (${walker.roles.join(', ')}): ${name}`] = sent() - before;
      log(`  ${name}: ${sent() - before} requests, ${findings.length - count} findings`);
    };

    log(`walker: ${who}`);
    const fillsFor = (service: Service, operation: Operation, mode: FillMode) => {
      const route = writes[service][operation.key];
      const fills = fillsOf(operation.path, slotsOf(operation, route), mode, context);
      if (typeof fills === 'string') {
        find('coverage', who, `${service} ${operation.key}`, fills);
        return [];
      }
      return fills;
    };

    // 1. Every write route, about each private object: as an id that does not exist.
    await phase('private writes', async () => {
      for (const service of ['goals', 'org'] as const) {
        for (const operation of operations[service].filter((op) => op.method !== 'GET')) {
          const route = writes[service][operation.key];
          if (!route) continue;
          const takesRevision = operation.parameters.some(
            (p) => p.in === 'header' && p.name.toLowerCase() === 'if-match',
          );
          for (const filled of fillsFor(service, operation, 'hidden')) {
            await compareWithUnknown(service, operation, filled, route);
            if (takesRevision)
              await compareWithUnknown(service, operation, filled, route, '', {
                'if-match': '"1"',
              });
          }
        }
      }
    });

    // 2. Every GET route, with public and private objects and their twins, every query.
    await phase('reads', async () => {
      const now = new Date().toISOString();
      for (const service of ['goals', 'org'] as const) {
        for (const operation of operations[service].filter((op) => op.method === 'GET')) {
          for (const query of queriesOf(operation, organisation, now, context)) {
            for (const filled of fillsFor(service, operation, 'read')) {
              if (filled.hiddenSlots.length > 0) {
                await compareWithUnknown(service, operation, filled, undefined, query);
              } else {
                const request = requestOf(operation, filled.fill, undefined, query);
                search(`${service} GET ${request.path}`, await send(service, request), []);
              }
            }
          }
        }
      }
    });

    // 3. Every write route on what the walker may see: the status the written table gives.
    await phase('powers', async () => {
      for (const service of ['goals', 'org'] as const) {
        for (const operation of operations[service].filter((op) => op.method !== 'GET')) {
          const route = writes[service][operation.key];
          if (!route) continue;
          for (const { fill } of fillsFor(service, operation, 'visible')) {
            const needs = route.needs(fill, context);
            const found = needs.map((need) => ({ need, row: rowOf(rows, need.row) }));
            const missing = found.filter(
              (f): f is { need: typeof f.need; row: string } => typeof f.row === 'string',
            );
            if (missing.length > 0) {
              for (const { row } of missing)
                find('coverage', who, `${service} ${operation.key}`, row);
              continue;
            }
            const held = found as { need: (typeof needs)[number]; row: WrittenPower }[];
            const allowed = held.every(({ need, row }) => rowGrants(row, need.relations));
            const refusal = knowsRole ? (route.refusedWith?.(fill, context) ?? 403) : 403;
            if (allowed && !route.harmless) {
              allowedNotSent[`${service} ${operation.key}`] =
                (allowedNotSent[`${service} ${operation.key}`] ?? 0) + 1;
              continue;
            }
            const bodies: (object | undefined)[] = [requestOf(operation, fill, route).body];
            if (!allowed && route.unchanged) {
              // The objective as the walker reads it; none when they may not read it.
              const read = fill.objectiveId
                ? await send(service, { method: 'GET', path: `/objectives/${fill.objectiveId}` })
                : undefined;
              const current = read?.status === 200 ? jsonOf<ObjectiveView>(read) : undefined;
              const unchanged = route.unchanged(fill, context, current);
              if (unchanged !== undefined) bodies.push(unchanged);
            }
            const why = held
              .map(
                ({ need, row }) =>
                  `"${row.text}" over ${need.over}, as ${need.relations.join(' and ') || 'no known role'}`,
              )
              .join('; ');
            for (const body of bodies) {
              const request = { ...requestOf(operation, fill, route), body };
              const label = `${service} ${request.method} ${request.path}${body === undefined ? '' : ` ${JSON.stringify(body)}`}`;
              const answer = await send(service, request);
              search(label, answer, []);
              const message = jsonOf<{ message?: string }>(answer)?.message ?? '';
              if (allowed && answer.status === refusal) {
                find(
                  'power refused',
                  who,
                  label,
                  `${answer.status} ${message}; the table gives it: ${why}`,
                );
              } else if (!allowed && answer.status >= 200 && answer.status < 300) {
                find(
                  'power beyond the table',
                  who,
                  label,
                  `${answer.status}; the table does not give it: ${why}`,
                );
              } else if (!allowed && answer.status !== refusal && answer.status < 500) {
                deviations.push({
                  walker: who,
                  request: label,
                  detail: `${answer.status} ${message}; the table's refusal is ${refusal}: ${why}`,
                });
              }
            }
          }
        }
      }
    });
  }

  return {
    tenantId: organisation.tenantId,
    markerToken: organisation.markerToken,
    requests,
    totalRequests: sent(),
    throttled: http.org.throttled + http.goals.throttled,
    allowedNotSent,
    findings,
    deviations,
    durationMs: Date.now() - started,
  };
};

/**
 * The query strings a GET is tried with: its required parameters filled, then each optional one
 * in turn with each value the walk knows (every enum value; a unit kind with a unit of it).
 */
const queriesOf = (
  operation: Operation,
  organisation: WalkOrganisation,
  now: string,
  context: RouteContext,
): string[] => {
  const query = operation.parameters.filter((p) => p.in === 'query');
  const valuesOf = (
    name: string,
    schema: Operation['parameters'][number]['schema'],
  ): Record<string, string>[] => {
    if (name === 'unitId') return [];
    if (name === 'kind') {
      return (schema?.enum ?? []).flatMap((kind) =>
        candidatesFor('unitId', operation.path, { kind: String(kind) }, 'read', context, false).map(
          (unit) => ({
            kind: String(kind),
            ...(query.some((p) => p.name === 'unitId') ? { unitId: unit.value } : {}),
          }),
        ),
      );
    }
    if (schema?.enum?.length) return schema.enum.map((value) => ({ [name]: String(value) }));
    if (name === 'cycleId') return [{ cycleId: organisation.cycleId }];
    if (name === 'from') return [{ from: organisation.startedAt }];
    if (schema?.format === 'date-time') return [{ [name]: now }];
    return [];
  };
  const required = Object.assign(
    {},
    ...query.filter((p) => p.required).map((p) => valuesOf(p.name, p.schema)[0] ?? {}),
  ) as Record<string, string>;
  const variants: Record<string, string>[] = [required];
  for (const parameter of query.filter((p) => !p.required)) {
    for (const values of valuesOf(parameter.name, parameter.schema))
      variants.push({ ...required, ...values });
  }
  return variants.map((values) => {
    const search = new URLSearchParams(values).toString();
    return search === '' ? '' : `?${search}`;
  });
};

/** Deviations by route and answer, with how many walkers and objects met each. */
const deviationLines = (deviations: readonly Deviation[]): string[] => {
  const counts = new Map<string, number>();
  for (const { request, detail } of deviations) {
    const pattern = patternOf(request, detail);
    counts.set(pattern, (counts.get(pattern) ?? 0) + 1);
  }
  return [...counts].map(([pattern, count]) => `  ${pattern} (${count}×)`);
};

/** The report as a person reads it: what was tried, what was found. */
export const formatWalkReport = (report: SecurityWalkReport): string =>
  [
    `security walk of ${report.tenantId}: ${report.totalRequests} requests in ${(report.durationMs / 1000).toFixed(1)} s` +
      (report.throttled > 0 ? ` (${report.throttled} answered 429 and were sent again)` : ''),
    ...Object.entries(report.requests).map(([what, count]) => `  ${what}: ${count}`),
    `allowed by the table but not sent (they change the organisation): ${Object.values(report.allowedNotSent).reduce((a, b) => a + b, 0)}`,
    ...Object.entries(report.allowedNotSent).map(([route, count]) => `  ${route}: ${count}`),
    `refused otherwise than the table's 403 (reported, not failed): ${report.deviations.length}`,
    ...deviationLines(report.deviations),
    report.findings.length === 0 ? 'findings: none' : `findings: ${report.findings.length}`,
    ...formatFindings(report.findings),
  ].join('\n');
