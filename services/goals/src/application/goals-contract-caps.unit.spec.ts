import { ContractRegistry, goalsIntegrationEvents } from '@rhythm/contracts';
import { identifierProblem, textProblem, type RecordedEvent } from '@rhythm/event-sourcing';
import { inputLimits, maxKeyResults } from '../goals-domain';
import { toGoalsIntegrationEvent, type GoalsEvent } from './goals-integration-events.mapper';
import { cycleIdPattern, orgIdPattern } from './http/goals-ids';

/**
 * Whatever the edge accepts, the relay can publish: the longest text each goals rule (and so each
 * DTO, which uses the same limits) accepts, the longest ids the edge's patterns accept, and the
 * longest tenant id and subject the token verifier accepts pass the published contract.
 */
const registry = new ContractRegistry(goalsIntegrationEvents);
const longest = (rule: Readonly<{ max: number }>, letter = 'Å') => letter.repeat(rule.max);
const tenant = `t${'0.a_b-'.repeat(10)}xyz`;
const subject = `p${'1.c_d-'.repeat(10)}xyz`;
/** The longest id of a person or unit the edge takes (org ids come from the org topic). */
const orgId = `u${'2.e_f:'.repeat(33)}z`;
const cycleId = `c${'3_g-'.repeat(24)}zzz`;

let position = 0n;
const recorded = (event: GoalsEvent): RecordedEvent<GoalsEvent> => ({
  ...event,
  streamId: `objective-${tenant}.okr-1`,
  streamRevision: 0,
  globalPosition: ++position,
  recordedAt: new Date('2026-02-02T10:00:00Z'),
  metadata: {
    eventId: '3f2504e0-4f89-41d3-9a0c-0305e82c3301',
    tenantId: tenant,
    actor: subject,
    correlationId: 'corr-1',
    causationId: 'cmd-1',
    occurredAt: '2026-02-02T10:00:00.000Z',
    reason: longest(inputLimits.reason),
  },
});

const title = longest(inputLimits.title);
const description = longest(inputLimits.description);
const reason = longest(inputLimits.reason);
const note = longest(inputLimits.note);
const objectiveId = '0c8f4b7e-9d43-4d57-8a0e-6f0c3c1d2b11';
const keyResult = {
  title,
  metric: {
    type: 'number' as const,
    unit: longest(inputLimits.unit),
    start: 0,
    target: 10,
    direction: 'increase' as const,
  },
  owner: orgId,
  weight: 1,
};
const draft = {
  title,
  description,
  kind: 'committed' as const,
  visibility: 'public' as const,
  keyResults: Array.from({ length: maxKeyResults }, () => keyResult),
};
const unit = { kind: 'squad' as const, id: orgId };

const atTheLimits: GoalsEvent[] = [
  {
    type: 'CyclePlanned',
    data: {
      cycleId,
      name: longest(inputLimits.name),
      startsOn: '2026-01-01',
      endsOn: '2026-03-31',
      scoringRule: { kind: 'linear' },
    },
  },
  { type: 'CycleReopened', data: { cycleId, reason } },
  {
    type: 'ObjectiveDefined',
    data: {
      objectiveId,
      cycleId,
      title,
      description,
      // The company's objectives are owned by the organisation: the tenant id.
      owner: { kind: 'company', id: tenant },
      kind: 'committed',
      visibility: 'public',
    },
  },
  { type: 'KeyResultAdded', data: { objectiveId, keyResultId: objectiveId, ...keyResult } },
  {
    type: 'KeyResultDropped',
    data: { objectiveId, keyResultId: objectiveId, title, reason },
  },
  {
    type: 'ReviewNoteRecorded',
    data: { objectiveId, noteId: objectiveId, stage: 'mid-cycle', author: subject, text: note },
  },
  {
    type: 'RetrospectiveRecorded',
    data: { objectiveId, author: subject, wentWell: note, learned: note, doDifferently: note },
  },
  { type: 'ObjectiveAbandoned', data: { objectiveId, reason } },
  { type: 'ContributorAdded', data: { objectiveId, personId: orgId } },
  {
    type: 'ObjectiveProposed',
    data: { proposalId: objectiveId, cycleId, unit, proposer: subject, draft },
  },
  {
    type: 'ProposalCommented',
    data: { proposalId: objectiveId, commentId: objectiveId, author: subject, text: note },
  },
  {
    type: 'ChangeSuggested',
    data: { proposalId: objectiveId, suggestionId: objectiveId, author: subject, text: note },
  },
  {
    type: 'ProposalReturned',
    data: { proposalId: objectiveId, returnedBy: subject, reason, revision: 1 },
  },
];

describe('goals input limits and the goals integration contract', () => {
  it('the rules and id patterns accept exactly up to their limits', () => {
    for (const rule of Object.values(inputLimits)) {
      expect(textProblem(longest(rule), rule)).toBeUndefined();
      expect(textProblem(`${longest(rule)}x`, rule)).toBe(`must be at most ${rule.max} characters`);
    }
    expect(orgId).toHaveLength(200);
    expect(orgIdPattern.test(orgId)).toBe(true);
    expect(orgIdPattern.test(`${orgId}z`)).toBe(false);
    expect(cycleId).toHaveLength(100);
    expect(cycleIdPattern.test(cycleId)).toBe(true);
    expect(cycleIdPattern.test(`${cycleId}z`)).toBe(false);
    expect(identifierProblem(tenant)).toBeUndefined();
    expect(identifierProblem(subject)).toBeUndefined();
  });

  it.each(atTheLimits.map((event) => [event.type, event] as const))(
    '%s at the limits passes its contract',
    (_type, event) => {
      const result = registry.safeParse(toGoalsIntegrationEvent(recorded(event)));
      expect(result.success ? 'accepted' : result.error.message).toBe('accepted');
    },
  );

  it('a title one character longer than the limit would break the contract', () => {
    expect(() =>
      toGoalsIntegrationEvent(
        recorded({
          type: 'KeyResultDropped',
          data: { objectiveId, keyResultId: objectiveId, title: `${title}x`, reason },
        }),
      ),
    ).toThrow(/title/);
  });
});
