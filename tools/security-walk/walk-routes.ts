import type { PowerColumn, PowerRow } from './written-powers';
import type {
  ObjectiveFacts,
  Owner,
  Person,
  ProposalFacts,
  UnitFacts,
  WalkOrganisation,
} from './walk-organisation';

/** Who walks: a person of the walk's organisation, with the roles their token carries. */
export type Walker = Readonly<{
  /** How the report names them, e.g. "a member of another squad (Eve)". */
  is: string;
  person: Person;
  roles: readonly string[];
}>;

/** The values a request is made of: path parameters and the body fields that name objects. */
export type Fill = Readonly<Record<string, string>>;

export type RouteContext = Readonly<{
  walker: Walker;
  organisation: WalkOrganisation;
  /** The walker's own ambition (an unknown id when they could not record one). */
  ownAmbitionId: string;
}>;

/** One power a request needs, the row of docs/security.md that says who holds it. */
export type Need = Readonly<{
  row: PowerRow;
  /** The walker's relations to the object the power is over: the columns of the table. */
  relations: readonly PowerColumn[];
  /** The object, for the report: "squad Checkout". */
  over: string;
}>;

/** What the walk knows of a write route: its body, and what the table says it needs. */
export type WriteRoute = Readonly<{
  /** Body fields that name an object (an objective, a person, an owner), filled as parameters. */
  bodySlots?: readonly string[];
  body?: (fill: Fill, context: RouteContext) => object;
  /** Every power the request needs by the written table; allowed when each is held. */
  needs: (fill: Fill, context: RouteContext) => readonly Need[];
  /**
   * Tried also where the table allows it, as it changes nobody's sight or powers (a rename to the
   * same name, a comment, a progress record). Other allowed requests are listed, not sent.
   */
  harmless?: boolean;
  /** The status of a refusal where it is not 403: another person's ambition is not found. */
  refusedWith?: (fill: Fill, context: RouteContext) => number;
  /**
   * A body that changes nothing (the name it has, the lead it has): a command that answers such a
   * request before it weighs the power lets anyone call it. Sent too where the table refuses, with
   * the same needs: it may not change what `needs` reads (a new owner is a slot, not this).
   * `current` is the objective of the fill as the walker reads it.
   */
  unchanged?: (
    fill: Fill,
    context: RouteContext,
    current: ObjectiveView | undefined,
  ) => object | undefined;
}>;

/** An objective as GET /objectives/{id} answers it: what an unchanged request repeats. */
export type ObjectiveView = Readonly<{
  title: string;
  description: string;
  visibility: string;
  owner: Readonly<{ kind: string; id: string }>;
  keyResults: readonly Readonly<{
    keyResultId: string;
    title: string;
    owner: string;
    weight: number;
    current: number;
    metric: Readonly<{ target: number }>;
  }>[];
}>;

const keyResultIn = (current: ObjectiveView | undefined, fill: Fill) =>
  current?.keyResults?.find((keyResult) => keyResult.keyResultId === fill.keyResultId);

// --- What the walk knows of its organisation, by id ---

export const objectiveById = (
  organisation: WalkOrganisation,
  id: string,
): ObjectiveFacts | undefined => Object.values(organisation.objectives).find((o) => o.id === id);

export const proposalById = (
  organisation: WalkOrganisation,
  id: string,
): ProposalFacts | undefined => Object.values(organisation.proposals).find((p) => p.id === id);

export const unitById = (organisation: WalkOrganisation, id: string): UnitFacts | undefined =>
  Object.values(organisation.units).find((unit) => unit.id === id);

export const personById = (organisation: WalkOrganisation, id: string): Person | undefined =>
  (Object.entries(organisation.people) as [Person, string][]).find(
    ([, known]) => known === id,
  )?.[0];

/** The owner an id names: the company (the tenant), a unit or a person. */
export const ownerById = (organisation: WalkOrganisation, id: string): Owner | undefined => {
  if (id === organisation.tenantId) return { kind: 'company', id };
  const unit = unitById(organisation, id);
  if (unit) return { kind: unit.kind, id, unit: unit.name };
  const person = personById(organisation, id);
  return person ? { kind: 'person', id, person } : undefined;
};

const nameOf = (owner: Owner | undefined): string =>
  owner === undefined
    ? 'nobody'
    : owner.kind === 'company'
      ? 'the company'
      : owner.kind === 'person'
        ? `${owner.person}`
        : `${owner.kind} ${owner.unit}`;

// --- The walker's relations: the columns of the table of powers ---

/** Whether the token carries a role the services know: unknown roles grant nothing. */
const knowsRole = (walker: Walker) =>
  walker.roles.includes('admin') || walker.roles.includes('member');

/** What every person of the organisation is, whatever the object: a member (and an admin). */
const anyone = (walker: Walker): PowerColumn[] =>
  knowsRole(walker)
    ? ['member', ...(walker.roles.includes('admin') ? ['admin' as const] : [])]
    : [];

const when = (holds: boolean, column: PowerColumn, walker: Walker): PowerColumn[] =>
  holds && knowsRole(walker) ? [column] : [];

/** The walker's relations to an org unit (the org rows: the tribe lead of a squad's tribe too). */
const unitRelations = (
  walker: Walker,
  organisation: WalkOrganisation,
  unit: UnitFacts | undefined,
): PowerColumn[] => {
  if (unit === undefined) return anyone(walker);
  const leads = unit.leads.includes(walker.person);
  const tribeLead =
    unit.kind === 'tribe'
      ? leads
      : unit.tribe !== undefined && organisation.units[unit.tribe].leads.includes(walker.person);
  const own = {
    tribe: 'tribe lead',
    squad: 'product owner',
    chapter: 'chapter lead',
    guild: 'guild coordinator',
  } as const;
  return [
    ...anyone(walker),
    ...when(tribeLead, 'tribe lead', walker),
    ...when(leads && unit.kind !== 'tribe', own[unit.kind], walker),
  ];
};

/**
 * The walker's relations to an objective's owner (the goals rows): the lead of the unit that
 * owns it, or the person whose objective it is. The lead of a unit above is a member here.
 */
const ownerRelations = (
  walker: Walker,
  organisation: WalkOrganisation,
  owner: Owner | undefined,
): PowerColumn[] => {
  if (owner === undefined || owner.kind === 'company') return anyone(walker);
  if (owner.kind === 'person') {
    return [
      ...anyone(walker),
      ...when(owner.person === walker.person, 'the person themselves', walker),
    ];
  }
  const leads = organisation.units[owner.unit].leads.includes(walker.person);
  const column = {
    tribe: 'tribe lead',
    squad: 'product owner',
    chapter: 'chapter lead',
    guild: 'guild coordinator',
  } as const;
  return [...anyone(walker), ...when(leads, column[owner.kind], walker)];
};

/** Those accountable for an objective: who own one of its key results or contribute. */
const accountable = (walker: Walker, objective: ObjectiveFacts | undefined) =>
  objective !== undefined &&
  (objective.contributors.includes(walker.person) ||
    objective.keyResults.some((keyResult) => keyResult.owner === walker.person));

// --- The routes ---

const percentage = { type: 'percentage', unit: '%', start: 0, target: 100, direction: 'increase' };
const reason = { reason: 'Walked by the security walk' };

type Context = RouteContext;
const need = (
  command: string,
  relations: readonly PowerColumn[],
  over: string,
  rowSays?: string,
): Need => ({
  row: rowSays === undefined ? { command } : { command, rowSays },
  relations,
  over,
});

/** A command on one objective, held to its owner's lead (and, for some, those accountable). */
const onObjective =
  (command: string, also: 'accountable' | 'none' = 'none') =>
  (fill: Fill, { walker, organisation }: Context): Need[] => {
    const objective = objectiveById(organisation, fill.objectiveId);
    const relations = ownerRelations(walker, organisation, objective?.owner);
    const themselves =
      also === 'accountable'
        ? when(accountable(walker, objective), 'the person themselves', walker)
        : [];
    return [
      need(
        command,
        [...relations, ...themselves],
        `objective ${objective?.name ?? fill.objectiveId}`,
      ),
    ];
  };

const onCycle =
  (command: string) =>
  (_: Fill, { walker }: Context) => [need(command, anyone(walker), 'the cycle')];

/** A proposal's lead: the lead of the unit it is for (for a key result, its objective's owner). */
const onProposal =
  (command: string, who: 'lead' | 'proposer' | 'anyone') =>
  (fill: Fill, { walker, organisation }: Context): Need[] => {
    const proposal = proposalById(organisation, fill.proposalId);
    const over = `proposal ${proposal?.name ?? fill.proposalId}`;
    if (who === 'anyone') return [need(command, anyone(walker), over)];
    if (who === 'proposer') {
      return [
        need(
          command,
          [
            ...anyone(walker),
            ...when(proposal?.proposer === walker.person, 'the person themselves', walker),
          ],
          over,
        ),
      ];
    }
    const relations = ownerRelations(walker, organisation, proposal?.for).filter(
      (relation) => relation !== 'the person themselves',
    );
    return [need(command, relations, over)];
  };

/** One's own ambition, and only that: another's answers as not found. */
const onAmbition =
  (command: string) =>
  (fill: Fill, { walker, ownAmbitionId }: Context) => [
    need(
      command,
      [
        ...anyone(walker),
        ...when(fill.ambitionId === ownAmbitionId, 'the person themselves', walker),
      ],
      fill.ambitionId === ownAmbitionId ? 'their own ambition' : 'another person’s ambition',
    ),
  ];
const anotherAmbitionIsNotFound = (fill: Fill, { walker, ownAmbitionId }: Context) =>
  knowsRole(walker) && fill.ambitionId !== ownAmbitionId ? 404 : 403;

const defineRowSays = (owner: Owner | undefined) =>
  owner?.kind === 'company'
    ? 'Set a company objective'
    : owner?.kind === 'person'
      ? 'Set a personal objective'
      : "Set a tribe's";

const defines = (fill: Fill, { walker, organisation }: Context) => {
  const owner = ownerById(organisation, fill.owner);
  return [
    need(
      'DefineObjective',
      ownerRelations(walker, organisation, owner),
      nameOf(owner),
      defineRowSays(owner),
    ),
  ];
};

const ownerBody = (organisation: WalkOrganisation, id: string) => {
  const owner = ownerById(organisation, id);
  return { kind: owner?.kind ?? 'squad', id };
};

/** The goals API's write routes, by `METHOD /path` of its OpenAPI document. */
export const goalsWrites: Readonly<Record<string, WriteRoute>> = {
  'POST /cycles': {
    needs: onCycle('PlanCycle'),
    body: () => ({
      cycleId: `walked-${Date.now().toString(36)}`,
      name: 'Walked cycle',
      startsOn: '2026-04-01',
      endsOn: '2026-06-30',
    }),
  },
  'PUT /cycles/{cycleId}/schedule': {
    needs: onCycle('RescheduleCycle'),
    body: () => ({ startsOn: '2026-01-01', endsOn: '2026-03-31' }),
  },
  'PUT /cycles/{cycleId}/scoring-rule': {
    needs: onCycle('ChangeScoringRule'),
    body: () => ({ scoringRule: { kind: 'linear' } }),
  },
  'POST /cycles/{cycleId}/activate': { needs: onCycle('ActivateCycle') },
  'POST /cycles/{cycleId}/review': { needs: onCycle('StartCycleReview') },
  'POST /cycles/{cycleId}/reopen': { needs: onCycle('ReopenCycle'), body: () => reason },
  'POST /cycles/{cycleId}/close': { needs: onCycle('CloseCycle') },
  'POST /objectives': {
    bodySlots: ['owner'],
    needs: defines,
    harmless: true,
    body: (fill, { organisation }) => ({
      cycleId: organisation.cycleId,
      title: 'Walked objective',
      owner: ownerBody(organisation, fill.owner),
      kind: 'aspirational',
    }),
  },
  'POST /objectives/from-template': {
    bodySlots: ['owner'],
    needs: defines,
    harmless: true,
    body: (fill, { organisation, walker }) => ({
      templateId: organisation.templateId,
      cycleId: organisation.cycleId,
      owner: ownerBody(organisation, fill.owner),
      keyResults: [{ index: 0, baseline: 1, owner: organisation.people[walker.person] }],
    }),
  },
  'POST /objectives/{objectiveId}/activate': { needs: onObjective('ActivateObjective') },
  'PATCH /objectives/{objectiveId}': {
    needs: onObjective('RenameObjective'),
    harmless: true,
    unchanged: (_, __, current) =>
      current && { title: current.title, description: current.description },
    body: () => ({ title: 'Walked title', ...reason }),
  },
  'PUT /objectives/{objectiveId}/owner': {
    bodySlots: ['owner'],
    needs: (fill, { walker, organisation }) => {
      const objective = objectiveById(organisation, fill.objectiveId);
      const to = ownerById(organisation, fill.owner);
      return [
        need(
          'ChangeObjectiveOwner',
          ownerRelations(walker, organisation, objective?.owner),
          nameOf(objective?.owner),
        ),
        need('ChangeObjectiveOwner', ownerRelations(walker, organisation, to), nameOf(to)),
      ];
    },
    body: (fill, { organisation }) => ({ owner: ownerBody(organisation, fill.owner), ...reason }),
  },
  'PUT /objectives/{objectiveId}/visibility': {
    needs: onObjective('ChangeObjectiveVisibility'),
    unchanged: (_, __, current) => current && { visibility: current.visibility },
    body: (fill, { organisation }) => ({
      visibility:
        objectiveById(organisation, fill.objectiveId)?.visibility === 'public'
          ? 'private'
          : 'public',
    }),
  },
  'POST /objectives/{objectiveId}/review-notes': {
    needs: onObjective('RecordReviewNote', 'accountable'),
    harmless: true,
    body: () => ({ stage: 'mid-cycle', text: 'Walked note' }),
  },
  'POST /objectives/{objectiveId}/score': { needs: onObjective('ScoreObjective') },
  'PUT /objectives/{objectiveId}/retrospective': {
    needs: onObjective('RecordRetrospective', 'accountable'),
    harmless: true,
    body: () => ({ wentWell: 'Walking', learned: 'Walking', doDifferently: 'Walk more' }),
  },
  'POST /objectives/{objectiveId}/abandon': {
    needs: onObjective('AbandonObjective'),
    body: () => reason,
  },
  'POST /objectives/{objectiveId}/key-results': {
    needs: onObjective('AddKeyResult'),
    body: (_, { organisation, walker }) => ({
      title: 'Walked key result',
      metric: percentage,
      owner: organisation.people[walker.person],
    }),
  },
  'PATCH /objectives/{objectiveId}/key-results/{keyResultId}': {
    needs: onObjective('RenameKeyResult'),
    unchanged: (fill, _, current) => {
      const keyResult = keyResultIn(current, fill);
      return keyResult && { title: keyResult.title };
    },
    harmless: true,
    body: () => ({ title: 'Walked key result', ...reason }),
  },
  'DELETE /objectives/{objectiveId}/key-results/{keyResultId}': {
    needs: onObjective('DropKeyResult'),
    body: () => reason,
  },
  'PUT /objectives/{objectiveId}/key-results/{keyResultId}/target': {
    needs: onObjective('AdjustKeyResultTarget'),
    unchanged: (fill, _, current) => {
      const keyResult = keyResultIn(current, fill);
      return keyResult && { target: keyResult.metric.target };
    },
    harmless: true,
    body: () => ({ target: 120, ...reason }),
  },
  'PUT /objectives/{objectiveId}/key-results/{keyResultId}/owner': {
    needs: onObjective('ChangeKeyResultOwner'),
    unchanged: (fill, _, current) => {
      const keyResult = keyResultIn(current, fill);
      return keyResult && { owner: keyResult.owner };
    },
    body: (_, { organisation, walker }) => ({
      owner: organisation.people[walker.person],
      ...reason,
    }),
  },
  'PUT /objectives/{objectiveId}/key-results/{keyResultId}/weight': {
    needs: onObjective('ReweighKeyResult'),
    unchanged: (fill, _, current) => {
      const keyResult = keyResultIn(current, fill);
      return keyResult && { weight: keyResult.weight };
    },
    harmless: true,
    body: () => ({ weight: 2, ...reason }),
  },
  'POST /objectives/{objectiveId}/key-results/{keyResultId}/progress': {
    needs: onObjective('RecordProgress', 'accountable'),
    unchanged: (fill, _, current) => {
      const keyResult = keyResultIn(current, fill);
      return keyResult && { value: keyResult.current };
    },
    harmless: true,
    body: () => ({ value: 10 }),
  },
  'PUT /objectives/{objectiveId}/key-results/{keyResultId}/score': {
    needs: onObjective('OverrideKeyResultScore'),
    body: () => ({ score: 0.5, ...reason }),
  },
  'POST /objectives/{objectiveId}/alignments': {
    bodySlots: ['parentObjectiveId'],
    needs: onObjective('AlignObjective'),
    body: (fill) => ({ parentObjectiveId: fill.parentObjectiveId }),
  },
  'DELETE /objectives/{objectiveId}/alignments/{parentObjectiveId}': {
    needs: onObjective('UnalignObjective'),
    body: () => reason,
  },
  'PUT /objectives/{objectiveId}/followers/{guildId}': {
    needs: (fill, { walker, organisation }) => [
      need(
        'FollowObjective',
        [
          ...anyone(walker),
          ...when(
            unitById(organisation, fill.guildId)?.leads.includes(walker.person) ?? false,
            'guild coordinator',
            walker,
          ),
        ],
        'the guild',
      ),
    ],
  },
  'DELETE /objectives/{objectiveId}/followers/{guildId}': {
    needs: (fill, { walker, organisation }) => [
      need(
        'UnfollowObjective',
        [
          ...anyone(walker),
          ...when(
            unitById(organisation, fill.guildId)?.leads.includes(walker.person) ?? false,
            'guild coordinator',
            walker,
          ),
        ],
        'the guild',
      ),
    ],
  },
  'PUT /objectives/{objectiveId}/contributors/{personId}': {
    needs: (fill, context) => {
      const { walker, organisation } = context;
      const objective = objectiveById(organisation, fill.objectiveId);
      const oneself =
        fill.personId === organisation.people[walker.person] && objective?.visibility === 'public';
      return [
        need(
          'AddContributor',
          [
            ...ownerRelations(walker, organisation, objective?.owner),
            ...when(oneself, 'the person themselves', walker),
          ],
          `objective ${objective?.name ?? fill.objectiveId}`,
        ),
      ];
    },
  },
  'DELETE /objectives/{objectiveId}/contributors/{personId}': {
    needs: (fill, { walker, organisation }) => {
      const objective = objectiveById(organisation, fill.objectiveId);
      const themselves = fill.personId === organisation.people[walker.person];
      return [
        need(
          'RemoveContributor',
          [
            ...ownerRelations(walker, organisation, objective?.owner),
            ...when(themselves, 'the person themselves', walker),
          ],
          `objective ${objective?.name ?? fill.objectiveId}`,
        ),
      ];
    },
  },
  'POST /proposals/objectives': {
    bodySlots: ['unit'],
    needs: (fill, { walker, organisation }) => [
      need('ProposeObjective', anyone(walker), nameOf(ownerById(organisation, fill.unit))),
    ],
    harmless: true,
    body: (fill, { organisation }) => ({
      cycleId: organisation.cycleId,
      unit: ownerBody(organisation, fill.unit),
      draft: { title: 'Walked proposal', kind: 'aspirational' },
    }),
  },
  'POST /proposals/key-results': {
    bodySlots: ['objectiveId'],
    needs: (fill, { walker, organisation }) => [
      need(
        'ProposeKeyResult',
        anyone(walker),
        `objective ${objectiveById(organisation, fill.objectiveId)?.name ?? fill.objectiveId}`,
      ),
    ],
    harmless: true,
    body: (fill, { organisation, walker }) => ({
      objectiveId: fill.objectiveId,
      draft: {
        title: 'Walked proposal',
        metric: percentage,
        owner: organisation.people[walker.person],
      },
    }),
  },
  'POST /proposals/{proposalId}/comments': {
    needs: onProposal('CommentOnProposal', 'anyone'),
    harmless: true,
    body: () => ({ text: 'Walked comment' }),
  },
  'POST /proposals/{proposalId}/suggestions': {
    needs: onProposal('SuggestChange', 'anyone'),
    harmless: true,
    body: () => ({ text: 'Walked suggestion' }),
  },
  'POST /proposals/{proposalId}/revisions': {
    needs: onProposal('ReviseProposal', 'proposer'),
    body: (fill, { organisation, walker }) =>
      proposalById(organisation, fill.proposalId)?.kind === 'objective'
        ? { objective: { title: 'Walked draft', kind: 'aspirational' } }
        : {
            keyResult: {
              title: 'Walked draft',
              metric: percentage,
              owner: organisation.people[walker.person],
            },
          },
  },
  'POST /proposals/{proposalId}/resubmit': { needs: onProposal('ResubmitProposal', 'proposer') },
  'POST /proposals/{proposalId}/approve': { needs: onProposal('ApproveProposal', 'lead') },
  'POST /proposals/{proposalId}/return': {
    needs: onProposal('ReturnProposal', 'lead'),
    body: () => reason,
  },
  'POST /proposals/{proposalId}/withdraw': {
    needs: onProposal('WithdrawProposal', 'proposer'),
    body: () => reason,
  },
  'POST /people/me/ambitions': {
    needs: (_, { walker }) => [
      need(
        'RecordAmbition',
        [...anyone(walker), ...when(true, 'the person themselves', walker)],
        'their own ambition',
      ),
    ],
    harmless: true,
    body: () => ({ kind: 'growth', title: 'Walk every route' }),
  },
  'PATCH /people/me/ambitions/{ambitionId}': {
    needs: onAmbition('ReviseAmbition'),
    refusedWith: anotherAmbitionIsNotFound,
    harmless: true,
    body: () => ({ title: 'Walk every route twice' }),
  },
  'POST /people/me/ambitions/{ambitionId}/links': {
    bodySlots: ['objectiveId', 'keyResultId'],
    needs: onAmbition('LinkAmbition'),
    refusedWith: anotherAmbitionIsNotFound,
    body: (fill) => ({
      objectiveId: fill.objectiveId,
      ...(fill.keyResultId ? { keyResultId: fill.keyResultId } : {}),
    }),
  },
  'DELETE /people/me/ambitions/{ambitionId}/links/{objectiveId}': {
    needs: onAmbition('UnlinkAmbition'),
    refusedWith: anotherAmbitionIsNotFound,
  },
  'DELETE /people/me/ambitions/{ambitionId}/links/{objectiveId}/key-results/{keyResultId}': {
    needs: onAmbition('UnlinkAmbition'),
    refusedWith: anotherAmbitionIsNotFound,
  },
  'POST /people/me/ambitions/{ambitionId}/close': {
    needs: onAmbition('CloseAmbition'),
    refusedWith: anotherAmbitionIsNotFound,
    body: () => ({ outcome: 'set-aside', note: 'Walked' }),
  },
  'POST /boards': {
    bodySlots: ['kind', 'unitId'],
    needs: (fill, { walker, organisation }) => {
      const owner = ownerById(organisation, fill.unitId);
      return [need('CreateBoard', ownerRelations(walker, organisation, owner), nameOf(owner))];
    },
    // A board changes nobody's sight or powers: it shows public objectives only (ADR 0052).
    harmless: true,
    body: (fill, { organisation }) => ({
      scope: { kind: fill.kind, unitId: fill.unitId },
      cycleId: organisation.cycleId,
    }),
  },
  'DELETE /boards/{boardId}': {
    needs: (_, { walker }) => [need('RevokeBoard', anyone(walker), 'a board')],
    // A board the caller may not manage answers as one that does not exist.
    refusedWith: () => 404,
  },
};

// --- Org ---

const onUnit =
  (command: string, slot: string) =>
  (fill: Fill, { walker, organisation }: Context): Need[] => {
    const unit = unitById(organisation, fill[slot]);
    return [
      need(
        command,
        unitRelations(walker, organisation, unit),
        unit ? `${unit.kind} ${unit.name}` : fill[slot],
      ),
    ];
  };

const onOrganisation =
  (command: string) =>
  (_: Fill, { walker }: Context) => [need(command, anyone(walker), 'the organisation')];

/** A command about a person: "the person themselves" when it is the walker. */
const onPerson =
  (command: string, themselvesHold: boolean) =>
  (fill: Fill, { walker, organisation }: Context) => [
    need(
      command,
      [
        ...anyone(walker),
        ...when(
          themselvesHold && fill.personId === organisation.people[walker.person],
          'the person themselves',
          walker,
        ),
      ],
      personById(organisation, fill.personId) ?? fill.personId,
    ),
  ];

/** Where a person is now: the squads and chapters a move takes them out of. */
const unitsOf = (organisation: WalkOrganisation, personId: string, kind: 'squad' | 'chapter') => {
  const person = personById(organisation, personId);
  return Object.values(organisation.units).filter(
    (unit) => unit.kind === kind && person !== undefined && unit.members.includes(person),
  );
};

/** Appointing the lead a unit has. */
const currentLead =
  (slot: string) =>
  (fill: Fill, { organisation }: Context) => {
    const lead = unitById(organisation, fill[slot])?.leads[0];
    return lead && { personId: organisation.people[lead] };
  };

const sameName =
  (slot: string) =>
  (fill: Fill, { organisation }: Context) => ({
    name: unitById(organisation, fill[slot])?.name ?? 'Walked',
  });

/** The org API's write routes, by `METHOD /path` of its OpenAPI document. */
export const orgWrites: Readonly<Record<string, WriteRoute>> = {
  'POST /organisation': {
    needs: onOrganisation('EstablishOrganisation'),
    body: () => ({ name: 'Walked' }),
  },
  'PUT /organisation/name': {
    needs: onOrganisation('RenameOrganisation'),
    body: () => ({ name: 'Walked' }),
  },
  'POST /people': {
    needs: onOrganisation('JoinOrganisation'),
    body: () => ({ name: 'Walked Guest', email: 'walked.guest@walk.test' }),
  },
  'PATCH /people/{personId}': {
    needs: onPerson('UpdatePersonProfile', true),
    harmless: true,
    body: (fill, { organisation }) => ({
      name: personById(organisation, fill.personId) ?? 'Walked',
    }),
  },
  'POST /people/{personId}/leave': {
    needs: onPerson('LeaveOrganisation', false),
    body: () => reason,
  },
  'DELETE /people/{personId}/personal-data': { needs: onPerson('ErasePersonalData', true) },
  'POST /tribes': { needs: onOrganisation('FormTribe'), body: () => ({ name: 'Walked tribe' }) },
  'PUT /tribes/{tribeId}/name': {
    needs: onUnit('RenameTribe', 'tribeId'),
    harmless: true,
    body: sameName('tribeId'),
  },
  'PUT /tribes/{tribeId}/lead': {
    needs: onUnit('AppointTribeLead', 'tribeId'),
    unchanged: currentLead('tribeId'),
    body: (_, { organisation, walker }) => ({ personId: organisation.people[walker.person] }),
  },
  'POST /tribes/{tribeId}/dissolve': {
    needs: onUnit('DissolveTribe', 'tribeId'),
    body: () => reason,
  },
  'POST /squads': {
    bodySlots: ['tribeId'],
    needs: onUnit('FormSquad', 'tribeId'),
    body: (fill) => ({ tribeId: fill.tribeId, name: 'Walked squad' }),
  },
  'PUT /squads/{squadId}/name': {
    needs: onUnit('RenameSquad', 'squadId'),
    harmless: true,
    body: sameName('squadId'),
  },
  'PUT /squads/{squadId}/product-owner': {
    needs: onUnit('AppointProductOwner', 'squadId'),
    unchanged: currentLead('squadId'),
    body: (_, { organisation, walker }) => ({ personId: organisation.people[walker.person] }),
  },
  'POST /squads/{squadId}/move': {
    bodySlots: ['toTribeId'],
    // "✓ of both tribes": the lead of the tribe it leaves and of the one it joins.
    needs: (fill, context) => {
      const squad = unitById(context.organisation, fill.squadId);
      const from =
        squad?.tribe === undefined ? undefined : context.organisation.units[squad.tribe].id;
      return [
        ...onUnit('MoveSquad', 'from')({ from: from ?? fill.squadId }, context),
        ...onUnit('MoveSquad', 'toTribeId')(fill, context),
      ];
    },
    body: (fill) => ({ toTribeId: fill.toTribeId }),
  },
  'POST /squads/{squadId}/dissolve': {
    needs: onUnit('DissolveSquad', 'squadId'),
    body: () => reason,
  },
  'POST /chapters': {
    bodySlots: ['tribeId'],
    needs: onUnit('FormChapter', 'tribeId'),
    body: (fill) => ({ tribeId: fill.tribeId, name: 'Walked chapter', craft: 'walking' }),
  },
  'PUT /chapters/{chapterId}/name': {
    needs: onUnit('RenameChapter', 'chapterId'),
    harmless: true,
    body: sameName('chapterId'),
  },
  'PUT /chapters/{chapterId}/lead': {
    needs: onUnit('AppointChapterLead', 'chapterId'),
    unchanged: currentLead('chapterId'),
    body: (_, { organisation, walker }) => ({ personId: organisation.people[walker.person] }),
  },
  'POST /chapters/{chapterId}/dissolve': {
    needs: onUnit('DissolveChapter', 'chapterId'),
    body: () => reason,
  },
  'POST /guilds': { needs: onOrganisation('FormGuild'), body: () => ({ name: 'Walked guild' }) },
  'PUT /guilds/{guildId}/name': {
    needs: onUnit('RenameGuild', 'guildId'),
    harmless: true,
    body: sameName('guildId'),
  },
  'POST /guilds/{guildId}/coordinators': {
    needs: onUnit('AddGuildCoordinator', 'guildId'),
    body: (_, { organisation, walker }) => ({ personId: organisation.people[walker.person] }),
  },
  'DELETE /guilds/{guildId}/coordinators/{personId}': {
    needs: onPerson('RemoveGuildCoordinator', true),
  },
  'POST /guilds/{guildId}/dissolve': {
    needs: onUnit('DissolveGuild', 'guildId'),
    body: () => reason,
  },
  'POST /squads/{squadId}/members': {
    bodySlots: ['personId'],
    // A move: also the powers to take them out of their squad, and of their chapter when the
    // squad they join is in another tribe (docs/security.md, Powers).
    needs: (fill, context) => {
      const { organisation } = context;
      const squad = unitById(organisation, fill.squadId);
      const leaves = unitsOf(organisation, fill.personId, 'squad').filter(
        (from) => from.id !== fill.squadId,
      );
      const otherTribe = leaves.some((from) => from.tribe !== squad?.tribe);
      return [
        ...onUnit('JoinSquad', 'squadId')(fill, context),
        ...leaves.flatMap((from) => onUnit('LeaveSquad', 'from')({ from: from.id }, context)),
        ...(otherTribe
          ? unitsOf(organisation, fill.personId, 'chapter').flatMap((chapter) =>
              onUnit('LeaveChapter', 'from')({ from: chapter.id }, context),
            )
          : []),
      ];
    },
    body: (fill) => ({ personId: fill.personId }),
  },
  'DELETE /squads/{squadId}/members/{personId}': {
    needs: onUnit('LeaveSquad', 'squadId'),
    body: () => reason,
  },
  'POST /chapters/{chapterId}/members': {
    bodySlots: ['personId'],
    needs: onUnit('JoinChapter', 'chapterId'),
    body: (fill) => ({ personId: fill.personId }),
  },
  'DELETE /chapters/{chapterId}/members/{personId}': {
    needs: onUnit('LeaveChapter', 'chapterId'),
    body: () => reason,
  },
  'POST /guilds/{guildId}/members': {
    bodySlots: ['personId'],
    needs: (fill, context) => [
      need(
        'JoinGuild',
        [
          ...onUnit('JoinGuild', 'guildId')(fill, context)[0].relations,
          ...when(
            fill.personId === context.organisation.people[context.walker.person],
            'the person themselves',
            context.walker,
          ),
        ],
        'guild Web',
      ),
    ],
    body: (fill) => ({ personId: fill.personId }),
  },
  'DELETE /guilds/{guildId}/members/{personId}': {
    needs: (fill, context) => [
      need(
        'LeaveGuild',
        [
          ...onUnit('LeaveGuild', 'guildId')(fill, context)[0].relations,
          ...when(
            fill.personId === context.organisation.people[context.walker.person],
            'the person themselves',
            context.walker,
          ),
        ],
        'guild Web',
      ),
    ],
  },
};
