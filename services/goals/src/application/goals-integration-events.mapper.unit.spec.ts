import { ContractRegistry, goalsIntegrationEvents, publishedContracts } from '@rhythm/contracts';
import type { RecordedEvent } from '@rhythm/event-sourcing';
import { toGoalsIntegrationEvent, type GoalsEvent } from './goals-integration-events.mapper';

const registry = new ContractRegistry(goalsIntegrationEvents);
let position = 0n;
const recorded = (event: GoalsEvent, reason?: string): RecordedEvent<GoalsEvent> => ({
  ...event,
  streamId: 'objective-acme.okr-1',
  streamRevision: 0,
  globalPosition: ++position,
  recordedAt: new Date('2026-02-02T10:00:00Z'),
  metadata: {
    eventId: '3f2504e0-4f89-41d3-9a0c-0305e82c3301',
    tenantId: 'acme',
    actor: 'pia',
    correlationId: 'corr-1',
    causationId: 'cmd-1',
    occurredAt: '2026-02-02T10:00:00.000Z',
    ...(reason === undefined ? {} : { reason }),
  },
});

const nps = {
  title: 'Raise NPS by 10 points',
  metric: {
    type: 'number' as const,
    unit: 'points',
    start: 31,
    target: 41,
    direction: 'increase' as const,
  },
  owner: 'pia',
  weight: 2,
};
const squad = { kind: 'squad' as const, id: 'support' };
const objectiveDraft = {
  title: 'Customers love support',
  description: '',
  kind: 'committed' as const,
  visibility: 'public' as const,
  keyResults: [nps],
};

// One of every published domain event type: the switch is exhaustive at compile time; this checks
// that each mapping produces an envelope the published contract accepts.
const everyPublishedEvent: GoalsEvent[] = [
  {
    type: 'CyclePlanned',
    data: {
      cycleId: 'q1',
      name: 'Q1',
      startsOn: '2026-01-01',
      endsOn: '2026-03-31',
      scoringRule: { kind: 'linear' },
    },
  },
  {
    type: 'CycleRescheduled',
    data: {
      cycleId: 'q1',
      startsOn: { before: '2026-01-01', after: '2026-01-05' },
      endsOn: { before: '2026-03-31', after: '2026-04-03' },
    },
  },
  {
    type: 'CycleScoringRuleChanged',
    data: {
      cycleId: 'q1',
      scoringRule: {
        before: { kind: 'linear' },
        after: { kind: 'zones', zones: [{ name: 'all', from: 0, score: 1 }] },
      },
      reason: 'Google zones this year',
    },
  },
  { type: 'CycleActivated', data: { cycleId: 'q1' } },
  { type: 'CycleReviewStarted', data: { cycleId: 'q1' } },
  { type: 'CycleReopened', data: { cycleId: 'q1', reason: 'late check-ins' } },
  { type: 'CycleClosed', data: { cycleId: 'q1', scoringRule: { kind: 'linear' } } },
  {
    type: 'ObjectiveDefined',
    data: {
      objectiveId: 'okr-1',
      cycleId: 'q1',
      title: 'Customers love support',
      description: '',
      owner: squad,
      kind: 'committed',
      visibility: 'private',
    },
  },
  { type: 'KeyResultAdded', data: { objectiveId: 'okr-1', keyResultId: 'kr-1', ...nps } },
  { type: 'ObjectiveActivated', data: { objectiveId: 'okr-1' } },
  {
    type: 'ObjectiveRenamed',
    data: {
      objectiveId: 'okr-1',
      title: { before: 'A', after: 'B' },
      description: { before: '', after: 'why' },
    },
  },
  {
    type: 'ObjectiveOwnerChanged',
    data: {
      objectiveId: 'okr-1',
      owner: { before: squad, after: { kind: 'tribe', id: 'cx' } },
      reason: 'reorganised',
    },
  },
  {
    type: 'ObjectiveVisibilityChanged',
    data: { objectiveId: 'okr-1', visibility: { before: 'private', after: 'public' } },
  },
  {
    type: 'KeyResultRenamed',
    data: { objectiveId: 'okr-1', keyResultId: 'kr-1', title: { before: 'A', after: 'B' } },
  },
  {
    type: 'KeyResultTargetAdjusted',
    data: {
      objectiveId: 'okr-1',
      keyResultId: 'kr-1',
      target: { before: 41, after: 38 },
      lowersAmbition: true,
      reason: 'survey delayed',
    },
  },
  {
    type: 'KeyResultOwnerChanged',
    data: { objectiveId: 'okr-1', keyResultId: 'kr-1', owner: { before: 'pia', after: 'max' } },
  },
  {
    type: 'KeyResultReweighted',
    data: { objectiveId: 'okr-1', keyResultId: 'kr-1', weight: { before: 2, after: 1 } },
  },
  {
    type: 'KeyResultDropped',
    data: { objectiveId: 'okr-1', keyResultId: 'kr-1', title: 'NPS', reason: 'replaced' },
  },
  {
    type: 'KeyResultProgressed',
    data: {
      objectiveId: 'okr-1',
      keyResultId: 'kr-1',
      value: { before: 31, after: 35 },
      checkInId: 'ci-1',
    },
  },
  {
    type: 'KeyResultAchieved',
    data: { objectiveId: 'okr-1', keyResultId: 'kr-1', value: 41, target: 41 },
  },
  { type: 'ObjectiveAchieved', data: { objectiveId: 'okr-1' } },
  { type: 'ObjectiveAligned', data: { objectiveId: 'okr-1', parentObjectiveId: 'okr-0' } },
  { type: 'ObjectiveUnaligned', data: { objectiveId: 'okr-1', parentObjectiveId: 'okr-0' } },
  { type: 'ObjectiveFollowed', data: { objectiveId: 'okr-1', guildId: 'design' } },
  { type: 'ObjectiveUnfollowed', data: { objectiveId: 'okr-1', guildId: 'design' } },
  { type: 'ContributorAdded', data: { objectiveId: 'okr-1', personId: 'cara' } },
  { type: 'ContributorRemoved', data: { objectiveId: 'okr-1', personId: 'cara' } },
  {
    type: 'ReviewNoteRecorded',
    data: { objectiveId: 'okr-1', noteId: 'n1', stage: 'mid-cycle', author: 'pia', text: 'ok' },
  },
  {
    type: 'KeyResultScoreOverridden',
    data: {
      objectiveId: 'okr-1',
      keyResultId: 'kr-1',
      score: { before: null, after: 0.6 },
      reason: 'small sample',
    },
  },
  {
    type: 'ObjectiveScored',
    data: {
      objectiveId: 'okr-1',
      rule: { kind: 'linear' },
      keyResults: [
        {
          keyResultId: 'kr-1',
          weight: 2,
          progress: 0.7,
          computed: 0.7,
          score: 0.6,
          overridden: true,
        },
      ],
      score: 0.6,
      grade: 'yellow',
      success: false,
    },
  },
  {
    type: 'RetrospectiveRecorded',
    data: { objectiveId: 'okr-1', author: 'pia', wentWell: 'a', learned: 'b', doDifferently: 'c' },
  },
  { type: 'ObjectiveAbandoned', data: { objectiveId: 'okr-1', reason: 'discontinued' } },
  {
    type: 'ObjectiveProposed',
    data: { proposalId: 'p1', cycleId: 'q1', unit: squad, proposer: 'max', draft: objectiveDraft },
  },
  {
    type: 'KeyResultProposed',
    data: {
      proposalId: 'p2',
      cycleId: 'q1',
      unit: squad,
      objectiveId: 'okr-1',
      proposer: 'max',
      draft: nps,
    },
  },
  {
    type: 'ProposalCommented',
    data: { proposalId: 'p1', commentId: 'c1', author: 'pia', text: 'nice' },
  },
  {
    type: 'ChangeSuggested',
    data: { proposalId: 'p1', suggestionId: 's1', author: 'pia', text: 'aim lower' },
  },
  {
    type: 'ProposalRevised',
    data: {
      proposalId: 'p1',
      revision: 2,
      subject: { kind: 'objective', draft: objectiveDraft },
      addressedSuggestionIds: ['s1'],
    },
  },
  { type: 'ProposalResubmitted', data: { proposalId: 'p1', revision: 2 } },
  {
    type: 'ProposalApproved',
    data: {
      proposalId: 'p1',
      approvedBy: 'pia',
      revision: 2,
      cycleId: 'q1',
      unit: squad,
      proposer: 'max',
      subject: { kind: 'objective', draft: objectiveDraft },
      outcome: { kind: 'objective', objectiveId: 'okr-9', keyResultIds: ['kr-9'] },
    },
  },
  {
    type: 'ProposalReturned',
    data: { proposalId: 'p1', returnedBy: 'pia', reason: 'baseline?', revision: 1 },
  },
  { type: 'ProposalWithdrawn', data: { proposalId: 'p1' } },
  {
    type: 'BoardCreated',
    data: {
      boardId: 'board-1',
      scope: squad,
      cycleId: '2026-q1',
      title: 'Support on the office screen',
      linkId: 'secret-link-id',
    },
  },
  { type: 'BoardRevoked', data: { boardId: 'board-1' } },
];

describe('Goals domain events as integration events', () => {
  it.each(everyPublishedEvent.map((event) => [event.type, event] as const))(
    '%s maps to an envelope its published contract accepts',
    (_type, event) => {
      const envelope = toGoalsIntegrationEvent(recorded(event, 'because'));
      expect(envelope).toBeDefined();
      expect(() => registry.parse(envelope)).not.toThrow();
      expect(envelope).toMatchObject({
        tenantId: 'acme',
        actor: 'pia',
        reason: 'because',
        streamId: 'objective-acme.okr-1',
      });
    },
  );

  it('uses every published goals integration event', () => {
    const used = new Set(
      everyPublishedEvent.map((event) => toGoalsIntegrationEvent(recorded(event))?.type),
    );
    expect([...used].sort()).toEqual(registry.types());
  });

  it('publishes a lowered target with the values before and after and the reason', () => {
    const envelope = toGoalsIntegrationEvent(
      recorded(everyPublishedEvent.find((event) => event.type === 'KeyResultTargetAdjusted')!),
    );
    expect(envelope).toMatchObject({
      type: 'goals.key-result-adjusted',
      version: 1,
      data: {
        objectiveId: 'okr-1',
        keyResultId: 'kr-1',
        field: 'target',
        before: 41,
        after: 38,
        lowersAmbition: true,
        reason: 'survey delayed',
      },
    });
  });

  it('publishes both kinds of proposal as goals.proposal-submitted', () => {
    const submitted = everyPublishedEvent
      .filter((event) => event.type === 'ObjectiveProposed' || event.type === 'KeyResultProposed')
      .map((event) => toGoalsIntegrationEvent(recorded(event)));
    expect(submitted.map((envelope) => envelope?.type)).toEqual([
      'goals.proposal-submitted',
      'goals.proposal-submitted',
    ]);
    expect(submitted.map((envelope) => envelope?.data.subject)).toEqual([
      { kind: 'objective', draft: objectiveDraft },
      { kind: 'key-result', objectiveId: 'okr-1', draft: nps },
    ]);
  });

  it('publishes a board without its link id', () => {
    const envelope = toGoalsIntegrationEvent(
      recorded(everyPublishedEvent.find((event) => event.type === 'BoardCreated')!),
    );
    expect(envelope?.data).toEqual({
      boardId: 'board-1',
      scope: squad,
      cycleId: '2026-q1',
      title: 'Support on the office screen',
    });
    expect(JSON.stringify(envelope)).not.toContain('secret-link-id');
  });

  it('keeps personal ambitions private: none is published', () => {
    const ambitions: GoalsEvent[] = [
      {
        type: 'AmbitionRecorded',
        data: {
          personId: 'max',
          ambitionId: 'a1',
          kind: 'career',
          title: 'Become a product owner',
          description: '',
        },
      },
      {
        type: 'AmbitionLinked',
        data: {
          personId: 'max',
          ambitionId: 'a1',
          link: { kind: 'objective', objectiveId: 'okr-1' },
        },
      },
      {
        type: 'AmbitionClosed',
        data: { personId: 'max', ambitionId: 'a1', outcome: 'realised', note: 'done' },
      },
    ];
    for (const event of ambitions) expect(toGoalsIntegrationEvent(recorded(event))).toBeUndefined();
  });

  it('are all in the workspace catalog', () => {
    const published = publishedContracts();
    for (const definition of goalsIntegrationEvents) {
      expect(published.definitionOf(definition.type, 1)).toBe(definition);
    }
  });
});
