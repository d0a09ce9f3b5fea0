import type { Owner } from '../src/goals-domain';
import type { OrgIntegrationEvent } from '@rhythm/org-directory';
import { OrgHistory } from '@rhythm/org-directory/testing';
// A workspace tool shared with the API fuzzer, reached by path.
import type { SeededRandom } from '@rhythm/tools/seeded-random';

export type OrganisationSize = Readonly<{
  tribes: number;
  squads: number;
  chaptersPerTribe: number;
  guilds: number;
  people: number;
}>;

export type BenchPerson = Readonly<{
  personId: string;
  name: string;
  tribeId: string;
  squadId: string;
  chapterId: string;
  guildIds: readonly string[];
}>;

export type BenchUnit = Readonly<{
  kind: 'tribe' | 'squad' | 'chapter' | 'guild';
  id: string;
  name: string;
  tribeId?: string;
  /** Tribe lead, product owner, chapter lead, guild coordinators: who manages its goals. */
  leadIds: readonly string[];
  memberIds: readonly string[];
}>;

/**
 * A Spotify-model organisation for the benchmark: tribes of squads, chapters within each tribe,
 * organisation-wide guilds, everyone in one squad and one chapter of the same tribe, some in
 * guilds. The first person is the OKR champion (an admin): the company's goals are theirs.
 */
export type GeneratedOrganisation = Readonly<{
  tenantId: string;
  adminId: string;
  tribes: readonly BenchUnit[];
  squads: readonly BenchUnit[];
  chapters: readonly BenchUnit[];
  guilds: readonly BenchUnit[];
  people: readonly BenchPerson[];
  unit: (kind: BenchUnit['kind'], id: string) => BenchUnit;
  /** Who sets and changes the goals of an owner (the admin for the company). */
  managerOf: (owner: Owner) => string;
  /** The org topic as the org relay would publish it. */
  events: () => OrgIntegrationEvent[];
}>;

const tribeNames = [
  'Payments',
  'Growth',
  'Discovery',
  'Logistics',
  'Platform',
  'Care',
  'Insights',
  'Mobile',
  'Identity',
  'Marketplace',
];
const crafts = ['Backend', 'Frontend', 'Quality', 'Data', 'Design'];
const guildNames = [
  'Web performance',
  'Accessibility',
  'Testing',
  'Security',
  'Machine learning',
  'Agile coaching',
  'Observability',
  'Writing',
];

const padded = (n: number, width: number) => String(n).padStart(width, '0');

export const generateOrganisation = (
  tenantId: string,
  size: OrganisationSize,
  random: SeededRandom,
): GeneratedOrganisation => {
  const tribeIds = Array.from({ length: size.tribes }, (_, t) => `tribe-${padded(t + 1, 2)}`);
  const squadTribe = (s: number) => tribeIds[s % size.tribes];
  const squadIds = Array.from({ length: size.squads }, (_, s) => `squad-${padded(s + 1, 3)}`);
  const chapterIdsOf = (tribeId: string) =>
    Array.from({ length: size.chaptersPerTribe }, (_, c) => `${tribeId}-chapter-${c + 1}`);
  const guildIds = Array.from({ length: size.guilds }, (_, g) => `guild-${padded(g + 1, 2)}`);

  const people: BenchPerson[] = Array.from({ length: size.people }, (_, p) => {
    const s = p % size.squads;
    const tribeId = squadTribe(s);
    const memberIndex = Math.floor(p / size.squads);
    const guildCount = random.int(0, 2);
    const guilds = new Set<string>();
    while (guilds.size < guildCount) guilds.add(random.pick(guildIds));
    return {
      personId: `person-${padded(p + 1, 4)}`,
      name: `Person ${p + 1}`,
      tribeId,
      squadId: squadIds[s],
      chapterId: chapterIdsOf(tribeId)[memberIndex % size.chaptersPerTribe],
      guildIds: [...guilds],
    };
  });
  const membersWhere = (matches: (person: BenchPerson) => boolean) =>
    people.filter(matches).map((person) => person.personId);

  const squads: BenchUnit[] = squadIds.map((id, s) => {
    const memberIds = membersWhere((person) => person.squadId === id);
    return {
      kind: 'squad',
      id,
      name: `${tribeNames[(s % size.tribes) % tribeNames.length]} squad ${s + 1}`,
      tribeId: squadTribe(s),
      leadIds: memberIds.slice(0, 1),
      memberIds,
    };
  });
  const productOwners = new Set(squads.flatMap((squad) => squad.leadIds));
  const tribes: BenchUnit[] = tribeIds.map((id, t) => {
    const memberIds = membersWhere((person) => person.tribeId === id);
    const lead = memberIds.find((personId) => !productOwners.has(personId)) ?? memberIds[0];
    return {
      kind: 'tribe',
      id,
      name: tribeNames[t % tribeNames.length],
      leadIds: lead === undefined ? [] : [lead],
      memberIds,
    };
  });
  const tribeLeads = new Set(tribes.flatMap((tribe) => tribe.leadIds));
  const chapters: BenchUnit[] = tribeIds.flatMap((tribeId, t) =>
    chapterIdsOf(tribeId).map((id, c): BenchUnit => {
      const memberIds = membersWhere((person) => person.chapterId === id);
      const lead =
        memberIds.find((personId) => !productOwners.has(personId) && !tribeLeads.has(personId)) ??
        memberIds[0];
      return {
        kind: 'chapter',
        id,
        name: `${tribeNames[t % tribeNames.length]} ${crafts[c % crafts.length]}`,
        tribeId,
        leadIds: lead === undefined ? [] : [lead],
        memberIds,
      };
    }),
  );
  const guilds: BenchUnit[] = guildIds.map((id, g) => {
    const memberIds = membersWhere((person) => person.guildIds.includes(id));
    return {
      kind: 'guild',
      id,
      name: guildNames[g % guildNames.length],
      leadIds: memberIds.slice(0, 2),
      memberIds,
    };
  });

  const units = new Map<string, BenchUnit>(
    [...tribes, ...squads, ...chapters, ...guilds].map((unit) => [`${unit.kind}:${unit.id}`, unit]),
  );
  const unit = (kind: BenchUnit['kind'], id: string): BenchUnit => {
    const found = units.get(`${kind}:${id}`);
    if (found === undefined) throw new Error(`No ${kind} ${id} in the generated organisation`);
    return found;
  };
  const adminId = people[0].personId;

  const events = (): OrgIntegrationEvent[] => {
    const history = new OrgHistory(tenantId);
    const topic: OrgIntegrationEvent[] = [history.established('Bench Corp')];
    for (const tribe of tribes) topic.push(history.tribeFormed(tribe.id, tribe.name));
    for (const squad of squads) {
      topic.push(history.squadFormed(squad.id, squad.tribeId!, squad.name));
    }
    for (const chapter of chapters) {
      topic.push(history.chapterFormed(chapter.id, chapter.tribeId!, chapter.name));
    }
    for (const guild of guilds) topic.push(history.guildFormed(guild.id, guild.name));
    for (const person of people) {
      topic.push(history.personJoined(person.personId, person.name));
      topic.push(history.joinedSquad(person.personId, person.squadId));
      topic.push(history.joinedChapter(person.personId, person.chapterId, person.tribeId));
      for (const guildId of person.guildIds) {
        topic.push(history.joinedGuild(person.personId, guildId));
      }
    }
    for (const tribe of tribes) {
      for (const lead of tribe.leadIds) topic.push(history.tribeLeadAppointed(tribe.id, lead));
    }
    for (const squad of squads) {
      for (const lead of squad.leadIds) topic.push(history.productOwnerAppointed(squad.id, lead));
    }
    for (const chapter of chapters) {
      for (const lead of chapter.leadIds) {
        topic.push(history.chapterLeadAppointed(chapter.id, lead));
      }
    }
    for (const guild of guilds) {
      for (const lead of guild.leadIds) topic.push(history.coordinatorAdded(guild.id, lead));
    }
    return topic;
  };

  return {
    tenantId,
    adminId,
    tribes,
    squads,
    chapters,
    guilds,
    people,
    unit,
    managerOf: (owner) => {
      switch (owner.kind) {
        case 'company':
          return adminId;
        case 'person':
          return owner.id;
        default:
          return unit(owner.kind, owner.id).leadIds[0] ?? adminId;
      }
    },
    events,
  };
};
