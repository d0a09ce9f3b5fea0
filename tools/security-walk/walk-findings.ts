import type { WalkAnswer } from './walk-http';

/** What the walk can find; each one fails the spec and the script's exit code. */
export const findingKinds = [
  // A private title, description, key result, comment, reason or note in an answer.
  'private text',
  // The id of a private object in an answer to a request that did not name it.
  'private id',
  // A colleague's e-mail address for someone who does not lead them.
  'e-mail',
  // A private object answered otherwise than an id that does not exist.
  'existence',
  // A 2xx where the written table gives the walker no power (or their roles grant nothing).
  'power beyond the table',
  // A refusal where the written table gives the walker the power.
  'power refused',
  'server error',
  // An insider does not see what the walk made private: the walk proves nothing then.
  'control',
  // A route of an OpenAPI document the walk cannot try, or a row the table does not have.
  'coverage',
] as const;
export type FindingKind = (typeof findingKinds)[number];

export type Finding = Readonly<{
  kind: FindingKind;
  /** Who walked, or `set-up`. */
  walker: string;
  /** `service METHOD path`, as sent. */
  request: string;
  detail: string;
}>;

/**
 * A refusal with another status than the table's 403, e.g. a 409 because the command weighs the
 * cycle's state before the power: no power is exercised, so the walk reports it without failing.
 */
export type Deviation = Omit<Finding, 'kind'>;

/** An answer as the comparison sees it: what tells two answers apart, ids set aside. */
export type ComparableAnswer = Readonly<{
  status: number;
  headers: Record<string, string>;
  body: string;
}>;

// Headers that differ between any two requests: when, which request, and a hash of the body's
// very bytes (Express's weak ETag) — the body itself is compared.
const varying = new Set(['date', 'x-correlation-id']);

/**
 * The answer with every id the request named replaced by the name of its slot, so that a
 * private object's answer and an unknown id's compare equal when nothing tells them apart.
 */
export const comparable = (
  answer: WalkAnswer,
  ids: readonly (readonly [id: string, slot: string])[],
): ComparableAnswer => {
  const correlationId = answer.headers['x-correlation-id'];
  const blank = (text: string) => {
    let result = correlationId ? text.replaceAll(correlationId, '<correlation>') : text;
    for (const [id, slot] of ids) if (id) result = result.replaceAll(id, `<${slot}>`);
    return result;
  };
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(answer.headers)) {
    if (varying.has(name)) continue;
    headers[name] = name === 'etag' && value.startsWith('W/') ? '<hash of the body>' : blank(value);
  }
  return { status: answer.status, headers, body: blank(answer.text) };
};

/** Where two comparable answers part: the first field and a few characters around it. */
export const differenceOf = (
  hidden: ComparableAnswer,
  unknown: ComparableAnswer,
): string | undefined => {
  if (hidden.status !== unknown.status) {
    return `status ${hidden.status} for the private object, ${unknown.status} for an unknown id`;
  }
  const names = new Set([...Object.keys(hidden.headers), ...Object.keys(unknown.headers)]);
  for (const name of names) {
    if (hidden.headers[name] !== unknown.headers[name]) {
      return `header ${name}: "${hidden.headers[name] ?? ''}" for the private object, "${unknown.headers[name] ?? ''}" for an unknown id`;
    }
  }
  if (hidden.body === unknown.body) return undefined;
  let at = 0;
  while (hidden.body[at] === unknown.body[at]) at++;
  const around = (text: string) => JSON.stringify(text.slice(Math.max(0, at - 40), at + 80));
  return `body from character ${at}: ${around(hidden.body)} for the private object, ${around(unknown.body)} for an unknown id`;
};

/** The whole answer as one text, for the leak searches: status, headers and body. */
export const answerText = (answer: WalkAnswer): string =>
  `${answer.status}\n${Object.entries(answer.headers)
    .map(([name, value]) => `${name}: ${value}`)
    .join('\n')}\n\n${answer.text}`;

const uuids = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

/** A finding's route and answer with ids set aside: what several walkers and objects share. */
export const patternOf = (request: string, detail: string): string =>
  `${request.replace(uuids, '{id}').replace(/ \{.*$/, '')}: ${detail.replace(uuids, '{id}').replace(/;.*$/, '')}`;

/**
 * The findings as a person reads them: by kind, each route and answer once with how often and
 * by whom it was met, and one whole example.
 */
export const formatFindings = (findings: readonly Finding[]): string[] => {
  const lines: string[] = [];
  for (const kind of findingKinds) {
    const ofKind = findings.filter((finding) => finding.kind === kind);
    if (ofKind.length === 0) continue;
    lines.push(`  ${kind}: ${ofKind.length}`);
    const byPattern = new Map<string, Finding[]>();
    for (const finding of ofKind) {
      const pattern = patternOf(finding.request, finding.detail);
      byPattern.set(pattern, [...(byPattern.get(pattern) ?? []), finding]);
    }
    for (const [pattern, met] of byPattern) {
      const walkers = [...new Set(met.map((finding) => finding.walker))];
      lines.push(`    - ${pattern} (${met.length}×, ${walkers.join('; ')})`);
      lines.push(`      e.g. ${met[0].request}`);
      lines.push(`           ${met[0].detail}`);
    }
  }
  return lines;
};
