import { identifierProblem, NotFound, type Problem } from '@rhythm/event-sourcing';

/** A unit of the organisation, as the org topic names it. */
export const unitKinds = ['tribe', 'squad', 'chapter', 'guild'] as const;
export type UnitKind = (typeof unitKinds)[number];
export type Unit = Readonly<{ kind: UnitKind; id: string }>;

export const unitProblem = (unit: Unit): Problem =>
  typeof unit === 'object' &&
  unit !== null &&
  (unitKinds as readonly string[]).includes(unit.kind) &&
  identifierProblem(unit.id) === undefined
    ? undefined
    : `must name a unit (${unitKinds.join(', ')}) and its id`;

export const sameUnit = (a: Unit, b: Unit): boolean => a.kind === b.kind && a.id === b.id;

export const unitNotFound = (unit: Unit): NotFound =>
  new NotFound(`${unit.kind[0]?.toUpperCase()}${unit.kind.slice(1)} ${unit.id} not found`);

/**
 * Who owned a goal when it was achieved, as the directory knew it then: the walls a celebration
 * goes to follow from it (celebration.walls.ts). `tribeId` is the tribe a squad or chapter (or
 * a person's squad) belonged to that day: a squad that moves later leaves its past behind.
 */
export type GoalOwner =
  | Readonly<{ kind: 'company' }>
  | Readonly<{ kind: 'unit'; unit: Unit; tribeId?: string }>
  | Readonly<{
      kind: 'person';
      personId: string;
      squad?: Readonly<{ id: string; tribeId?: string }>;
    }>;

/** The one answer for an objective that does not exist and for one the caller may not see. */
export const objectiveNotFound = (objectiveId: string): NotFound =>
  new NotFound(`Objective ${objectiveId} not found`);

export const keyResultNotFound = (objectiveId: string, keyResultId: string): NotFound =>
  new NotFound(`Key result ${keyResultId} not found on objective ${objectiveId}`);

/** People a command names whom the directory does not know: one 404 naming them all. */
export const assertKnownPeople = (field: string, unknownPersonIds: readonly string[]): void => {
  if (unknownPersonIds.length === 0) return;
  throw new NotFound(
    `Unknown ${unknownPersonIds.length === 1 ? 'person' : 'people'}: ${unknownPersonIds.join(', ')}`,
    {
      [field]: `unknown: ${unknownPersonIds.join(', ')}`,
    },
  );
};
