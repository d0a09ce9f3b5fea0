import { Forbidden, NotFound, ValidationFailed } from '@rhythm/event-sourcing';
// Specs only: the domain's own code depends on the kernel alone.
import { DeciderSpecification } from '@rhythm/testing';
import type { CycleCommand } from './cycle/cycle.decider';
import { cycleDecider } from './cycle/cycle.decider';
import { objectiveDecider } from './objective/objective.decider';
import type { ObjectiveEvent } from './objective/objective.events';
import type { ProposalCommand } from './proposal/proposal.decider';
import { proposalDecider } from './proposal/proposal.decider';
import type { ProposalEvent } from './proposal/proposal.events';
import { linearRule } from './scoring/scoring-rule';
import { ann, bob, eve, olga } from './testing/actors.fixtures';
import {
  cycleActivated,
  cycleClosed,
  cycleId,
  cyclePlanned,
  cycleReviewStarted,
} from './testing/cycle.fixtures';
import { activeObjective, draftObjective, objectiveId } from './testing/objective.fixtures';
import { objectiveProposed, proposalId } from './testing/proposal.fixtures';

/**
 * The order every goals decider keeps (ADR 0030): the object exists (404), then the caller's
 * power (403), then the input (400), then the rules of state and the no-ops (409, no events). One
 * without the power learns nothing of the object's state, and gets the status the written table
 * of powers promises (docs/security.md, "Powers").
 */
const objectives = DeciderSpecification.for(objectiveDecider);
const cycles = DeciderSpecification.for(cycleDecider);
const proposals = DeciderSpecification.for(proposalDecider);

const abandoned: ObjectiveEvent = {
  type: 'ObjectiveAbandoned',
  data: { objectiveId, reason: 'Merged' },
};
const scored: ObjectiveEvent = {
  type: 'ObjectiveScored',
  data: {
    objectiveId,
    rule: linearRule,
    keyResults: [],
    score: 0.5,
    grade: 'yellow',
    success: false,
  },
};

describe('The power before the state: objectives', () => {
  it('a key result owner overriding a score while the cycle runs is refused the power', () =>
    objectives
      .given(activeObjective)
      .when({
        type: 'OverrideKeyResultScore',
        actor: bob,
        data: { objectiveId, keyResultId: 'conversion', score: 0.5, reason: 'Half done' },
        facts: { cycle: 'active' },
      })
      .thenThrows(Forbidden, /Only the lead of squad checkout or an admin can override a score/));

  it('a key result owner overriding a score of a draft is refused the power', () =>
    objectives
      .given(draftObjective)
      .when({
        type: 'OverrideKeyResultScore',
        actor: bob,
        data: { objectiveId, keyResultId: 'conversion', score: 0.5, reason: 'Half done' },
        facts: { cycle: 'review' },
      })
      .thenThrows(Forbidden));

  it.each(['planning', 'closed'] as const)(
    'someone not involved recording progress while the cycle is %s is refused the power',
    (cycle) =>
      objectives
        .given(activeObjective)
        .when({
          type: 'RecordProgress',
          actor: eve,
          data: { objectiveId, keyResultId: 'conversion', value: 70 },
          facts: { cycle },
        })
        .thenThrows(Forbidden, /can record its progress/),
  );

  it('someone not involved recording progress on a draft is refused the power', () =>
    objectives
      .given(draftObjective)
      .when({
        type: 'RecordProgress',
        actor: eve,
        data: { objectiveId, keyResultId: 'conversion', value: 70 },
        facts: { cycle: 'active' },
      })
      .thenThrows(Forbidden));

  it('someone not involved writing the retrospective while the cycle runs is refused the power', () =>
    objectives
      .given(activeObjective)
      .when({
        type: 'RecordRetrospective',
        actor: eve,
        data: { objectiveId, wentWell: '', learned: 'Pair more', doDifferently: '' },
        facts: { cycle: 'active' },
      })
      .thenThrows(Forbidden, /can write its retrospective/));

  it('someone not involved writing a mid-cycle note during the review is refused the power', () =>
    objectives
      .given(activeObjective)
      .when({
        type: 'RecordReviewNote',
        actor: eve,
        data: { objectiveId, noteId: 'n-1', stage: 'mid-cycle', text: 'Stalls on Android' },
        facts: { cycle: 'review' },
      })
      .thenThrows(Forbidden, /can review it/));

  it('one who speaks for no guild following an abandoned objective is refused the power', () =>
    objectives
      .given([...activeObjective, abandoned])
      .when({
        type: 'FollowObjective',
        actor: bob,
        data: { objectiveId, guildId: 'security' },
        facts: { cycle: 'active', guildExists: true },
      })
      .thenThrows(Forbidden, /Only a coordinator of guild security/));

  it('one who speaks for no guild following once the cycle closed is refused the power', () =>
    objectives
      .given(activeObjective)
      .when({
        type: 'FollowObjective',
        actor: bob,
        data: { objectiveId, guildId: 'security' },
        facts: { cycle: 'closed', guildExists: true },
      })
      .thenThrows(Forbidden));

  it('a member listing another as contributor of an abandoned objective is refused the power', () =>
    objectives
      .given([...activeObjective, abandoned])
      .when({
        type: 'AddContributor',
        actor: bob,
        data: { objectiveId, personId: 'eve' },
        facts: { cycle: 'active', personExists: true },
      })
      .thenThrows(Forbidden));

  it('a member listing another as contributor with a malformed id is refused the power', () =>
    objectives
      .given(activeObjective)
      .when({
        type: 'AddContributor',
        actor: bob,
        data: { objectiveId, personId: ' ' },
        facts: { cycle: 'active', personExists: true },
      })
      .thenThrows(Forbidden));

  it('a lead scoring an objective scored already is refused the power', () =>
    objectives
      .given([...activeObjective, scored])
      .when({
        type: 'ScoreObjective',
        actor: ann,
        data: { objectiveId },
        facts: { cycle: 'closed', scoringRule: linearRule },
      })
      .thenThrows(Forbidden, /scored by the cycle-close process or an admin/));

  it('a lead scoring an unknown objective is told it does not exist', () =>
    objectives
      .given([])
      .when({
        type: 'ScoreObjective',
        actor: ann,
        data: { objectiveId },
        facts: { cycle: 'closed', scoringRule: linearRule },
      })
      .thenThrows(NotFound, /Objective effortless-checkout not found/));

  it('the lead renaming with an empty title while the cycle is in review hears of the title first', () =>
    objectives
      .given(activeObjective)
      .when({
        type: 'RenameObjective',
        actor: ann,
        data: { objectiveId, title: '', description: '' },
        facts: { cycle: 'review' },
      })
      .thenThrows(ValidationFailed));
});

describe('The power before the state: cycles', () => {
  const closed = [cyclePlanned, cycleActivated, cycleReviewStarted, cycleClosed];

  it.each<CycleCommand>([
    { type: 'ActivateCycle', actor: olga, data: { cycleId } },
    { type: 'CloseCycle', actor: olga, data: { cycleId } },
    { type: 'StartCycleReview', actor: olga, data: { cycleId } },
    { type: 'ReopenCycle', actor: olga, data: { cycleId, reason: 'Too early' } },
    {
      type: 'RescheduleCycle',
      actor: olga,
      data: { cycleId, startsOn: '2026-01-01', endsOn: '2026-03-31' },
    },
  ])('$type of an unknown cycle is not found, before any power', (command) =>
    cycles
      .given([])
      .when({ ...command, actor: ann })
      .thenThrows(NotFound, /Cycle q1-2026 not found/),
  );

  it('a non-admin closing a closed cycle is refused the power', () =>
    cycles
      .given(closed)
      .when({ type: 'CloseCycle', actor: ann, data: { cycleId } })
      .thenThrows(Forbidden));

  it('a non-admin rescheduling a closed cycle is refused the power', () =>
    cycles
      .given(closed)
      .when({
        type: 'RescheduleCycle',
        actor: ann,
        data: { cycleId, startsOn: '2026-01-01', endsOn: '2026-04-30' },
      })
      .thenThrows(Forbidden));

  it('an admin reopening a closed cycle without a reason hears of the reason first', () =>
    cycles
      .given(closed)
      .when({ type: 'ReopenCycle', actor: olga, data: { cycleId, reason: '' } })
      .thenThrows(ValidationFailed));
});

describe('The power before the state: proposals', () => {
  const withdrawn: readonly ProposalEvent[] = [
    objectiveProposed,
    { type: 'ProposalWithdrawn', data: { proposalId } },
  ];

  it.each<ProposalCommand>([
    { type: 'ResubmitProposal', actor: ann, data: { proposalId } },
    { type: 'WithdrawProposal', actor: ann, data: { proposalId } },
    { type: 'ReturnProposal', actor: bob, data: { proposalId, reason: 'Not ours' } },
    {
      type: 'ApproveProposal',
      actor: bob,
      data: { proposalId, objectiveId: 'loved-checkout', keyResultIds: ['checkout-nps'] },
      facts: { cycle: 'planning' },
    },
  ])('$type of a withdrawn proposal by one without the power is refused it', (command) =>
    proposals.given(withdrawn).when(command).thenThrows(Forbidden),
  );

  it('the lead returning a withdrawn proposal without a reason hears of the reason first', () =>
    proposals
      .given(withdrawn)
      .when({ type: 'ReturnProposal', actor: ann, data: { proposalId, reason: '' } })
      .thenThrows(ValidationFailed));

  it('a comment without text on a withdrawn proposal hears of the text first', () =>
    proposals
      .given(withdrawn)
      .when({
        type: 'CommentOnProposal',
        actor: eve,
        data: { proposalId, commentId: 'c-1', text: '' },
      })
      .thenThrows(ValidationFailed));
});
