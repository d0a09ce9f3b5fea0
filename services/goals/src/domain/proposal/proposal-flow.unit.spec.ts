import {
  AlreadyExists,
  Forbidden,
  NotFound,
  RuleViolated,
  ValidationFailed,
} from '@rhythm/event-sourcing';
// Specs only: the domain's own code depends on the kernel alone.
import { DeciderSpecification } from '@rhythm/testing';
import { ann, bob, eve, olga, tom, withFields } from '../testing/actors.fixtures';
import { cycleId } from '../testing/cycle.fixtures';
import {
  keyResultProposed,
  npsDraft,
  objectiveDraft,
  objectiveProposed,
  proposalId,
  proposalReturned,
  returnedProposal,
} from '../testing/proposal.fixtures';
import type { ApproveProposal } from './approve-proposal.command';
import type { ProposalCommand } from './proposal.decider';
import { proposalDecider } from './proposal.decider';
import type { ProposalEvent, ProposalSubject } from './proposal.events';
import { evolveProposal, initialProposalState } from './proposal.state';
import type { ProposeKeyResult } from './propose-key-result.command';
import type { ProposeObjective } from './propose-objective.command';
import type { ReviseProposal } from './revise-proposal.command';

const spec = DeciderSpecification.for(proposalDecider);

const propose: ProposeObjective = {
  type: 'ProposeObjective',
  actor: eve,
  data: { proposalId, cycleId, unit: { kind: 'squad', id: 'checkout' }, draft: objectiveDraft },
  facts: { cycle: 'planning', unitExists: true, unknownPeople: [] },
};

const revisedSubject: ProposalSubject = {
  kind: 'objective',
  draft: { ...objectiveDraft, keyResults: [{ ...npsDraft, title: 'Checkout NPS from 31 to 41' }] },
};
const revise: ReviseProposal = {
  type: 'ReviseProposal',
  actor: eve,
  data: { proposalId, revised: revisedSubject, addressedSuggestionIds: [] },
  facts: { unknownPeople: [] },
};
const revised: ProposalEvent = {
  type: 'ProposalRevised',
  data: { proposalId, revision: 2, subject: revisedSubject, addressedSuggestionIds: [] },
};
const revisedWithSuggestion: ProposalEvent = {
  type: 'ProposalRevised',
  data: { proposalId, revision: 2, subject: revisedSubject, addressedSuggestionIds: ['s-1'] },
};

const approve: ApproveProposal = {
  type: 'ApproveProposal',
  actor: ann,
  data: { proposalId, objectiveId: 'loved-checkout', keyResultIds: ['checkout-nps'] },
  facts: { cycle: 'planning' },
};

describe('Propose an objective for a unit', () => {
  it('anyone may propose', () => spec.given([]).when(propose).then([objectiveProposed]));

  it('refuses a proposal id that is taken', () =>
    spec.given([objectiveProposed]).when(propose).thenThrows(AlreadyExists));

  it('is for units, not people', () =>
    spec
      .given([])
      .when({
        ...propose,
        data: { ...propose.data, unit: { kind: 'person' as 'squad', id: 'bob' } },
      })
      .thenThrows(
        ValidationFailed,
        withFields({ unit: 'must be a unit; a person sets their own objectives' }),
      ));

  it('checks the draft like an objective, field by field', () =>
    spec
      .given([])
      .when({
        ...propose,
        data: {
          ...propose.data,
          draft: { ...objectiveDraft, title: '', keyResults: [{ ...npsDraft, weight: -1 }] },
        },
      })
      .thenThrows(
        ValidationFailed,
        withFields({ title: 'must not be empty', 'keyResults.0.weight': /must be more than 0/ }),
      ));

  it('refuses more than five key results', () =>
    spec
      .given([])
      .when({
        ...propose,
        data: {
          ...propose.data,
          draft: { ...objectiveDraft, keyResults: Array(6).fill(npsDraft) },
        },
      })
      .thenThrows(
        ValidationFailed,
        withFields({ keyResults: 'an objective has at most 5 key results' }),
      ));

  it('needs a unit the organisation knows', () =>
    spec
      .given([])
      .when({ ...propose, facts: { cycle: 'planning', unitExists: false, unknownPeople: [] } })
      .thenThrows(RuleViolated, withFields({ unit: 'unknown unit' })));

  it('needs key result owners the organisation knows', () =>
    spec
      .given([])
      .when({ ...propose, facts: { cycle: 'planning', unitExists: true, unknownPeople: ['bob'] } })
      .thenThrows(RuleViolated, withFields({ 'draft.keyResults.0.owner': 'unknown person' })));

  it('not once the cycle is in review', () =>
    spec
      .given([])
      .when({ ...propose, facts: { cycle: 'review', unitExists: true, unknownPeople: [] } })
      .thenThrows(RuleViolated, /is review/));
});

describe('Propose a key result for a unit’s objective', () => {
  const proposeKr: ProposeKeyResult = {
    type: 'ProposeKeyResult',
    actor: eve,
    data: { proposalId, objectiveId: 'effortless-checkout', draft: npsDraft },
    facts: {
      cycle: 'active',
      objective: {
        cycleId,
        owner: { kind: 'squad', id: 'checkout' },
        status: 'active',
        keyResultCount: 2,
      },
      ownerExists: true,
    },
  };

  it('is made for the unit that owns the objective', () =>
    spec.given([]).when(proposeKr).then([keyResultProposed]));

  it('needs the objective to exist', () =>
    spec
      .given([])
      .when({ ...proposeKr, facts: { ...proposeKr.facts, objective: 'none' } })
      .thenThrows(NotFound));

  it('is refused for an objective that already has five', () =>
    spec
      .given([])
      .when({
        ...proposeKr,
        facts: {
          ...proposeKr.facts,
          objective: {
            cycleId,
            owner: { kind: 'squad', id: 'checkout' },
            status: 'active',
            keyResultCount: 5,
          },
        },
      })
      .thenThrows(RuleViolated, /already has 5 key results/));

  it('is not for a personal objective', () =>
    spec
      .given([])
      .when({
        ...proposeKr,
        facts: {
          ...proposeKr.facts,
          objective: {
            cycleId,
            owner: { kind: 'person', id: 'bob' },
            status: 'active',
            keyResultCount: 1,
          },
        },
      })
      .thenThrows(RuleViolated, /personal objective/));

  it('is not for an abandoned objective', () =>
    spec
      .given([])
      .when({
        ...proposeKr,
        facts: {
          ...proposeKr.facts,
          objective: {
            cycleId,
            owner: { kind: 'squad', id: 'checkout' },
            status: 'abandoned',
            keyResultCount: 1,
          },
        },
      })
      .thenThrows(RuleViolated, /is abandoned/));

  it('needs an owner the organisation knows', () =>
    spec
      .given([])
      .when({ ...proposeKr, facts: { ...proposeKr.facts, ownerExists: false } })
      .thenThrows(RuleViolated, withFields({ 'draft.owner': 'unknown person' })));

  it('checks the draft', () =>
    spec
      .given([])
      .when({ ...proposeKr, data: { ...proposeKr.data, draft: { ...npsDraft, title: '' } } })
      .thenThrows(ValidationFailed, withFields({ 'draft.title': 'must not be empty' })));
});

describe('Talk it through', () => {
  const comment: ProposalCommand = {
    type: 'CommentOnProposal',
    actor: bob,
    data: { proposalId, commentId: 'c-1', text: ' Love it ' },
  };
  const suggest: ProposalCommand = {
    type: 'SuggestChange',
    actor: tom,
    data: { proposalId, suggestionId: 's-1', text: 'Make NPS checkout-only' },
  };

  it('anyone comments', () =>
    spec
      .given([objectiveProposed])
      .when(comment)
      .then([
        {
          type: 'ProposalCommented',
          data: { proposalId, commentId: 'c-1', author: 'bob', text: 'Love it' },
        },
      ]));

  it('anyone suggests a change', () =>
    spec
      .given([objectiveProposed])
      .when(suggest)
      .then([
        {
          type: 'ChangeSuggested',
          data: { proposalId, suggestionId: 's-1', author: 'tom', text: 'Make NPS checkout-only' },
        },
      ]));

  it('a comment needs text', () =>
    spec
      .given([objectiveProposed])
      .when({ ...comment, data: { proposalId, commentId: 'c-2', text: '' } })
      .thenThrows(ValidationFailed, withFields({ text: 'must not be empty' })));

  it('refuses a comment id that is taken', () =>
    spec
      .given([
        objectiveProposed,
        {
          type: 'ProposalCommented',
          data: { proposalId, commentId: 'c-1', author: 'bob', text: 'Love it' },
        },
      ])
      .when(comment)
      .thenThrows(AlreadyExists, /Comment c-1 already exists/));

  it('the conversation ends with the decision', () =>
    spec
      .given([objectiveProposed, { type: 'ProposalApproved', data: approvedData() }])
      .when(suggest)
      .thenThrows(RuleViolated, /is approved/));

  it('needs an existing proposal', () => spec.given([]).when(comment).thenThrows(NotFound));
});

describe('Revise', () => {
  it('the proposer revises, and says which suggestions it takes up', () => {
    const suggested: ProposalEvent = {
      type: 'ChangeSuggested',
      data: { proposalId, suggestionId: 's-1', author: 'tom', text: 'Checkout-only NPS' },
    };
    const withSuggestion = { ...revise, data: { ...revise.data, addressedSuggestionIds: ['s-1'] } };
    spec.given([objectiveProposed, suggested]).when(withSuggestion).then([revisedWithSuggestion]);
    const state = [objectiveProposed, suggested, revisedWithSuggestion].reduce(
      evolveProposal,
      initialProposalState(),
    );
    expect(state).toMatchObject({
      revision: 2,
      suggestions: [{ suggestionId: 's-1', addressedIn: 2 }],
    });
  });

  it('refuses suggestions that do not exist', () =>
    spec
      .given([objectiveProposed])
      .when({ ...revise, data: { ...revise.data, addressedSuggestionIds: ['s-9'] } })
      .thenThrows(
        ValidationFailed,
        withFields({ addressedSuggestionIds: 'unknown suggestions s-9' }),
      ));

  it('only the proposer revises', () =>
    spec
      .given([objectiveProposed])
      .when({ ...revise, actor: ann })
      .thenThrows(Forbidden, /Only eve, who made the proposal/));

  it('keeps the kind of the proposal', () =>
    spec
      .given([objectiveProposed])
      .when({
        ...revise,
        data: { ...revise.data, revised: { kind: 'key-result', draft: npsDraft } },
      })
      .thenThrows(ValidationFailed, withFields({ 'revised.kind': 'must be objective' })));

  it('checks the new version', () =>
    spec
      .given([objectiveProposed])
      .when({
        ...revise,
        data: {
          ...revise.data,
          revised: { kind: 'objective', draft: { ...objectiveDraft, title: ' ' } },
        },
      })
      .thenThrows(ValidationFailed, withFields({ 'revised.draft.title': 'must not be empty' })));

  it('revises a key result proposal', () =>
    spec
      .given([keyResultProposed])
      .when({
        ...revise,
        data: {
          proposalId,
          revised: { kind: 'key-result', draft: { ...npsDraft, weight: 2 } },
          addressedSuggestionIds: [],
        },
      })
      .then([
        {
          type: 'ProposalRevised',
          data: {
            proposalId,
            revision: 2,
            subject: {
              kind: 'key-result',
              objectiveId: 'effortless-checkout',
              draft: { ...npsDraft, weight: 2 },
            },
            addressedSuggestionIds: [],
          },
        },
      ]));

  it('needs key result owners the organisation knows', () =>
    spec
      .given([objectiveProposed])
      .when({ ...revise, facts: { unknownPeople: ['bob'] } })
      .thenThrows(
        RuleViolated,
        withFields({ 'revised.draft.keyResults.0.owner': 'unknown person' }),
      ));

  it('does nothing when nothing changed', () =>
    spec
      .given([objectiveProposed])
      .when({
        ...revise,
        data: { ...revise.data, revised: { kind: 'objective', draft: objectiveDraft } },
      })
      .thenNothingHappens());
});

describe('The lead decides', () => {
  it('the unit’s lead approves: the objective is to be created with the ids chosen', () =>
    spec
      .given([objectiveProposed])
      .when(approve)
      .then([{ type: 'ProposalApproved', data: approvedData() }]));

  it('an admin may approve too', () =>
    spec
      .given([objectiveProposed])
      .when({ ...approve, actor: olga })
      .then([{ type: 'ProposalApproved', data: { ...approvedData(), approvedBy: 'olga' } }]));

  it.each([
    ['the proposer', eve],
    ['a member', bob],
    ['the lead of another unit', tom],
  ])('%s cannot approve', (_, actor) =>
    spec
      .given([objectiveProposed])
      .when({ ...approve, actor })
      .thenThrows(Forbidden, /Only the lead of squad checkout or an admin can approve/),
  );

  it.each([
    ['the proposer', eve],
    ['the lead of another unit', tom],
  ])('%s cannot return it', (_, actor) =>
    spec
      .given([objectiveProposed])
      .when({ type: 'ReturnProposal', actor, data: { proposalId, reason: 'no' } })
      .thenThrows(Forbidden),
  );

  it('needs an id for the new objective and one per key result', () =>
    spec
      .given([objectiveProposed])
      .when({ ...approve, data: { proposalId, keyResultIds: [] } })
      .thenThrows(
        ValidationFailed,
        withFields({
          objectiveId: 'must name the new objective',
          keyResultIds: 'must name 1 key result id',
        }),
      ));

  it('does nothing when approved already', () =>
    spec
      .given([objectiveProposed, { type: 'ProposalApproved', data: approvedData() }])
      .when(approve)
      .thenNothingHappens());

  it('cannot approve a returned proposal before it is resubmitted', () =>
    spec
      .given(returnedProposal)
      .when(approve)
      .thenThrows(RuleViolated, /is returned/));

  it('cannot approve once the cycle is in review', () =>
    spec
      .given([objectiveProposed])
      .when({ ...approve, facts: { cycle: 'review' } })
      .thenThrows(RuleViolated, /is review/));

  describe('a key result proposal', () => {
    const approveKr: ApproveProposal = {
      ...approve,
      data: { proposalId, keyResultIds: ['checkout-nps'] },
      facts: { cycle: 'active', objective: { status: 'active', keyResultCount: 2 } },
    };

    it('approves it onto the objective', () =>
      spec
        .given([keyResultProposed])
        .when(approveKr)
        .then([
          {
            type: 'ProposalApproved',
            data: {
              proposalId,
              approvedBy: 'ann',
              revision: 1,
              cycleId,
              unit: { kind: 'squad', id: 'checkout' },
              proposer: 'eve',
              subject: { kind: 'key-result', objectiveId: 'effortless-checkout', draft: npsDraft },
              outcome: {
                kind: 'key-result',
                objectiveId: 'effortless-checkout',
                keyResultId: 'checkout-nps',
              },
            },
          },
        ]));

    it('refuses when the objective filled up meanwhile', () =>
      spec
        .given([keyResultProposed])
        .when({
          ...approveKr,
          facts: { cycle: 'active', objective: { status: 'active', keyResultCount: 5 } },
        })
        .thenThrows(RuleViolated, /already has 5 key results/));

    it('refuses when the objective is gone', () =>
      spec
        .given([keyResultProposed])
        .when({ ...approveKr, facts: { cycle: 'active', objective: 'none' } })
        .thenThrows(RuleViolated, /no longer exists/));
  });

  describe('return', () => {
    it('returns with a reason', () =>
      spec
        .given([objectiveProposed])
        .when({
          type: 'ReturnProposal',
          actor: ann,
          data: { proposalId, reason: ' NPS is the tribe’s; pick a checkout metric ' },
        })
        .then([proposalReturned]));

    it('always needs a reason', () =>
      spec
        .given([objectiveProposed])
        .when({ type: 'ReturnProposal', actor: ann, data: { proposalId, reason: '' } })
        .thenThrows(ValidationFailed, withFields({ reason: 'is required to return a proposal' })));

    it('cannot return what was returned already', () =>
      spec
        .given(returnedProposal)
        .when({ type: 'ReturnProposal', actor: ann, data: { proposalId, reason: 'again' } })
        .thenThrows(RuleViolated, /is returned/));
  });
});

describe('Revise and resubmit a returned proposal', () => {
  const resubmit: ProposalCommand = { type: 'ResubmitProposal', actor: eve, data: { proposalId } };

  it('a returned proposal can be revised', () =>
    spec.given(returnedProposal).when(revise).then([revised]));

  it('and resubmitted once revised', () =>
    spec
      .given([...returnedProposal, revised])
      .when(resubmit)
      .then([{ type: 'ProposalResubmitted', data: { proposalId, revision: 2 } }]));

  it('is not resubmitted unrevised', () =>
    spec
      .given(returnedProposal)
      .when(resubmit)
      .thenThrows(
        RuleViolated,
        /Revise the proposal before resubmitting it; it was returned because: NPS is the tribe’s/,
      ));

  it('a revision before the return does not count', () =>
    spec
      .given([
        objectiveProposed,
        revised,
        { ...proposalReturned, data: { ...proposalReturned.data, revision: 2 } },
      ])
      .when(resubmit)
      .thenThrows(RuleViolated, /Revise the proposal/));

  it('only the proposer resubmits', () =>
    spec
      .given([...returnedProposal, revised])
      .when({ ...resubmit, actor: ann })
      .thenThrows(Forbidden));

  it('resubmitting an open proposal changes nothing', () =>
    spec.given([objectiveProposed]).when(resubmit).thenNothingHappens());

  it('the lead can then approve the new revision', () =>
    spec
      .given([
        ...returnedProposal,
        revised,
        { type: 'ProposalResubmitted', data: { proposalId, revision: 2 } },
      ])
      .when(approve)
      .then([
        {
          type: 'ProposalApproved',
          data: {
            ...approvedData(),
            revision: 2,
            subject: revisedSubject,
          },
        },
      ]));
});

describe('Withdraw', () => {
  it('the proposer withdraws', () =>
    spec
      .given(returnedProposal)
      .when({
        type: 'WithdrawProposal',
        actor: eve,
        data: { proposalId, reason: 'Tribe will take it' },
      })
      .then([{ type: 'ProposalWithdrawn', data: { proposalId, reason: 'Tribe will take it' } }]));

  it('nobody else withdraws it', () =>
    spec
      .given([objectiveProposed])
      .when({ type: 'WithdrawProposal', actor: ann, data: { proposalId } })
      .thenThrows(Forbidden));

  it('an approved proposal stays approved', () =>
    spec
      .given([objectiveProposed, { type: 'ProposalApproved', data: approvedData() }])
      .when({ type: 'WithdrawProposal', actor: eve, data: { proposalId } })
      .thenThrows(RuleViolated, /is approved/));
});

function approvedData(): Extract<ProposalEvent, { type: 'ProposalApproved' }>['data'] {
  return {
    proposalId,
    approvedBy: 'ann',
    revision: 1,
    cycleId,
    unit: { kind: 'squad', id: 'checkout' },
    proposer: 'eve',
    subject: { kind: 'objective', draft: objectiveDraft },
    outcome: { kind: 'objective', objectiveId: 'loved-checkout', keyResultIds: ['checkout-nps'] },
  };
}
