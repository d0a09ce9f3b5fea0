import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../api/http';
import { isAdmin, type Session } from '../api/session';

// The organisation as the org service's tree tells it (`GET /org/tree`, now or as of a day): read
// once, cached under one key, and turned here into the one directory every screen names people
// and units by and picks them from.

export interface PersonRef {
  readonly personId: string;
  readonly name: string;
}

export interface SquadNode {
  readonly squadId: string;
  readonly name: string;
  readonly mission: string;
  readonly productOwner: PersonRef | null;
  readonly members: readonly PersonRef[];
}

export interface ChapterNode {
  readonly chapterId: string;
  readonly name: string;
  readonly craft: string;
  readonly lead: PersonRef | null;
  readonly members: readonly PersonRef[];
}

export interface TribeNode {
  readonly tribeId: string;
  readonly name: string;
  readonly mission: string;
  readonly lead: PersonRef | null;
  readonly squads: readonly SquadNode[];
  readonly chapters: readonly ChapterNode[];
}

export interface GuildNode {
  readonly guildId: string;
  readonly name: string;
  readonly interest: string;
  readonly coordinators: readonly PersonRef[];
  readonly members: readonly PersonRef[];
}

/** The org service's answer to `GET /org/tree`. */
export interface OrgTree {
  readonly asOf: string;
  readonly organisation: { readonly organisationId: string; readonly name: string } | null;
  readonly tribes: readonly TribeNode[];
  readonly guilds: readonly GuildNode[];
  readonly withoutSquad: readonly PersonRef[];
}

/** The kinds of unit that own goals, propose and approve them (a person is not a unit). */
export const unitKinds = ['company', 'tribe', 'squad', 'chapter', 'guild'] as const;
export type UnitKind = (typeof unitKinds)[number];

export interface UnitRef {
  readonly kind: UnitKind;
  readonly id: string;
}

/** A unit as the organisation stands: who leads it and who is in it. */
export interface OrgUnit extends UnitRef {
  readonly name: string;
  /** Tribe lead, product owner, chapter lead, guild coordinators; nobody for the company. */
  readonly leadIds: readonly string[];
  /** A tribe's members are its squads' and chapters' members. */
  readonly memberIds: readonly string[];
  /** For a squad or a chapter: its tribe. */
  readonly tribeId?: string;
}

/** The organisation's units (the company first) and people, to name them and to pick them. */
export interface OrgDirectory {
  readonly organisationId: string;
  readonly units: readonly OrgUnit[];
  /** Everyone the tree knows, by name. */
  readonly people: readonly PersonRef[];
  unit(ref: UnitRef | string): OrgUnit | undefined;
  /** A person the tree does not know stays unnamed: the caller decides what stands in. */
  personName(personId: string): string | undefined;
}

export const unitKey = (unit: UnitRef): string => `${unit.kind}:${unit.id}`;

export function unitOfKey(key: string | null | undefined): UnitRef | undefined {
  const [kind, ...rest] = (key ?? '').split(':');
  const id = rest.join(':');
  return (unitKinds as readonly string[]).includes(kind) && id
    ? { kind: kind as UnitKind, id }
    : undefined;
}

export function orgDirectoryOf(tree: OrgTree): OrgDirectory {
  const people = new Map<string, string>();
  const know = (list: readonly (PersonRef | null)[]) => {
    for (const person of list) if (person) people.set(person.personId, person.name);
  };
  const ids = (list: readonly (PersonRef | null)[]) =>
    list.flatMap((person) => (person ? [person.personId] : []));
  const organisationId = tree.organisation?.organisationId ?? '';
  const units: OrgUnit[] = [
    {
      kind: 'company',
      id: organisationId,
      name: tree.organisation?.name ?? organisationId,
      leadIds: [],
      memberIds: [],
    },
  ];
  for (const tribe of tree.tribes) {
    know([tribe.lead]);
    const members = [...tribe.squads, ...tribe.chapters].flatMap((unit) => unit.members);
    units.push({
      kind: 'tribe',
      id: tribe.tribeId,
      name: tribe.name,
      leadIds: ids([tribe.lead]),
      memberIds: ids(members),
    });
    for (const squad of tribe.squads) {
      know([squad.productOwner, ...squad.members]);
      units.push({
        kind: 'squad',
        id: squad.squadId,
        tribeId: tribe.tribeId,
        name: squad.name,
        leadIds: ids([squad.productOwner]),
        memberIds: ids(squad.members),
      });
    }
    for (const chapter of tribe.chapters) {
      know([chapter.lead, ...chapter.members]);
      units.push({
        kind: 'chapter',
        id: chapter.chapterId,
        tribeId: tribe.tribeId,
        name: chapter.name,
        leadIds: ids([chapter.lead]),
        memberIds: ids(chapter.members),
      });
    }
  }
  for (const guild of tree.guilds) {
    know([...guild.coordinators, ...guild.members]);
    units.push({
      kind: 'guild',
      id: guild.guildId,
      name: guild.name,
      leadIds: ids(guild.coordinators),
      memberIds: ids(guild.members),
    });
  }
  know(tree.withoutSquad);
  const byKey = new Map(units.map((unit) => [unitKey(unit), unit]));
  return {
    organisationId,
    units,
    people: [...people]
      .map(([personId, name]) => ({ personId, name }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    unit: (ref) => {
      const found = typeof ref === 'string' ? unitOfKey(ref) : ref;
      if (!found) return undefined;
      return found.kind === 'company' ? units[0] : byKey.get(unitKey(found));
    },
    personName: (personId) => people.get(personId),
  };
}

const orgTreeQuery = (asOf: string | undefined) => ({
  queryKey: ['org', 'tree', asOf ?? 'now'],
  queryFn: ({ signal }: { signal: AbortSignal }) =>
    api.get<OrgTree>('org', '/org/tree', { asOf }, signal),
  placeholderData: keepPreviousData,
  staleTime: 60_000,
});

/** The organisation's tree now, or as it stood at `asOf` (the org service reads its history). */
export function useOrgTree(asOf?: string) {
  return useQuery(orgTreeQuery(asOf));
}

/** The directory of the organisation now, or as it stood at `asOf`. */
export function useOrgDirectory(asOf?: string) {
  return useQuery({ ...orgTreeQuery(asOf), select: orgDirectoryOf });
}

/**
 * May this person decide for the unit (approve or return its proposals, define its objectives)?
 * Its lead, or an admin; the company is led by its admins. The services decide again.
 */
export function leadsUnit(
  session: Session | null | undefined,
  directory: OrgDirectory | undefined,
  unit: UnitRef,
): boolean {
  if (!session) return false;
  if (isAdmin(session)) return true;
  if (unit.kind === 'company') return false;
  return directory?.unit(unit)?.leadIds.includes(session.personId) ?? false;
}

/** The units this person may decide for, company first. */
export function unitsLedBy(
  session: Session | null | undefined,
  directory: OrgDirectory | undefined,
): OrgUnit[] {
  return (directory?.units ?? []).filter((unit) => leadsUnit(session, directory, unit));
}
