import { randomUUID } from 'node:crypto';
import type { ObjectiveFacts, UnitFacts, UnitKind } from './walk-organisation';
import { objectiveById, type Fill, type RouteContext } from './walk-routes';

/** One value for a path parameter or body field, and whether the walker may not see it. */
export type Candidate = Readonly<{ value: string; hidden: boolean }>;

/**
 * What the requests are for: `read` every GET with public and private objects; `hidden` every
 * write about a private object (each request names at least one); `visible` every write on what
 * the walker may see, for the table of powers.
 */
export type FillMode = 'read' | 'hidden' | 'visible';

/** A request's values, and which of them name private objects. */
export type FilledRequest = Readonly<{ fill: Fill; hiddenSlots: readonly string[] }>;

const visible = (value: string): Candidate => ({ value, hidden: false });
const hidden = (value: string): Candidate => ({ value, hidden: true });

const unitsOfKind = (context: RouteContext, kind: UnitKind): UnitFacts[] =>
  Object.values(context.organisation.units).filter((unit) => unit.kind === kind);

const secrets = (context: RouteContext): ObjectiveFacts[] =>
  Object.values(context.organisation.objectives).filter((o) => o.visibility === 'private');
const publicOnes = (context: RouteContext): ObjectiveFacts[] =>
  Object.values(context.organisation.objectives).filter((o) => o.visibility === 'public');

/** The unit kind a path segment names: `squads` in `/squads/{id}`, `squadId`, `toTribeId`. */
const kindNamed = (name: string): UnitKind | undefined =>
  (['tribe', 'squad', 'chapter', 'guild'] as const).find((kind) =>
    name.toLowerCase().includes(kind),
  );

/**
 * The values the walk tries for one slot, given the ones chosen before it (a key result follows
 * its objective, a unit id its kind). An empty list: the walk cannot fill it (a coverage gap).
 */
export const candidatesFor = (
  slot: string,
  path: string,
  fill: Fill,
  mode: FillMode,
  context: RouteContext,
  inBody: boolean,
): Candidate[] => {
  const { organisation, walker, ownAmbitionId } = context;
  const o = organisation.objectives;
  const me = organisation.people[walker.person];
  switch (slot) {
    case 'objectiveId':
      return mode === 'visible'
        ? publicOnes(context).map((x) => visible(x.id))
        : mode === 'hidden'
          ? [...secrets(context).map((x) => hidden(x.id)), visible(o.checkout.id)]
          : [
              ...publicOnes(context).map((x) => visible(x.id)),
              ...secrets(context).map((x) => hidden(x.id)),
            ];
    case 'parentObjectiveId':
      return mode === 'visible'
        ? [o.tribe, o.company].filter((x) => x.id !== fill.objectiveId).map((x) => visible(x.id))
        : [...secrets(context).map((x) => hidden(x.id)), visible(o.tribe.id)];
    case 'keyResultId': {
      const objective = objectiveById(organisation, fill.objectiveId);
      const own = (objective?.keyResults ?? []).map((k) => k.id);
      // A key result of a private objective, asked under a public one, is as unknown.
      const elsewhere = [hidden(o.squadSecret.keyResults[0].id)];
      const none = inBody ? [visible('')] : [];
      if (objective?.visibility === 'private') return [...own.map(hidden), ...none];
      return mode === 'visible' ? [visible(own[0])] : [visible(own[0]), ...elsewhere, ...none];
    }
    case 'proposalId': {
      const proposals = Object.values(organisation.proposals);
      const secret = proposals.filter((p) => p.visibility === 'private').map((p) => hidden(p.id));
      const open = proposals.filter((p) => p.visibility === 'public').map((p) => visible(p.id));
      return mode === 'visible' ? open : mode === 'hidden' ? secret : [...open, ...secret];
    }
    case 'ambitionId':
      return mode === 'visible'
        ? [visible(ownAmbitionId)]
        : [visible(ownAmbitionId), hidden(organisation.hiddenAmbitionId)];
    case 'personId':
      return mode === 'hidden'
        ? [visible(me)]
        : mode === 'visible'
          ? [visible(me), visible(organisation.people.Max)]
          : [visible(me), visible(organisation.people.Max), visible(organisation.people.Pia)];
    case 'cycleId':
      return [visible(organisation.cycleId)];
    case 'templateId':
      return [visible(organisation.templateId)];
    case 'owner':
      return mode === 'hidden'
        ? [visible(me)]
        : [
            organisation.tenantId,
            ...Object.values(organisation.units).map((unit) => unit.id),
            me,
            organisation.people.Max,
          ].map(visible);
    case 'unit':
      return [visible(organisation.units.Checkout.id)];
    case 'boardId':
      // A board the walk did not make: revoking it is not found to everyone (docs/security.md).
      return [visible(randomUUID())];
    case 'token':
      // A TV board link nobody signed: one 404 whoever asks (ADR 0052).
      return [visible('not-a-board-link')];
    case 'kind':
      return ['company', 'tribe', 'squad', 'chapter', 'guild'].map(visible);
    case 'unitId':
      return fill.kind === 'company'
        ? [visible(organisation.tenantId)]
        : unitsOfKind(context, fill.kind as UnitKind).map((unit) => visible(unit.id));
    default: {
      // `id` takes its kind from the collection before it (`/tribes/{id}`), others from their name.
      const segments = path.split('/');
      const kind = kindNamed(slot === 'id' ? segments[segments.indexOf('{id}') - 1] : slot);
      if (kind === undefined) return [];
      const units = unitsOfKind(context, kind).map((unit) => visible(unit.id));
      return mode === 'hidden' ? units.slice(0, 1) : units;
    }
  }
};

/**
 * Every combination of the slots' candidates for one route; in `hidden` mode only those that
 * name a private object, in the other modes all.
 */
export const fillsOf = (
  path: string,
  slots: readonly Readonly<{ name: string; inBody: boolean }>[],
  mode: FillMode,
  context: RouteContext,
): FilledRequest[] | string => {
  let fills: FilledRequest[] = [{ fill: {}, hiddenSlots: [] }];
  for (const { name, inBody } of slots) {
    const next: FilledRequest[] = [];
    for (const { fill, hiddenSlots } of fills) {
      const candidates = candidatesFor(name, path, fill, mode, context, inBody);
      if (candidates.length === 0) return `the walk has no value for ${name}`;
      for (const candidate of candidates) {
        next.push({
          fill: { ...fill, [name]: candidate.value },
          hiddenSlots: candidate.hidden ? [...hiddenSlots, name] : hiddenSlots,
        });
      }
    }
    fills = next;
  }
  return mode === 'hidden' ? fills.filter((f) => f.hiddenSlots.length > 0) : fills;
};

/**
 * The same request about ids that exist nowhere: every private value replaced by a fresh UUID.
 * Returns the twin's fill and, for comparing answers, each replaced value with its stand-in.
 */
export const twinOf = (
  filled: FilledRequest,
): Readonly<{
  fill: Fill;
  replaced: readonly (readonly [hidden: string, unknown: string, slot: string])[];
}> => {
  const unknownFor = new Map<string, string>();
  const replaced: [string, string, string][] = [];
  const fill: Record<string, string> = { ...filled.fill };
  for (const slot of filled.hiddenSlots) {
    const value = filled.fill[slot];
    if (!unknownFor.has(value)) {
      unknownFor.set(value, randomUUID());
      replaced.push([value, unknownFor.get(value)!, slot]);
    }
    fill[slot] = unknownFor.get(value)!;
  }
  return { fill, replaced };
};
