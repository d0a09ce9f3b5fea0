import { useQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import { api } from '../../api/http';
import { orgDirectoryOf, useOrgDirectory, type OrgTree } from '../../org/org-directory';

// The org service's reads (services/org/src/application/org-tree, people, org-units) and the
// person's OKRs and kudos from goals and recognition.

export type {
  ChapterNode,
  GuildNode,
  OrgTree,
  PersonRef,
  SquadNode,
  TribeNode,
} from '../../org/org-directory';
export { useOrgTree } from '../../org/org-directory';

/** Everyone's name, from the org tree now: a person id the tree does not know stays unnamed. */
export function usePersonNames(): (personId: string) => string | undefined {
  const directory = useOrgDirectory();
  return useCallback((personId: string) => directory.data?.personName(personId), [directory.data]);
}

/** The units a person leads in the org tree: tribes, squads (product owner), chapters, guilds. */
export function unitsLedBy(tree: OrgTree | undefined, personId: string) {
  return (tree ? orgDirectoryOf(tree).units : [])
    .filter((unit) => unit.kind !== 'company' && unit.leadIds.includes(personId))
    .map(({ kind, id, name }) => ({ kind, id, name }));
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
