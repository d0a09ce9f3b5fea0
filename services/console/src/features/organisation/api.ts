import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import { api } from '../../api/http';

// The org service's reads (services/org/src/application/org-tree, people, org-units) and the
// person's OKRs and kudos from goals and recognition.

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

export interface OrgTree {
  readonly asOf: string;
  readonly organisation: { readonly organisationId: string; readonly name: string } | null;
  readonly tribes: readonly TribeNode[];
  readonly guilds: readonly GuildNode[];
  readonly withoutSquad: readonly PersonRef[];
}

/** The organisation now, or as it stood at `asOf` (the org service reads its history). */
export function useOrgTree(asOf?: string) {
  return useQuery({
    queryKey: ['org', 'tree', asOf ?? 'now'],
    queryFn: ({ signal }) => api.get<OrgTree>('org', '/org/tree', { asOf }, signal),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
}

/** Everyone's name, from the org tree now: a person id the tree does not know stays unnamed. */
export function usePersonNames(): (personId: string) => string | undefined {
  const tree = useOrgTree();
  const names = useMemo(() => {
    const found = new Map<string, string>();
    const add = (person: PersonRef | null) => person && found.set(person.personId, person.name);
    for (const tribe of tree.data?.tribes ?? []) {
      add(tribe.lead);
      for (const squad of tribe.squads) [squad.productOwner, ...squad.members].forEach(add);
      for (const chapter of tribe.chapters) [chapter.lead, ...chapter.members].forEach(add);
    }
    for (const guild of tree.data?.guilds ?? [])
      [...guild.coordinators, ...guild.members].forEach(add);
    (tree.data?.withoutSquad ?? []).forEach(add);
    return found;
  }, [tree.data]);
  return useCallback((personId: string) => names.get(personId), [names]);
}

/** The units a person leads in the org tree: tribes, squads (product owner), chapters, guilds. */
export function unitsLedBy(tree: OrgTree | undefined, personId: string) {
  const led: { kind: 'tribe' | 'squad' | 'chapter' | 'guild'; id: string; name: string }[] = [];
  for (const tribe of tree?.tribes ?? []) {
    if (tribe.lead?.personId === personId)
      led.push({ kind: 'tribe', id: tribe.tribeId, name: tribe.name });
    for (const squad of tribe.squads) {
      if (squad.productOwner?.personId === personId) {
        led.push({ kind: 'squad', id: squad.squadId, name: squad.name });
      }
    }
    for (const chapter of tribe.chapters) {
      if (chapter.lead?.personId === personId) {
        led.push({ kind: 'chapter', id: chapter.chapterId, name: chapter.name });
      }
    }
  }
  for (const guild of tree?.guilds ?? []) {
    if (guild.coordinators.some((person) => person.personId === personId)) {
      led.push({ kind: 'guild', id: guild.guildId, name: guild.name });
    }
  }
  return led;
}

export interface UnitRef {
  readonly id: string;
  readonly name: string;
}

export interface PersonProfile {
  readonly personId: string;
  readonly name: string;
  readonly email?: string;
  readonly status: 'in-organisation' | 'left';
  readonly joinedAt: string;
  readonly leftAt?: string;
  readonly squad: (UnitRef & { readonly tribe: UnitRef | null }) | null;
  readonly chapter: UnitRef | null;
  readonly guilds: readonly UnitRef[];
}

export interface MembershipPeriod {
  readonly kind: 'squad' | 'chapter' | 'guild';
  readonly unitId: string;
  readonly unitName: string;
  readonly from: string;
  readonly to: string | null;
  readonly endedBy: string | null;
}

export function usePerson(personId: string) {
  return useQuery({
    queryKey: ['org', 'person', personId],
    queryFn: ({ signal }) =>
      api.get<PersonProfile>('org', `/people/${encodeURIComponent(personId)}`, undefined, signal),
  });
}

export function useMemberships(personId: string) {
  return useQuery({
    queryKey: ['org', 'memberships', personId],
    queryFn: ({ signal }) =>
      api.get<MembershipPeriod[]>(
        'org',
        `/people/${encodeURIComponent(personId)}/memberships`,
        undefined,
        signal,
      ),
  });
}

export interface PersonObjective {
  readonly objectiveId: string;
  readonly title: string;
  readonly ownerName: string;
  readonly rolledUpProgress: number | null;
  readonly progress: number | null;
  readonly status: string;
}

export interface PersonOkrs {
  readonly personId: string;
  readonly cycleId: string | null;
  readonly owned: readonly PersonObjective[];
  readonly contributed: readonly PersonObjective[];
  readonly followed: readonly PersonObjective[];
}

export function usePersonOkrs(personId: string) {
  return useQuery({
    queryKey: ['goals', 'person-okrs', personId],
    queryFn: ({ signal }) =>
      api.get<PersonOkrs>(
        'goals',
        `/people/${encodeURIComponent(personId)}/okrs`,
        undefined,
        signal,
      ),
  });
}

export interface Kudos {
  readonly kudosId: string;
  readonly giverId: string;
  readonly receiverIds: readonly string[];
  readonly message: string;
  readonly values: readonly string[];
  readonly givenAt: string;
}

export function useKudosReceived(personId: string) {
  return useQuery({
    queryKey: ['recognition', 'kudos-received', personId],
    queryFn: ({ signal }) =>
      api.get<{ personId: string; kudos: Kudos[]; next?: string }>(
        'recognition',
        `/people/${encodeURIComponent(personId)}/kudos/received`,
        undefined,
        signal,
      ),
  });
}

export type UnitKind = 'tribe' | 'squad' | 'chapter' | 'guild';
export const unitKinds: readonly UnitKind[] = ['tribe', 'squad', 'chapter', 'guild'];

export interface OrgUnit {
  readonly id: string;
  readonly kind: UnitKind;
  readonly name: string;
  /** Mission (tribes, squads), craft (chapters) or interest (guilds). */
  readonly purpose: string;
  readonly status: 'active' | 'dissolved';
  readonly tribeId?: string | null;
  readonly leadId?: string | null;
  readonly coordinatorIds?: readonly string[];
  readonly formedAt: string;
  readonly dissolvedAt?: string;
}

export function useOrgUnit(kind: UnitKind, unitId: string) {
  return useQuery({
    queryKey: ['org', 'unit', kind, unitId],
    queryFn: ({ signal }) =>
      api.get<OrgUnit>('org', `/${kind}s/${encodeURIComponent(unitId)}`, undefined, signal),
  });
}

export function useUnitOkrs(kind: UnitKind, unitId: string) {
  return useQuery({
    queryKey: ['goals', 'unit-okrs', kind, unitId],
    queryFn: ({ signal }) =>
      api.get<{ cycleId: string | null; objectives: PersonObjective[] }>(
        'goals',
        `/units/${kind}/${encodeURIComponent(unitId)}/objectives`,
        undefined,
        signal,
      ),
  });
}

/** A unit's members and leads as the org tree has them now. */
export function membersOf(tree: OrgTree | undefined, kind: UnitKind, unitId: string) {
  for (const tribe of tree?.tribes ?? []) {
    if (kind === 'tribe' && tribe.tribeId === unitId) {
      const members = [...tribe.squads, ...tribe.chapters].flatMap((unit) => unit.members);
      return {
        leads: tribe.lead ? [tribe.lead] : [],
        members: [...new Map(members.map((person) => [person.personId, person])).values()],
      };
    }
    const squad = tribe.squads.find((candidate) => candidate.squadId === unitId);
    if (kind === 'squad' && squad) {
      return { leads: squad.productOwner ? [squad.productOwner] : [], members: squad.members };
    }
    const chapter = tribe.chapters.find((candidate) => candidate.chapterId === unitId);
    if (kind === 'chapter' && chapter) {
      return { leads: chapter.lead ? [chapter.lead] : [], members: chapter.members };
    }
  }
  const guild = tree?.guilds.find((candidate) => candidate.guildId === unitId);
  if (kind === 'guild' && guild) return { leads: guild.coordinators, members: guild.members };
  return { leads: [], members: [] };
}
