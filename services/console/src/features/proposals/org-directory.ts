import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/http';
import { isAdmin, type Session } from '../../api/session';

/** The kinds of unit that own goals, propose and approve them (a person is not a unit). */
export const unitKinds = ['company', 'tribe', 'squad', 'chapter', 'guild'] as const;
export type UnitKind = (typeof unitKinds)[number];

export interface UnitRef {
  readonly kind: UnitKind;
  readonly id: string;
}

export interface PersonRef {
  readonly personId: string;
  readonly name: string;
}

/** A unit as the organisation stands now: who leads it and who is in it. */
export interface OrgUnit extends UnitRef {
  readonly name: string;
  /** Tribe lead, product owner, chapter lead, guild coordinators; nobody for the company. */
  readonly leadIds: readonly string[];
  readonly memberIds: readonly string[];
  /** For a squad or a chapter: its tribe. */
  readonly tribeId?: string;
}

interface OrgTreeAnswer {
  readonly organisation: { readonly organisationId: string; readonly name: string } | null;
  readonly tribes: readonly {
    readonly tribeId: string;
    readonly name: string;
    readonly lead: PersonRef | null;
    readonly squads: readonly {
      readonly squadId: string;
      readonly name: string;
      readonly productOwner: PersonRef | null;
      readonly members: readonly PersonRef[];
    }[];
    readonly chapters: readonly {
      readonly chapterId: string;
      readonly name: string;
      readonly lead: PersonRef | null;
      readonly members: readonly PersonRef[];
    }[];
  }[];
  readonly guilds: readonly {
    readonly guildId: string;
    readonly name: string;
    readonly coordinators: readonly PersonRef[];
    readonly members: readonly PersonRef[];
  }[];
  readonly withoutSquad: readonly PersonRef[];
}

/** The organisation's units and people, to name them and to pick them in forms. */
export interface OrgDirectory {
  readonly organisationId: string;
  readonly units: readonly OrgUnit[];
  readonly people: readonly PersonRef[];
  unit(ref: UnitRef): OrgUnit | undefined;
  personName(personId: string): string;
}

export const unitKey = (unit: UnitRef): string => `${unit.kind}:${unit.id}`;

export function unitOfKey(key: string | null | undefined): UnitRef | undefined {
  const [kind, ...rest] = (key ?? '').split(':');
  const id = rest.join(':');
  return (unitKinds as readonly string[]).includes(kind) && id
    ? { kind: kind as UnitKind, id }
    : undefined;
}

export function orgDirectoryOf(tree: OrgTreeAnswer, organisationId: string): OrgDirectory {
  const ids = (people: readonly (PersonRef | null)[]) =>
    people.filter((person): person is PersonRef => person !== null).map((p) => p.personId);
  const units: OrgUnit[] = [
    {
      kind: 'company',
      id: tree.organisation?.organisationId ?? organisationId,
      name: tree.organisation?.name ?? organisationId,
      leadIds: [],
      memberIds: [],
    },
  ];
  const people = new Map<string, string>();
  const know = (list: readonly (PersonRef | null)[]) =>
    list.forEach((person) => person && people.set(person.personId, person.name));
  for (const tribe of tree.tribes) {
    know([tribe.lead]);
    const tribeMembers: string[] = [];
    for (const squad of tribe.squads) {
      know([squad.productOwner, ...squad.members]);
      tribeMembers.push(...ids(squad.members));
    }
    units.push({
      kind: 'tribe',
      id: tribe.tribeId,
      name: tribe.name,
      leadIds: ids([tribe.lead]),
      memberIds: tribeMembers,
    });
    for (const squad of tribe.squads) {
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
    organisationId: units[0].id,
    units,
    people: [...people]
      .map(([personId, name]) => ({ personId, name }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    unit: (ref) => (ref.kind === 'company' ? units[0] : byKey.get(unitKey(ref))),
    personName: (personId) => people.get(personId) ?? personId,
  };
}

/** The organisation now (org service `GET /org/tree`), shared by every screen that names people. */
export function useOrgDirectory(organisationId: string | undefined) {
  return useQuery({
    queryKey: ['org', 'tree'],
    enabled: Boolean(organisationId),
    queryFn: ({ signal }) => api.get<OrgTreeAnswer>('org', '/org/tree', undefined, signal),
    select: (tree) => orgDirectoryOf(tree, organisationId ?? ''),
    staleTime: 60_000,
  });
}

/**
 * May this person decide for the unit (approve or return its proposals, define its objectives)?
 * Its lead, or an admin; the company is led by its admins. The goals service decides again.
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
