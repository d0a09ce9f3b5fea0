import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { api } from '../../api/http';
import type { Unit, UnitKind } from './api';

// Names for the ids the recognition and statistics services answer with: the org service's tree
// (`GET /org/tree`), read once and shared by every screen that shows people or units.

interface PersonRef {
  readonly personId: string;
  readonly name: string;
}

export interface OrgTree {
  readonly asOf: string;
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

export interface NamedUnit extends Unit {
  readonly name: string;
  /** Who leads it: the tribe lead, product owner, chapter lead or the guild's coordinators. */
  readonly leadIds: readonly string[];
  readonly memberIds: readonly string[];
}

export interface OrgDirectory {
  readonly people: readonly PersonRef[];
  readonly units: readonly NamedUnit[];
  readonly personName: (personId: string) => string | undefined;
  readonly unit: (unit: Unit | string) => NamedUnit | undefined;
}

export const orgTreeKey = ['org', 'tree'] as const;

/**
 * The organisation's people and units by id, as the org service names them now, or as they
 * stood at `asOf` (units dissolved since still have their names then).
 */
export function useOrgDirectory(asOf?: string) {
  const tree = useQuery({
    queryKey: asOf === undefined ? orgTreeKey : [...orgTreeKey, asOf],
    queryFn: ({ signal }) => api.get<OrgTree>('org', '/org/tree', { asOf }, signal),
    staleTime: 60_000,
  });
  const directory = useMemo(() => (tree.data ? directoryOf(tree.data) : undefined), [tree.data]);
  return { ...tree, directory };
}

export function directoryOf(tree: OrgTree): OrgDirectory {
  const people = new Map<string, PersonRef>();
  const units = new Map<string, NamedUnit>();
  const know = (person: PersonRef | null) => {
    if (person) people.set(person.personId, person);
  };
  const add = (
    kind: UnitKind,
    id: string,
    name: string,
    leads: readonly (PersonRef | null)[],
    members: readonly PersonRef[],
  ) => {
    leads.forEach(know);
    members.forEach(know);
    units.set(`${kind}:${id}`, {
      kind,
      id,
      name,
      leadIds: leads.flatMap((lead) => (lead ? [lead.personId] : [])),
      memberIds: members.map((member) => member.personId),
    });
  };
  for (const tribe of tree.tribes) {
    const tribeMembers = [...tribe.squads, ...tribe.chapters].flatMap((unit) => unit.members);
    add('tribe', tribe.tribeId, tribe.name, [tribe.lead], tribeMembers);
    for (const squad of tribe.squads) {
      add('squad', squad.squadId, squad.name, [squad.productOwner], squad.members);
    }
    for (const chapter of tribe.chapters) {
      add('chapter', chapter.chapterId, chapter.name, [chapter.lead], chapter.members);
    }
  }
  for (const guild of tree.guilds)
    add('guild', guild.guildId, guild.name, guild.coordinators, guild.members);
  tree.withoutSquad.forEach(know);
  const sortedPeople = [...people.values()].sort((a, b) => a.name.localeCompare(b.name));
  return {
    people: sortedPeople,
    units: [...units.values()],
    personName: (personId) => people.get(personId)?.name,
    unit: (unit) => units.get(typeof unit === 'string' ? unit : `${unit.kind}:${unit.id}`),
  };
}
