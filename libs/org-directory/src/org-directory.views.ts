import { assertNever } from '@rhythm/event-sourcing';
import {
  orgUnitKinds,
  type DirectoryPerson,
  type DirectoryUnit,
  type OrgUnit,
  type OrgUnitKind,
} from './org-directory.entries';
import type { PersonRecord, UnitRecord } from './org-directory.evolve';

/**
 * The directory's answers, joined at read time from records that each fold one stream. A
 * membership names a unit the directory may not have seen yet: it stands until that unit is seen
 * dissolved, so events of different streams may arrive in any order.
 */

const byKind = (kind: OrgUnitKind) => orgUnitKinds.indexOf(kind);

const byKindThenId = (a: OrgUnit, b: OrgUnit) =>
  byKind(a.kind) - byKind(b.kind) || a.id.localeCompare(b.id);

const isPresent = <T>(value: T | undefined): value is T => value !== undefined;

/** Records of units by kind and id, as the reader fetched them. */
export class KnownUnits {
  private readonly byKey = new Map<string, UnitRecord>();

  constructor(records: readonly UnitRecord[]) {
    for (const record of records) this.byKey.set(`${record.kind}:${record.id}`, record);
  }

  get(kind: OrgUnitKind, id: string): UnitRecord | undefined {
    return this.byKey.get(`${kind}:${id}`);
  }

  /** Not seen dissolved: active, or not seen yet. */
  standing(kind: OrgUnitKind, id: string | undefined): boolean {
    return id !== undefined && this.get(kind, id)?.dissolved !== true;
  }

  all(): readonly UnitRecord[] {
    return [...this.byKey.values()];
  }
}

/**
 * A person with their memberships and tribes. `units` must hold the records of their squad,
 * chapter and guilds where known, and the units whose leadIds name them.
 */
export const personView = (
  person: PersonRecord,
  units: KnownUnits,
): DirectoryPerson | undefined => {
  if (!person.joined) return undefined;
  if (person.left) {
    return {
      personId: person.id,
      name: person.name ?? person.id,
      tribeIds: [],
      guildIds: [],
      leads: [],
      status: 'left',
    };
  }
  const squadId = units.standing('squad', person.squadId) ? person.squadId : undefined;
  const chapterId = units.standing('chapter', person.chapterId) ? person.chapterId : undefined;
  const squadTribe = squadId === undefined ? undefined : units.get('squad', squadId)?.tribeId;
  // Chapters never move, so the tribe named when they joined stays right until the chapter is seen.
  const chapterTribe =
    chapterId === undefined
      ? undefined
      : (units.get('chapter', chapterId)?.tribeId ?? person.chapterTribeId);
  const tribeIds = [...new Set([squadTribe, chapterTribe].filter(isPresent))].sort();
  const leads = units
    .all()
    .filter(
      (unit) => unit.kind !== 'company' && !unit.dissolved && unit.leadIds.includes(person.id),
    )
    .map(({ kind, id }): OrgUnit => ({ kind, id }))
    .sort(byKindThenId);
  return {
    personId: person.id,
    name: person.name ?? person.id,
    ...(squadId === undefined ? {} : { squadId }),
    ...(chapterId === undefined ? {} : { chapterId }),
    tribeIds,
    guildIds: person.guildIds.filter((guildId) => units.standing('guild', guildId)).sort(),
    leads,
    status: 'active',
  };
};

/** Whether a person (as personView sees them) belongs to the unit. The company holds everyone. */
export const belongsTo = (person: DirectoryPerson, unit: OrgUnit): boolean => {
  if (person.status !== 'active') return false;
  switch (unit.kind) {
    case 'company':
      return true;
    case 'tribe':
      return person.tribeIds.includes(unit.id);
    case 'squad':
      return person.squadId === unit.id;
    case 'chapter':
      return person.chapterId === unit.id;
    case 'guild':
      return person.guildIds.includes(unit.id);
    default:
      return assertNever(unit.kind);
  }
};

/**
 * A unit as the port describes it, once its formed event is seen. `members` are the people that
 * belong to it (see belongsTo); `leftPeople` the ids of people known to have left the
 * organisation, who lead nothing any more.
 */
export const unitView = (
  unit: UnitRecord,
  members: readonly DirectoryPerson[],
  leftPeople: ReadonlySet<string>,
): DirectoryUnit | undefined => {
  if (!unit.formed) return undefined;
  const self: OrgUnit = { kind: unit.kind, id: unit.id };
  return {
    kind: unit.kind,
    id: unit.id,
    name: unit.name ?? unit.id,
    ...(unit.tribeId === undefined ? {} : { tribeId: unit.tribeId }),
    leadIds: unit.dissolved ? [] : unit.leadIds.filter((personId) => !leftPeople.has(personId)),
    memberIds: unit.dissolved
      ? []
      : members
          .filter((person) => belongsTo(person, self))
          .map((person) => person.personId)
          .sort(),
    status: unit.dissolved ? 'dissolved' : 'active',
  };
};
