import { randomUUID } from 'node:crypto';
import { mintDevelopmentToken } from '@rhythm/identity';
import {
  acmeMusic,
  type DemoObjective,
  type DemoOrganisation,
  type DemoOwner,
  type PersonKey,
} from './demo-organisation';

/** Where the four services answer (default: the local stack's ports, `npm start`). */
export type DemoServices = Readonly<{
  org: string;
  goals: string;
  checkins: string;
  recognition: string;
}>;

export type SeedOptions = Readonly<{
  /** The organisation (tenant) id; default `acme`. */
  organisationId?: string;
  /**
   * How many objectives in all (at least the description's own): the rest are spread across the
   * squads, chapters, guilds and tribes, for the console's benchmark.
   */
  objectives?: number;
  services?: Partial<DemoServices>;
  /** Signs a person's access token; default: the development key (`npm run token`). */
  mint?: (claims: Readonly<{ sub: string; tenant: string; roles: string[] }>) => string;
  /** Each step as it happens; default: nothing. */
  log?: (line: string) => void;
  /** How long one step waits for another service to learn what it needs; default 120 s. */
  waitMs?: number;
  organisation?: DemoOrganisation;
}>;

export type SignIn = Readonly<{
  name: string;
  /** Empty when the organisation was there already and its list could not be read. */
  personId: string;
  as: string;
  admin: boolean;
}>;

export type SeededOrganisation = Readonly<{
  organisationId: string;
  /** False when the organisation was there already: nothing was added. */
  created: boolean;
  /** People's ids by their key in the description (empty when nothing was created). */
  people: Readonly<Record<PersonKey, string>>;
  cycleId: string | undefined;
  /** Objective ids by their key in the description. */
  objectives: Readonly<Record<string, string>>;
  /** How many objectives were made in all (described and spread). */
  objectiveCount: number;
  signIns: readonly SignIn[];
}>;

export const defaultDemoServices = (
  environment: Readonly<Record<string, string | undefined>> = process.env,
): DemoServices => ({
  org: environment.ORG_URL ?? 'http://127.0.0.1:3001',
  goals: environment.GOALS_URL ?? 'http://127.0.0.1:3002',
  checkins: environment.CHECKINS_URL ?? 'http://127.0.0.1:3003',
  recognition: environment.RECOGNITION_URL ?? 'http://127.0.0.1:3004',
});

type Service = keyof DemoServices;
type Answer = Readonly<{ status: number; body: Record<string, unknown> }>;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The calendar quarter of `now`: its id (`2026-q4`), name and first and last day. */
export const quarterOf = (now: Date) => {
  const year = now.getUTCFullYear();
  const quarter = Math.floor(now.getUTCMonth() / 3) + 1;
  const first = new Date(Date.UTC(year, (quarter - 1) * 3, 1));
  const last = new Date(Date.UTC(year, quarter * 3, 0));
  const day = (date: Date) => date.toISOString().slice(0, 10);
  return {
    cycleId: `${year}-q${quarter}`,
    name: `Q${quarter} ${year}`,
    startsOn: day(first),
    endsOn: day(last),
  };
};

/** The units objectives are spread over beyond the description's, with who sets them. */
const spreadUnits = (
  organisation: DemoOrganisation,
): readonly Readonly<{
  owner: DemoOwner;
  name: string;
  by: PersonKey;
  alignedTo: string | undefined;
}>[] => [
  ...organisation.tribes.flatMap((tribe) =>
    tribe.squads.map((squad) => ({
      owner: { kind: 'squad' as const, unit: squad.key },
      name: squad.name,
      by: squad.productOwner,
      alignedTo: tribe.key,
    })),
  ),
  ...organisation.chapters.map((chapter) => ({
    owner: { kind: 'chapter' as const, unit: chapter.key },
    name: chapter.name,
    by: chapter.lead,
    alignedTo: chapter.tribe,
  })),
  ...organisation.guilds.map((guild) => ({
    owner: { kind: 'guild' as const, unit: guild.key },
    name: guild.name,
    by: guild.coordinator,
    alignedTo: undefined,
  })),
  ...organisation.tribes.map((tribe) => ({
    owner: { kind: 'tribe' as const, unit: tribe.key },
    name: tribe.name,
    by: tribe.lead,
    alignedTo: 'company',
  })),
];

/** The objectives of the description and, up to `total`, more of the units' own. */
export const objectivesToSeed = (
  organisation: DemoOrganisation,
  total: number,
): readonly DemoObjective[] => {
  const described = organisation.objectives;
  const units = spreadUnits(organisation);
  const spread = Array.from({ length: Math.max(0, total - described.length) }, (_, index) => {
    const unit = units[index % units.length];
    const round = Math.floor(index / units.length) + 1;
    return {
      key: `spread-${index + 1}`,
      owner: unit.owner,
      by: unit.by,
      title: `${unit.name}: improvement ${round}`,
      description: 'One of the many objectives of a large organisation',
      ...(unit.alignedTo === undefined ? {} : { alignedTo: unit.alignedTo }),
      keyResults: [
        {
          key: `spread-${index + 1}-kr`,
          title: `${unit.name} measure ${round}`,
          metric: {
            type: 'percentage' as const,
            unit: '%',
            start: 0,
            target: 100,
            direction: 'increase' as const,
          },
          owner: unit.by,
        },
      ],
    } satisfies DemoObjective;
  });
  return [...described, ...spread];
};

/**
 * Plays a DemoOrganisation through the services' HTTP APIs, as its people would: the org service
 * first, then goals, checkins and recognition, each of which learns the organisation from the
 * topics (every step that needs another service's news retries, bounded by `waitMs`). An
 * organisation that is already established is left as it is.
 */
export const seedDemoOrganisation = async (
  options: SeedOptions = {},
): Promise<SeededOrganisation> => {
  const organisation = options.organisation ?? acmeMusic;
  const organisationId = options.organisationId ?? 'acme';
  const services = { ...defaultDemoServices(), ...options.services };
  const mint = options.mint ?? ((claims) => mintDevelopmentToken(claims));
  const log = options.log ?? (() => undefined);
  const waitMs = options.waitMs ?? 120_000;

  const call =
    (sub: string, roles: string[]) =>
    async (service: Service, method: string, path: string, body?: object): Promise<Answer> => {
      const response = await fetch(`${services[service]}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${mint({ sub, tenant: organisationId, roles })}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await response.text();
      return {
        status: response.status,
        body: (text ? JSON.parse(text) : {}) as Record<string, unknown>,
      };
    };
  /** `what` must answer one of `statuses`; a 403 or 404 may mean "not yet": retried. */
  const step = async (
    what: string,
    attempt: () => Promise<Answer>,
    statuses: readonly number[] = [200, 201],
  ): Promise<Answer> => {
    const deadline = Date.now() + waitMs;
    for (;;) {
      const answer = await attempt();
      if (statuses.includes(answer.status)) return answer;
      const notYet = [403, 404, 422].includes(answer.status);
      if (!notYet || Date.now() > deadline) {
        throw new Error(`${what}: ${answer.status} ${JSON.stringify(answer.body)}`);
      }
      await sleep(250);
    }
  };
  const idOf = (answer: Answer): string => String(answer.body.id);

  const founder = call('demo-founder', ['admin', 'member']);
  const established = await founder('org', 'POST', '/organisation', { name: organisation.name });
  if (established.status === 409) {
    log(`The organisation ${organisationId} exists already: nothing added.`);
    const people = await founder('org', 'GET', '/people');
    const listed = Array.isArray(people.body)
      ? (people.body as unknown as { personId: string; name: string }[])
      : [];
    // Named as the sign-in page lists them; ids where the org service's list gives them.
    const signIns = organisation.signIns.map((signIn) => {
      const name =
        organisation.people.find((known) => known.key === signIn.person)?.name ?? signIn.person;
      return {
        name,
        personId: listed.find((entry) => entry.name === name)?.personId ?? '',
        as: signIn.as,
        admin: signIn.admin ?? false,
      };
    });
    return {
      organisationId,
      created: false,
      people: {},
      cycleId: undefined,
      objectives: {},
      objectiveCount: 0,
      signIns,
    };
  }
  if (established.status !== 201) {
    throw new Error(
      `establish ${organisation.name}: ${established.status} ${JSON.stringify(established.body)}`,
    );
  }
  log(`Established ${organisation.name} (${organisationId})`);

  // People join; the org service gives their ids.
  const people: Record<PersonKey, string> = {};
  for (const joining of organisation.people) {
    const email = `${joining.key}@${organisationId}.example`;
    people[joining.key] = idOf(
      await step(`${joining.name} joins`, () =>
        founder('org', 'POST', '/people', { name: joining.name, email }),
      ),
    );
  }
  log(`${organisation.people.length} people joined`);
  const as = (key: PersonKey) =>
    call(people[key], key === organisation.admin ? ['admin', 'member'] : ['member']);
  const admin = as(organisation.admin);

  // Tribes, squads, chapters and guilds, their leads and members.
  const units: Record<string, string> = {};
  for (const tribe of organisation.tribes) {
    units[`tribe:${tribe.key}`] = idOf(
      await step(`form ${tribe.name}`, () =>
        admin('org', 'POST', '/tribes', { name: tribe.name, mission: tribe.mission }),
      ),
    );
    const tribeId = units[`tribe:${tribe.key}`];
    await step(`${tribe.name}'s lead`, () =>
      admin('org', 'PUT', `/tribes/${tribeId}/lead`, { personId: people[tribe.lead] }),
    );
    for (const squad of tribe.squads) {
      const squadId = idOf(
        await step(`form ${squad.name}`, () =>
          admin('org', 'POST', '/squads', { tribeId, name: squad.name }),
        ),
      );
      units[`squad:${squad.key}`] = squadId;
      for (const member of squad.members) {
        await step(`${member} joins ${squad.name}`, () =>
          admin('org', 'POST', `/squads/${squadId}/members`, { personId: people[member] }),
        );
      }
      await step(`${squad.name}'s product owner`, () =>
        admin('org', 'PUT', `/squads/${squadId}/product-owner`, {
          personId: people[squad.productOwner],
        }),
      );
    }
  }
  for (const chapter of organisation.chapters) {
    const chapterId = idOf(
      await step(`form ${chapter.name}`, () =>
        admin('org', 'POST', '/chapters', {
          tribeId: units[`tribe:${chapter.tribe}`],
          name: chapter.name,
          craft: chapter.craft,
        }),
      ),
    );
    units[`chapter:${chapter.key}`] = chapterId;
    for (const member of chapter.members) {
      await step(`${member} joins ${chapter.name}`, () =>
        admin('org', 'POST', `/chapters/${chapterId}/members`, { personId: people[member] }),
      );
    }
    await step(`${chapter.name}'s lead`, () =>
      admin('org', 'PUT', `/chapters/${chapterId}/lead`, { personId: people[chapter.lead] }),
    );
  }
  for (const guild of organisation.guilds) {
    const guildId = idOf(
      await step(`form ${guild.name}`, () =>
        admin('org', 'POST', '/guilds', { name: guild.name, interest: guild.interest }),
      ),
    );
    units[`guild:${guild.key}`] = guildId;
    for (const member of guild.members) {
      // Anyone joins a guild: each member does so themselves.
      await step(`${member} joins ${guild.name}`, () =>
        as(member)('org', 'POST', `/guilds/${guildId}/members`, { personId: people[member] }),
      );
    }
    await step(`${guild.name}'s coordinator`, () =>
      admin('org', 'POST', `/guilds/${guildId}/coordinators`, {
        personId: people[guild.coordinator],
      }),
    );
  }
  log(
    `${organisation.tribes.length} tribes, ${Object.keys(units).filter((key) => key.startsWith('squad:')).length} squads, ` +
      `${organisation.chapters.length} chapters and ${organisation.guilds.length} guild(s) formed`,
  );

  // The quarter, in goals (which learns the organisation from the org topic).
  const quarter = quarterOf(new Date());
  await step(
    `plan ${quarter.name}`,
    () =>
      admin('goals', 'POST', '/cycles', {
        cycleId: quarter.cycleId,
        name: quarter.name,
        startsOn: quarter.startsOn,
        endsOn: quarter.endsOn,
      }),
    [201, 409],
  );
  await step(
    `activate ${quarter.name}`,
    () => admin('goals', 'POST', `/cycles/${quarter.cycleId}/activate`),
    [200, 409],
  );
  log(`${quarter.name} is active (${quarter.startsOn} to ${quarter.endsOn})`);

  const ownerOf = (owner: DemoOwner) =>
    owner.kind === 'company'
      ? { kind: 'company' }
      : { kind: owner.kind, id: units[`${owner.kind}:${owner.unit}`] };
  const objectives: Record<string, string> = {};
  const keyResults: Record<string, { objectiveId: string; keyResultId: string }> = {};
  const setObjective = async (objective: DemoObjective) => {
    const lead = as(objective.by);
    const objectiveId = idOf(
      await step(`set "${objective.title}"`, () =>
        lead('goals', 'POST', '/objectives', {
          cycleId: quarter.cycleId,
          title: objective.title,
          description: objective.description,
          owner: ownerOf(objective.owner),
          kind: 'committed',
          visibility: 'public',
        }),
      ),
    );
    objectives[objective.key] = objectiveId;
    for (const keyResult of objective.keyResults) {
      const added = await step(`key result "${keyResult.title}"`, () =>
        lead('goals', 'POST', `/objectives/${objectiveId}/key-results`, {
          title: keyResult.title,
          metric: keyResult.metric,
          owner: people[keyResult.owner],
        }),
      );
      keyResults[keyResult.key] = { objectiveId, keyResultId: String(added.body.keyResultId) };
    }
    await step(`activate "${objective.title}"`, () =>
      lead('goals', 'POST', `/objectives/${objectiveId}/activate`),
    );
  };
  const align = async (objective: DemoObjective) => {
    if (objective.alignedTo === undefined) return;
    const parentObjectiveId = objectives[objective.alignedTo];
    await step(`align "${objective.title}"`, () =>
      as(objective.by)('goals', 'POST', `/objectives/${objectives[objective.key]}/alignments`, {
        parentObjectiveId,
      }),
    );
  };
  const toSeed = objectivesToSeed(
    organisation,
    options.objectives ?? organisation.objectives.length,
  );
  const described = toSeed.slice(0, organisation.objectives.length);
  const spread = toSeed.slice(organisation.objectives.length);
  // The described ones in order (parents before children), then the spread ones a few at a time.
  for (const objective of described) {
    await setObjective(objective);
    await align(objective);
  }
  log(`${described.length} objectives set and aligned to the company's`);
  // Eight at a time, each worker taking the next as soon as its last is done.
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < spread.length) {
      const objective = spread[next++];
      await setObjective(objective);
      await align(objective);
      done += 1;
      if (done % 50 === 0 || done === spread.length) {
        log(`${done} of ${spread.length} more objectives set`);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(8, spread.length) }, worker));

  // A week of rhythm: check-ins (checkins learns the key results from the goals topic).
  for (const checkIn of organisation.checkIns) {
    const { objectiveId, keyResultId } = keyResults[checkIn.keyResult];
    await step(`${checkIn.by} checks in`, () =>
      as(checkIn.by)(
        'checkins',
        'POST',
        `/objectives/${objectiveId}/key-results/${keyResultId}/check-ins`,
        {
          checkInId: randomUUID(),
          value: checkIn.value,
          confidence: checkIn.confidence,
          note: {
            progress: checkIn.progress,
            ...(checkIn.nextSteps === undefined ? {} : { nextSteps: checkIn.nextSteps }),
          },
        },
      ),
    );
  }
  log(`${organisation.checkIns.length} check-ins with confidence`);
  for (const blocker of organisation.blockers) {
    const { objectiveId, keyResultId } = keyResults[blocker.keyResult];
    const blockerId = randomUUID();
    await step(`${blocker.by} raises a blocker`, () =>
      as(blocker.by)('checkins', 'POST', '/blockers', {
        blockerId,
        target: { kind: 'key-result', objectiveId, keyResultId },
        description: blocker.description,
        waitsOn: {
          kind: 'unit',
          unitKind: 'chapter',
          unitId: units[`chapter:${blocker.waitsOnChapter}`],
        },
      }),
    );
  }
  log(`${organisation.blockers.length} blocker(s) raised`);
  for (const kudos of organisation.kudos) {
    const kudosId = randomUUID();
    await step(`${kudos.from} gives kudos`, () =>
      as(kudos.from)('recognition', 'POST', '/kudos', {
        kudosId,
        to: { personIds: kudos.to.map((key) => people[key]) },
        message: kudos.message,
        audience: 'public',
      }),
    );
  }
  log(`${organisation.kudos.length} kudos given`);
  for (const proposal of organisation.proposals) {
    await step(`${proposal.by} proposes a key result`, () =>
      as(proposal.by)('goals', 'POST', '/proposals/key-results', {
        objectiveId: objectives[proposal.forObjective],
        draft: { ...proposal.keyResult, owner: people[proposal.keyResult.owner], weight: 1 },
      }),
    );
  }
  log(`${organisation.proposals.length} proposal(s) waiting for approval`);
  for (const ambition of organisation.ambitions) {
    await step(`${ambition.of} records an ambition`, () =>
      as(ambition.of)('goals', 'POST', '/people/me/ambitions', {
        kind: ambition.kind,
        title: ambition.title,
        description: ambition.description,
      }),
    );
  }
  log(`${organisation.ambitions.length} private ambition(s)`);

  // What the console shows first: the tree, once goals' read side has every objective.
  const deadline = Date.now() + waitMs;
  for (;;) {
    const tree = await admin('goals', 'GET', `/cycles/${quarter.cycleId}/tree`);
    const shown = Array.isArray(tree.body.objectives) ? tree.body.objectives.length : 0;
    if (tree.status === 200 && shown >= toSeed.length) break;
    if (Date.now() > deadline) {
      throw new Error(`the OKR tree shows ${shown} of ${toSeed.length} objectives`);
    }
    await sleep(250);
  }
  log(`The OKR tree of ${quarter.name} shows all ${toSeed.length} objectives`);

  return {
    organisationId,
    created: true,
    people,
    cycleId: quarter.cycleId,
    objectives,
    objectiveCount: toSeed.length,
    signIns: organisation.signIns.map((signIn) => ({
      name: organisation.people.find((known) => known.key === signIn.person)?.name ?? signIn.person,
      personId: people[signIn.person],
      as: signIn.as,
      admin: signIn.admin ?? false,
    })),
  };
};
