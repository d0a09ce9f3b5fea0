import { linearRule, type Actor, type Unit } from '@rhythm/goals-domain';
import type { DirectoryPerson, DirectoryUnit } from '../../application/org-directory.port';
import { draftOf, FixedOrgDirectory, type GoalsScenario } from './goals-scenario';

/**
 * One quarter of Acme's OKRs for read-side tests. Tribe Payments (lead tom) holds squad Checkout
 * (product owner ann; bob a member) and chapter Backend (lead cid, who works in squad Onboarding
 * of tribe Growth); eve is in squad Onboarding; gus coordinates the security guild (bob a member);
 * olga is an admin.
 *
 *   C  company  "Improve customer satisfaction"      csat 70→90
 *   └ T  tribe Payments "Delight payment customers"   refunds 48→24 h (decrease)
 *     ├ S  squad Checkout "Effortless checkout"        conversion 60→75 % (w2), nps 31→41 (w1)
 *     └ P  squad Checkout PRIVATE "Replace the payment provider"   migrated (milestone)
 *   O  squad Onboarding "Faster onboarding" (aligned to nothing)
 *   B  person bob PRIVATE "Learn Rust"
 */
export const cycleId = 'q1';
export const ids = {
  company: 'improve-csat',
  tribe: 'delight-payments',
  squad: 'effortless-checkout',
  private: 'replace-provider',
  onboarding: 'faster-onboarding',
  personal: 'learn-rust',
} as const;

const unit = (kind: Unit['kind'], id: string): Unit => ({ kind, id });
const payments = unit('tribe', 'payments');
const checkout = unit('squad', 'checkout');
const backend = unit('chapter', 'backend');
const security = unit('guild', 'security');

export const actors = {
  olga: { personId: 'olga', isAdmin: true, leads: [] },
  ann: { personId: 'ann', isAdmin: false, leads: [checkout] },
  tom: { personId: 'tom', isAdmin: false, leads: [payments] },
  cid: { personId: 'cid', isAdmin: false, leads: [backend] },
  gus: { personId: 'gus', isAdmin: false, leads: [security] },
  bob: { personId: 'bob', isAdmin: false, leads: [] },
  eve: { personId: 'eve', isAdmin: false, leads: [] },
} satisfies Record<string, Actor>;

const directoryUnit = (
  u: Unit,
  name: string,
  leadIds: string[],
  memberIds: string[],
  tribeId?: string,
): DirectoryUnit => ({
  kind: u.kind,
  id: u.id,
  name,
  leadIds,
  memberIds,
  status: 'active',
  ...(tribeId === undefined ? {} : { tribeId }),
});

const person = (
  personId: string,
  fields: Partial<Omit<DirectoryPerson, 'personId' | 'name' | 'status'>> = {},
): DirectoryPerson => ({
  personId,
  name: personId[0].toUpperCase() + personId.slice(1),
  tribeIds: [],
  guildIds: [],
  leads: [],
  status: 'active',
  ...fields,
});

export const acmeDirectory = () =>
  new FixedOrgDirectory(
    [
      directoryUnit(payments, 'Payments', ['tom'], []),
      directoryUnit(unit('tribe', 'growth'), 'Growth', [], []),
      directoryUnit(checkout, 'Checkout', ['ann'], ['ann', 'bob'], 'payments'),
      directoryUnit(unit('squad', 'onboarding'), 'Onboarding', [], ['eve', 'cid'], 'growth'),
      directoryUnit(backend, 'Backend', ['cid'], ['bob', 'cid'], 'payments'),
      directoryUnit(security, 'Security', ['gus'], ['bob', 'gus']),
    ],
    [
      person('olga'),
      person('ann', { squadId: 'checkout', tribeIds: ['payments'], leads: [checkout] }),
      person('tom', { leads: [payments] }),
      person('bob', {
        squadId: 'checkout',
        chapterId: 'backend',
        tribeIds: ['payments'],
        guildIds: ['security'],
      }),
      person('cid', {
        squadId: 'onboarding',
        chapterId: 'backend',
        tribeIds: ['growth', 'payments'],
        leads: [backend],
      }),
      person('eve', { squadId: 'onboarding', tribeIds: ['growth'] }),
      person('gus', { guildIds: ['security'], leads: [security] }),
    ],
  );

/** When the NPS target was lowered, and a moment before it. */
export const moments = {
  beforeTargetLowered: '2026-02-05T00:00:00.000Z',
  targetLowered: '2026-02-10T09:00:00Z',
  afterProgress: '2026-02-21T00:00:00.000Z',
} as const;

export const targetLoweredReason = 'The NPS survey moved to the second quarter';

const number = (unitName: string, start: number, target: number) => ({
  type: 'number' as const,
  unit: unitName,
  start,
  target,
  direction: start < target ? ('increase' as const) : ('decrease' as const),
});
const milestone = {
  type: 'milestone' as const,
  unit: '',
  start: 0,
  target: 1,
  direction: 'increase' as const,
};

/** Plays the quarter through the deciders into the event store. */
export const playAcmeQuarter = async (s: GoalsScenario, tenantId: string): Promise<void> => {
  const { olga, ann, tom, cid, gus, bob, eve } = actors;
  await s.planCycle(olga, '2026-01-01T09:00:00Z', cycleId, 'Q1 2026', linearRule);
  await s.cycle(olga, '2026-01-02T09:00:00Z', { type: 'ActivateCycle', data: { cycleId } });

  await s.setObjective(olga, '2026-01-03T09:00:00Z', {
    objectiveId: ids.company,
    cycleId,
    title: 'Improve customer satisfaction',
    owner: { kind: 'company', id: tenantId },
    keyResults: [
      {
        keyResultId: 'csat',
        title: 'Raise CSAT to 90',
        metric: number('points', 70, 90),
        owner: 'olga',
        weight: 1,
      },
    ],
  });
  await s.setObjective(tom, '2026-01-03T10:00:00Z', {
    objectiveId: ids.tribe,
    cycleId,
    title: 'Delight payment customers',
    owner: payments,
    keyResults: [
      {
        keyResultId: 'refund-time',
        title: 'Refund within 24 hours',
        metric: number('hours', 48, 24),
        owner: 'tom',
        weight: 1,
      },
    ],
  });
  await s.align(tom, '2026-01-03T11:00:00Z', ids.tribe, ids.company);
  await s.setObjective(ann, '2026-01-04T09:00:00Z', {
    objectiveId: ids.squad,
    cycleId,
    title: 'Effortless checkout',
    owner: checkout,
    keyResults: [
      {
        keyResultId: 'conversion',
        title: 'Raise checkout conversion to 75%',
        metric: { type: 'percentage', unit: '%', start: 60, target: 75, direction: 'increase' },
        owner: 'bob',
        weight: 2,
      },
      {
        keyResultId: 'nps',
        title: 'Raise NPS by 10 points',
        metric: number('points', 31, 41),
        owner: 'bob',
        weight: 1,
      },
    ],
  });
  await s.align(ann, '2026-01-04T09:30:00Z', ids.squad, ids.tribe);
  await s.setObjective(ann, '2026-01-04T10:00:00Z', {
    objectiveId: ids.private,
    cycleId,
    title: 'Replace the payment provider',
    owner: checkout,
    visibility: 'private',
    keyResults: [
      {
        keyResultId: 'migrated',
        title: 'All payments on the new provider',
        metric: milestone,
        owner: 'bob',
        weight: 1,
      },
    ],
  });
  await s.align(ann, '2026-01-04T10:30:00Z', ids.private, ids.tribe);
  await s.setObjective(olga, '2026-01-05T09:00:00Z', {
    objectiveId: ids.onboarding,
    cycleId,
    title: 'Faster onboarding',
    owner: unit('squad', 'onboarding'),
    kind: 'aspirational',
    keyResults: [
      {
        keyResultId: 'signup-time',
        title: 'Sign up in 5 minutes',
        metric: number('minutes', 10, 5),
        owner: 'eve',
        weight: 1,
      },
    ],
  });
  await s.setObjective(bob, '2026-01-05T10:00:00Z', {
    objectiveId: ids.personal,
    cycleId,
    title: 'Learn Rust',
    owner: { kind: 'person', id: 'bob' },
    visibility: 'private',
    keyResults: [
      {
        keyResultId: 'rust-service',
        title: 'Ship one service in Rust',
        metric: milestone,
        owner: 'bob',
        weight: 1,
      },
    ],
  });
  await s.objective(cid, '2026-01-06T09:00:00Z', {
    type: 'AddContributor',
    data: { objectiveId: ids.squad, personId: 'cid' },
  });
  await s.objective(gus, '2026-01-06T10:00:00Z', {
    type: 'FollowObjective',
    data: { objectiveId: ids.squad, guildId: 'security' },
  });

  await s.ambition(bob, '2026-01-07T09:00:00Z', {
    type: 'RecordAmbition',
    data: {
      personId: 'bob',
      ambitionId: 'payments-expert',
      kind: 'growth',
      title: 'Become a payments expert',
      description: 'Know checkout end to end',
    },
  });
  await s.ambition(bob, '2026-01-07T10:00:00Z', {
    type: 'LinkAmbition',
    data: {
      personId: 'bob',
      ambitionId: 'payments-expert',
      link: { kind: 'key-result', objectiveId: ids.squad, keyResultId: 'conversion' },
    },
  });

  const npsDraft = {
    title: 'Answer every review within a day',
    metric: number('percent answered', 40, 100),
    owner: 'bob',
    weight: 1,
  };
  await s.proposal(eve, '2026-01-10T09:00:00Z', {
    type: 'ProposeObjective',
    data: {
      proposalId: 'p-reviews',
      cycleId,
      unit: checkout,
      draft: draftOf('Customers feel heard', 'public', [npsDraft]),
    },
  });
  await s.proposal(bob, '2026-01-10T10:00:00Z', {
    type: 'SuggestChange',
    data: { proposalId: 'p-reviews', suggestionId: 's-1', text: 'Make it measurable per channel' },
  });
  await s.proposal(ann, '2026-01-11T09:00:00Z', {
    type: 'ReturnProposal',
    data: { proposalId: 'p-reviews', reason: 'Too close to the tribe’s objective; sharpen it' },
  });
  await s.proposal(eve, '2026-01-12T09:00:00Z', {
    type: 'ReviseProposal',
    data: {
      proposalId: 'p-reviews',
      revised: {
        kind: 'objective',
        draft: draftOf('Checkout customers feel heard', 'public', [npsDraft]),
      },
      addressedSuggestionIds: ['s-1'],
    },
  });
  await s.proposal(eve, '2026-01-12T10:00:00Z', {
    type: 'ResubmitProposal',
    data: { proposalId: 'p-reviews' },
  });
  await s.proposal(ann, '2026-01-13T09:00:00Z', {
    type: 'CommentOnProposal',
    data: { proposalId: 'p-reviews', commentId: 'c-1', text: 'Good now' },
  });
  await s.proposal(ann, '2026-01-13T10:00:00Z', {
    type: 'ApproveProposal',
    data: { proposalId: 'p-reviews', objectiveId: 'customers-heard', keyResultIds: ['answered'] },
  });
  await s.proposal(bob, '2026-01-14T09:00:00Z', {
    type: 'ProposeObjective',
    data: {
      proposalId: 'p-secret',
      cycleId,
      unit: checkout,
      draft: draftOf('Negotiate lower fees', 'private', []),
    },
  });

  await s.proposal(bob, '2026-01-15T09:00:00Z', {
    type: 'ProposeKeyResult',
    data: {
      proposalId: 'p-provider-kr',
      objectiveId: ids.private,
      draft: { title: 'Fees down 10%', metric: number('%', 100, 90), owner: 'bob', weight: 1 },
    },
  });

  await s.progress(bob, '2026-02-01T09:00:00Z', ids.squad, 'conversion', 66);
  await s.objective(ann, moments.targetLowered, {
    type: 'AdjustKeyResultTarget',
    data: { objectiveId: ids.squad, keyResultId: 'nps', target: 39, reason: targetLoweredReason },
  });
  await s.progress(bob, '2026-02-15T09:00:00Z', ids.squad, 'nps', 36);
  await s.progress(bob, '2026-02-16T09:00:00Z', ids.private, 'migrated', 1);
  await s.progress(tom, '2026-02-20T09:00:00Z', ids.tribe, 'refund-time', 36);
};

/** Closes the quarter and scores every active objective (the cycle-close process's work). */
export const closeAcmeQuarter = async (s: GoalsScenario): Promise<void> => {
  const { olga } = actors;
  await s.cycle(olga, '2026-03-25T09:00:00Z', { type: 'StartCycleReview', data: { cycleId } });
  await s.cycle(olga, '2026-03-31T18:00:00Z', { type: 'CloseCycle', data: { cycleId } });
  for (const objectiveId of Object.values(ids)) {
    await s.objective(olga, '2026-03-31T19:00:00Z', {
      type: 'ScoreObjective',
      data: { objectiveId },
      facts: { scoringRule: linearRule },
    });
  }
};
