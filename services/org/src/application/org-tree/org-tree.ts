import type { OrgSnapshot, SnapshotUnit, SnapshotUnitKind } from '../../read-models/org-snapshot';

export type PersonRef = Readonly<{ personId: string; name: string }>;

export type SquadNode = Readonly<{
  squadId: string;
  name: string;
  mission: string;
  productOwner: PersonRef | null;
  members: readonly PersonRef[];
}>;

export type ChapterNode = Readonly<{
  chapterId: string;
  name: string;
  craft: string;
  lead: PersonRef | null;
  members: readonly PersonRef[];
}>;

export type TribeNode = Readonly<{
  tribeId: string;
  name: string;
  mission: string;
  lead: PersonRef | null;
  squads: readonly SquadNode[];
  chapters: readonly ChapterNode[];
}>;

export type GuildNode = Readonly<{
  guildId: string;
  name: string;
  interest: string;
  coordinators: readonly PersonRef[];
  members: readonly PersonRef[];
}>;

export type OrgTree = Readonly<{
  asOf: string;
  organisation: Readonly<{ organisationId: string; name: string }> | null;
  tribes: readonly TribeNode[];
  guilds: readonly GuildNode[];
  /** People in no squad at that moment. */
  withoutSquad: readonly PersonRef[];
}>;

const byName = <T extends { name: string }>(items: readonly T[]): T[] =>
  [...items].sort((a, b) => a.name.localeCompare(b.name));

/** Tribes → squads and chapters (with members and leads); guilds (with members and coordinators). */
export const orgTreeOf = (snapshot: OrgSnapshot, asOf: Date): OrgTree => {
  // A role held by someone no longer in the organisation shows as vacant (ADR 0010).
  const person = (personId: string): PersonRef | null => {
    const name = snapshot.people.get(personId);
    return name === undefined ? null : { personId, name };
  };
  const people = (ids: Iterable<string>): PersonRef[] =>
    byName([...ids].map(person).filter((ref): ref is PersonRef => ref !== null));
  const lead = (unit: SnapshotUnit) =>
    unit.leadIds[0] === undefined ? null : person(unit.leadIds[0]);

  const membersOf = new Map<string, string[]>();
  for (const { personId, unitId } of snapshot.memberships) {
    membersOf.set(unitId, [...(membersOf.get(unitId) ?? []), personId]);
  }
  const members = (unitId: string) => people(membersOf.get(unitId) ?? []);
  const units = (kind: SnapshotUnitKind) => byName(snapshot.units.filter((u) => u.kind === kind));
  const inTribe = (kind: SnapshotUnitKind, tribeId: string) =>
    units(kind).filter((unit) => unit.tribeId === tribeId);

  const inASquad = new Set(
    snapshot.memberships.filter((m) => m.kind === 'squad').map((m) => m.personId),
  );
  return {
    asOf: asOf.toISOString(),
    organisation: snapshot.organisation,
    tribes: units('tribe').map((tribe) => ({
      tribeId: tribe.unitId,
      name: tribe.name,
      mission: tribe.purpose,
      lead: lead(tribe),
      squads: inTribe('squad', tribe.unitId).map((squad) => ({
        squadId: squad.unitId,
        name: squad.name,
        mission: squad.purpose,
        productOwner: lead(squad),
        members: members(squad.unitId),
      })),
      chapters: inTribe('chapter', tribe.unitId).map((chapter) => ({
        chapterId: chapter.unitId,
        name: chapter.name,
        craft: chapter.purpose,
        lead: lead(chapter),
        members: members(chapter.unitId),
      })),
    })),
    guilds: units('guild').map((guild) => ({
      guildId: guild.unitId,
      name: guild.name,
      interest: guild.purpose,
      coordinators: people(guild.leadIds),
      members: members(guild.unitId),
    })),
    withoutSquad: people([...snapshot.people.keys()].filter((id) => !inASquad.has(id))),
  };
};
