import { randomBytes, randomUUID } from 'node:crypto';
import { jsonOf, type WalkAnswer, type WalkHttp } from './walk-http';

/** Signs a bearer token the services trust: the test key in the suite, the dev key locally. */
export type TokenMinter = (
  claims: Readonly<{ sub: string; tenant: string; roles: readonly string[] }>,
) => string;

/** Everyone of the walk's organisation; each holds one place in it (see `setUpOrganisation`). */
export const cast = [
  'Ada',
  'Tara',
  'Otto',
  'Pia',
  'Max',
  'Mia',
  'Wes',
  'Quinn',
  'Eve',
  'Cleo',
  'Gus',
  'Gina',
  'Sam',
] as const;
export type Person = (typeof cast)[number];

export type UnitKind = 'tribe' | 'squad' | 'chapter' | 'guild';
export type UnitName =
  'Payments' | 'Discovery' | 'Checkout' | 'Wallet' | 'Search' | 'Backend' | 'Web';

export type UnitFacts = {
  kind: UnitKind;
  name: UnitName;
  id: string;
  /** The tribe of a squad or chapter. */
  tribe?: UnitName;
  /** Its tribe lead, product owner, chapter lead, or guild coordinators. */
  leads: Person[];
  members: Person[];
};

/** Who owns an objective, or whom a proposal is for: the company, a unit or a person. */
export type Owner = Readonly<
  | { kind: 'company'; id: string }
  | { kind: UnitKind; id: string; unit: UnitName }
  | { kind: 'person'; id: string; person: Person }
>;

export type ObjectiveName =
  | 'company'
  | 'tribe'
  | 'checkout'
  | 'wallet'
  | 'reviewed'
  | 'squadSecret'
  | 'guildSecret'
  | 'personalSecret'
  | 'companySecret';

export type ObjectiveFacts = {
  name: ObjectiveName;
  id: string;
  owner: Owner;
  visibility: 'public' | 'private';
  keyResults: { id: string; owner: Person }[];
  contributors: Person[];
};

export type ProposalName =
  'checkout' | 'squadSecret' | 'guildSecret' | 'companySecret' | 'privateDraft';

export type ProposalFacts = {
  name: ProposalName;
  id: string;
  kind: 'objective' | 'key-result';
  proposer: Person;
  /** The unit the proposed objective is for, or the owner of the objective a key result is for. */
  for: Owner;
  visibility: 'public' | 'private';
};

/** The organisation the walk built through the APIs, and everything it made private. */
export type WalkOrganisation = Readonly<{
  tenantId: string;
  /** Every private text holds this, so one search finds any of them in any answer. */
  markerToken: string;
  /** Every private text the set-up wrote, each unique. */
  markers: readonly string[];
  startedAt: string;
  people: Readonly<Record<Person, string>>;
  emails: Readonly<Record<Person, string>>;
  units: Readonly<Record<UnitName, UnitFacts>>;
  cycleId: string;
  templateId: string;
  objectives: Readonly<Record<ObjectiveName, ObjectiveFacts>>;
  proposals: Readonly<Record<ProposalName, ProposalFacts>>;
  /** Max's ambition: his own, linked to private objectives. */
  hiddenAmbitionId: string;
  /** The ids of everything private: objectives, their key results, proposals, the ambition. */
  hiddenIds: readonly string[];
  /** Requests to check, as insiders, that the private objects are there to be hidden. */
  controls: readonly Control[];
}>;

/** A request whose answer must hold `holds`: what proves the walk has something to find. */
export type Control = Readonly<{
  what: string;
  service: 'org' | 'goals';
  as: Person;
  path: string;
  holds: readonly string[];
}>;

export type WalkServices = Readonly<{ org: WalkHttp; goals: WalkHttp }>;

const percentage = { type: 'percentage', unit: '%', start: 0, target: 100, direction: 'increase' };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A set-up step failed: the walk cannot run on a half-built organisation. */
export class SetUpFailed extends Error {}

/**
 * A new organisation set up through the org and goals APIs, as a new customer would, with
 * private objectives of a squad, a guild, a person and the company, and everything that hangs
 * from them (key results, contributors, proposals, comments, suggestions, alignments, progress,
 * renames with reasons, review notes, a follow, a linked ambition). Every private text is a
 * unique marker.
 *
 *   Payments (lead Tara): squads Checkout (product owner Pia; Max, Mia) and Wallet (product
 *     owner Wes; Wes); chapter Backend (lead Cleo; Max)
 *   Discovery (lead Otto): squad Search (product owner Quinn; Eve)
 *   guild Web (coordinator Gus; Max, added by Gus, and Gina, who joined herself)
 *   Ada is the admin; Sam belongs to no unit and enlisted himself on Checkout's public objective.
 *
 * Public objectives of the company, Payments, Checkout (aligned under Checkout's private one) and
 * Wallet in a running cycle, and one of Checkout in a cycle under review.
 */
export const setUpOrganisation = async (
  services: WalkServices,
  mint: TokenMinter,
  options: Readonly<{ tenantId?: string; settleTimeoutMs?: number }> = {},
): Promise<WalkOrganisation> => {
  const run = randomBytes(4).toString('hex');
  const tenantId = options.tenantId ?? `walk-${run}`;
  const markerToken = `wk${randomBytes(5).toString('hex')}`;
  const markers: string[] = [];
  const marker = (what: string) => {
    const text = `${markerToken}-${what}`;
    markers.push(text);
    return text;
  };
  const startedAt = new Date().toISOString();
  const people = {} as Record<Person, string>;
  const emails = Object.fromEntries(
    cast.map((person) => [person, `${person.toLowerCase()}.${run}@walk.test`]),
  ) as Record<Person, string>;
  const settleTimeoutMs = options.settleTimeoutMs ?? 90_000;

  const tokenOf = (person: Person) =>
    mint({
      sub: people[person],
      tenant: tenantId,
      roles: person === 'Ada' ? ['admin', 'member'] : ['member'],
    });
  const founderToken = mint({ sub: randomUUID(), tenant: tenantId, roles: ['admin'] });

  const must = (answer: WalkAnswer, what: string): Record<string, unknown> => {
    if (answer.status < 200 || answer.status > 299) {
      throw new SetUpFailed(`Setting up: ${what} answered ${answer.status} ${answer.text}`);
    }
    return jsonOf(answer) ?? {};
  };
  const org = async (person: Person | 'founder', method: string, path: string, body?: object) =>
    must(
      await services.org.send({
        method,
        path,
        body: body ?? (method === 'GET' ? undefined : {}),
        token: person === 'founder' ? founderToken : tokenOf(person),
      }),
      `${person}: ${method} ${path}`,
    );
  /**
   * A goals request, sent again while the goals service has not yet learnt from the org topic
   * who the person is or what they lead (403, 404): only then is it refused for good.
   */
  const goals = async (person: Person, method: string, path: string, body?: object) => {
    const until = Date.now() + settleTimeoutMs;
    for (;;) {
      const answer = await services.goals.send({
        method,
        path,
        body: body ?? (method === 'GET' ? undefined : {}),
        token: tokenOf(person),
      });
      if (![403, 404].includes(answer.status) || Date.now() > until) {
        return must(answer, `${person}: ${method} ${path}`);
      }
      await sleep(250);
    }
  };
  const idOf = (body: Record<string, unknown>, field = 'id') => String(body[field]);

  // The organisation, as its founder (an admin who is no person of it) starts it.
  await org('founder', 'POST', '/organisation', { name: `Walk ${run}` });
  for (const person of cast) {
    people[person] = idOf(
      await org('founder', 'POST', '/people', { name: person, email: emails[person] }),
    );
  }
  const units = {} as Record<UnitName, UnitFacts>;
  const form = async (
    facts: Omit<UnitFacts, 'id'>,
    path: string,
    body: object,
    appoint: (id: string) => [string, string, object],
  ) => {
    const id = idOf(await org('Ada', 'POST', path, body));
    units[facts.name] = { ...facts, id };
    const [method, leadPath, leadBody] = appoint(id);
    await org('Ada', method, leadPath, leadBody);
  };
  const tribe = (name: UnitName, lead: Person) =>
    form({ kind: 'tribe', name, leads: [lead], members: [] }, '/tribes', { name }, (id) => [
      'PUT',
      `/tribes/${id}/lead`,
      { personId: people[lead] },
    ]);
  await tribe('Payments', 'Tara');
  await tribe('Discovery', 'Otto');
  const squad = (name: UnitName, tribeName: UnitName, productOwner: Person) =>
    form(
      { kind: 'squad', name, tribe: tribeName, leads: [productOwner], members: [] },
      '/squads',
      { tribeId: units[tribeName].id, name },
      (id) => ['PUT', `/squads/${id}/product-owner`, { personId: people[productOwner] }],
    );
  await squad('Checkout', 'Payments', 'Pia');
  await squad('Wallet', 'Payments', 'Wes');
  await squad('Search', 'Discovery', 'Quinn');
  await form(
    { kind: 'chapter', name: 'Backend', tribe: 'Payments', leads: ['Cleo'], members: [] },
    '/chapters',
    { tribeId: units.Payments.id, name: 'Backend', craft: 'backend' },
    (id) => ['PUT', `/chapters/${id}/lead`, { personId: people.Cleo }],
  );
  await form(
    { kind: 'guild', name: 'Web', leads: ['Gus'], members: [] },
    '/guilds',
    { name: 'Web' },
    (id) => ['POST', `/guilds/${id}/coordinators`, { personId: people.Gus }],
  );
  const join = async (by: Person, person: Person, unit: UnitName) => {
    const collection = `${units[unit].kind}s`;
    await org(by, 'POST', `/${collection}/${units[unit].id}/members`, {
      personId: people[person],
    });
    units[unit].members.push(person);
  };
  await join('Ada', 'Max', 'Checkout');
  await join('Ada', 'Mia', 'Checkout');
  await join('Ada', 'Wes', 'Wallet');
  await join('Ada', 'Eve', 'Search');
  await join('Ada', 'Max', 'Backend');
  await join('Gus', 'Max', 'Web');
  // Anyone may join a guild alone: Gina does (issue 8, finding 1).
  await join('Gina', 'Gina', 'Web');

  // Goals: a running cycle, public objectives, and the private ones with all that hangs from them.
  const cycleId = `walk-${run}`;
  await goals('Ada', 'POST', '/cycles', {
    cycleId,
    name: `Walk ${run}`,
    startsOn: '2026-01-01',
    endsOn: '2026-03-31',
  });
  await goals('Ada', 'POST', `/cycles/${cycleId}/activate`);
  const templates = await services.goals.send({
    method: 'GET',
    path: '/templates',
    token: tokenOf('Ada'),
  });
  const templateId = String(
    (jsonOf<{ id: string }[]>(templates) ?? [])[0]?.id ?? 'improve-customer-satisfaction',
  );

  const unitOwner = (unit: UnitName): Owner => ({
    kind: units[unit].kind,
    id: units[unit].id,
    unit,
  });
  const company: Owner = { kind: 'company', id: tenantId };
  const personal = (person: Person): Owner => ({ kind: 'person', id: people[person], person });
  const ownerBody = (owner: Owner) => ({ kind: owner.kind, id: owner.id });

  const objectives = {} as Record<ObjectiveName, ObjectiveFacts>;
  const define = async (
    name: ObjectiveName,
    by: Person,
    owner: Owner,
    visibility: 'public' | 'private',
    keyResultOwners: readonly Person[],
    inCycle = cycleId,
  ) => {
    const secret = visibility === 'private';
    const id = idOf(
      await goals(by, 'POST', '/objectives', {
        cycleId: inCycle,
        title: secret ? marker(`${name}-title`) : `Walk ${name} objective`,
        description: secret ? marker(`${name}-description`) : `The ${name} objective, public`,
        owner: ownerBody(owner),
        kind: 'committed',
        visibility,
      }),
    );
    const keyResults = [];
    for (const [index, keyResultOwner] of keyResultOwners.entries()) {
      const added = await goals(by, 'POST', `/objectives/${id}/key-results`, {
        title: secret ? marker(`${name}-key-result-${index}`) : `Walk ${name} key result ${index}`,
        metric: percentage,
        owner: people[keyResultOwner],
      });
      keyResults.push({ id: idOf(added, 'keyResultId'), owner: keyResultOwner });
    }
    await goals(by, 'POST', `/objectives/${id}/activate`);
    objectives[name] = { name, id, owner, visibility, keyResults, contributors: [] };
    return objectives[name];
  };
  await define('company', 'Ada', company, 'public', ['Ada']);
  await define('tribe', 'Tara', unitOwner('Payments'), 'public', ['Tara']);
  await define('checkout', 'Pia', unitOwner('Checkout'), 'public', ['Max']);
  await define('wallet', 'Wes', unitOwner('Wallet'), 'public', ['Wes']);
  // A cycle under review: scores are overridden and retrospectives written only then.
  const reviewedCycleId = `walk-${run}-review`;
  await goals('Ada', 'POST', '/cycles', {
    cycleId: reviewedCycleId,
    name: `Walk ${run}, reviewed`,
    startsOn: '2025-10-01',
    endsOn: '2025-12-31',
  });
  await goals('Ada', 'POST', `/cycles/${reviewedCycleId}/activate`);
  await define('reviewed', 'Pia', unitOwner('Checkout'), 'public', ['Max'], reviewedCycleId);
  await goals('Ada', 'POST', `/cycles/${reviewedCycleId}/review`);

  const proposals = {} as Record<ProposalName, ProposalFacts>;
  const proposeKeyResult = async (name: ProposalName, by: Person, objective: ObjectiveFacts) => {
    const secret = objective.visibility === 'private';
    const id = idOf(
      await goals(by, 'POST', '/proposals/key-results', {
        objectiveId: objective.id,
        draft: {
          title: secret ? marker(`${name}-proposed-key-result`) : 'Walk proposed key result',
          metric: percentage,
          owner: people[by],
        },
      }),
    );
    proposals[name] = {
      name,
      id,
      kind: 'key-result',
      proposer: by,
      for: objective.owner,
      visibility: objective.visibility,
    };
    return id;
  };
  /** A comment and a suggestion on a proposal: private texts when `what` names a secret. */
  const discuss = async (proposalId: string, by: Person, what: string | undefined) => {
    await goals(by, 'POST', `/proposals/${proposalId}/comments`, {
      text: what === undefined ? 'Walk comment' : marker(`${what}-comment`),
    });
    await goals(by, 'POST', `/proposals/${proposalId}/suggestions`, {
      text: what === undefined ? 'Walk suggestion' : marker(`${what}-suggestion`),
    });
  };

  /** One private objective and everything that hangs from it, by its lead. */
  const secret = async (
    name: ObjectiveName,
    lead: Person,
    owner: Owner,
    keyResultOwners: readonly Person[],
    contributor: Person,
    parent: ObjectiveFacts,
    /** Who proposes a key result for it and who discusses it; a personal objective takes none. */
    proposal?: Readonly<{ by: Person; discussedBy: Person }>,
  ) => {
    const objective = await define(name, lead, owner, 'private', keyResultOwners);
    const path = `/objectives/${objective.id}`;
    await goals(lead, 'PUT', `${path}/contributors/${people[contributor]}`);
    objective.contributors.push(contributor);
    await goals(lead, 'POST', `${path}/alignments`, { parentObjectiveId: parent.id });
    await goals(lead, 'PATCH', path, {
      title: marker(`${name}-renamed-title`),
      description: marker(`${name}-renamed-description`),
      reason: marker(`${name}-rename-reason`),
    });
    const [first] = objective.keyResults;
    await goals(lead, 'PATCH', `${path}/key-results/${first.id}`, {
      title: marker(`${name}-key-result-renamed`),
      reason: marker(`${name}-key-result-rename-reason`),
    });
    await goals(first.owner, 'POST', `${path}/key-results/${first.id}/progress`, { value: 40 });
    await goals(lead, 'POST', `${path}/review-notes`, {
      stage: 'mid-cycle',
      text: marker(`${name}-review-note`),
    });
    if (proposal !== undefined) {
      const proposalId = await proposeKeyResult(name as ProposalName, proposal.by, objective);
      await discuss(proposalId, proposal.discussedBy, name);
    }
    return objective;
  };
  const squadSecret = await secret(
    'squadSecret',
    'Pia',
    unitOwner('Checkout'),
    ['Max', 'Pia'],
    'Mia',
    objectives.tribe,
    { by: 'Max', discussedBy: 'Pia' },
  );
  await secret('guildSecret', 'Gus', unitOwner('Web'), ['Gus'], 'Cleo', objectives.company, {
    by: 'Gus',
    discussedBy: 'Ada',
  });
  const personalSecret = await secret(
    'personalSecret',
    'Max',
    personal('Max'),
    ['Max'],
    'Mia',
    objectives.checkout,
  );
  await secret('companySecret', 'Ada', company, ['Ada'], 'Pia', objectives.company, {
    by: 'Pia',
    discussedBy: 'Ada',
  });
  // A public objective aligned under a private one: its history names the private parent.
  await goals('Pia', 'POST', `/objectives/${objectives.checkout.id}/alignments`, {
    parentObjectiveId: squadSecret.id,
  });
  // A guild that follows a private objective sees nothing of it (issue 8, finding 1).
  await goals('Ada', 'PUT', `/objectives/${squadSecret.id}/followers/${units.Web.id}`);
  // A proposed objective as private as its draft.
  proposals.privateDraft = {
    name: 'privateDraft',
    id: idOf(
      await goals('Max', 'POST', '/proposals/objectives', {
        cycleId,
        unit: { kind: 'squad', id: units.Checkout.id },
        draft: {
          title: marker('private-draft-title'),
          description: marker('private-draft-description'),
          kind: 'aspirational',
          visibility: 'private',
        },
      }),
    ),
    kind: 'objective',
    proposer: 'Max',
    for: unitOwner('Checkout'),
    visibility: 'private',
  };
  await discuss(proposals.privateDraft.id, 'Pia', 'private-draft');
  // A public proposal, for the walkers' powers over what they may see.
  await discuss(await proposeKeyResult('checkout', 'Max', objectives.checkout), 'Pia', undefined);
  // Ambitions are their person's own: Max links his to what he works on.
  const hiddenAmbitionId = idOf(
    await goals('Max', 'POST', '/people/me/ambitions', {
      kind: 'growth',
      title: marker('ambition-title'),
      description: marker('ambition-description'),
    }),
  );
  for (const objective of [personalSecret, squadSecret]) {
    await goals('Max', 'POST', `/people/me/ambitions/${hiddenAmbitionId}/links`, {
      objectiveId: objective.id,
    });
  }
  // Sam lists himself on a public objective, as anyone may (the table of powers).
  await goals('Sam', 'PUT', `/objectives/${objectives.checkout.id}/contributors/${people.Sam}`);
  objectives.checkout.contributors.push('Sam');

  const secrets = Object.values(objectives).filter((o) => o.visibility === 'private');
  const hiddenProposals = Object.values(proposals).filter((p) => p.visibility === 'private');
  const titleOf = (name: ObjectiveName) => `${markerToken}-${name}-renamed-title`;
  const controls: Control[] = [
    ...secrets.map((o): Control => ({
      what: `the admin reads the private ${o.name} objective, renamed`,
      service: 'goals',
      as: 'Ada',
      path: `/objectives/${o.id}`,
      holds: [titleOf(o.name)],
    })),
    ...(
      [
        ['Max', 'squadSecret'],
        ['Pia', 'squadSecret'],
        ['Tara', 'squadSecret'],
        ['Mia', 'squadSecret'],
        ['Gus', 'guildSecret'],
        ['Cleo', 'guildSecret'],
        ['Max', 'personalSecret'],
        ['Pia', 'companySecret'],
      ] as const
    ).map(([person, name]): Control => ({
      what: `${person} sees the private ${name} objective`,
      service: 'goals',
      as: person,
      path: `/objectives/${objectives[name].id}`,
      holds: [titleOf(name)],
    })),
    ...secrets.map((o): Control => ({
      what: `the admin reads the history of the private ${o.name} objective`,
      service: 'goals',
      as: 'Ada',
      path: `/objectives/${o.id}/history`,
      holds: [`${markerToken}-${o.name}-rename-reason`],
    })),
    ...hiddenProposals.map((p): Control => ({
      what: `the admin reads the ${p.name} proposal and its comment`,
      service: 'goals',
      as: 'Ada',
      path: `/proposals/${p.id}`,
      holds: [`${markerToken}-${p.name === 'privateDraft' ? 'private-draft' : p.name}-comment`],
    })),
    {
      what: 'the product owner sees the private parent in the history of Checkout’s public objective',
      service: 'goals',
      as: 'Pia',
      path: `/objectives/${objectives.checkout.id}/history`,
      holds: [squadSecret.id],
    },
    {
      what: 'the admin’s OKR tree holds every private objective',
      service: 'goals',
      as: 'Ada',
      path: `/cycles/${cycleId}/tree`,
      holds: secrets.map((o) => o.id),
    },
    {
      what: 'Max reads his ambition, linked to his private objectives',
      service: 'goals',
      as: 'Max',
      path: '/people/me/ambitions',
      holds: [`${markerToken}-ambition-title`, personalSecret.id],
    },
    {
      what: 'Sam is listed on Checkout’s public objective',
      service: 'goals',
      as: 'Sam',
      path: `/objectives/${objectives.checkout.id}`,
      holds: [people.Sam],
    },
    {
      what: 'the admin reads Max’s e-mail address',
      service: 'org',
      as: 'Ada',
      path: `/people/${people.Max}`,
      holds: [emails.Max],
    },
  ];

  return {
    tenantId,
    markerToken,
    markers,
    startedAt,
    people,
    emails,
    units,
    cycleId,
    templateId,
    objectives,
    proposals,
    hiddenAmbitionId,
    hiddenIds: [
      ...secrets.flatMap((o) => [o.id, ...o.keyResults.map((k) => k.id)]),
      ...hiddenProposals.map((p) => p.id),
      hiddenAmbitionId,
    ],
    controls,
  };
};

/** A token of a person of the walk's organisation, with these roles. */
export const tokenFor = (
  organisation: WalkOrganisation,
  mint: TokenMinter,
  person: Person,
  roles: readonly string[],
): string => mint({ sub: organisation.people[person], tenant: organisation.tenantId, roles });
