import type { Event } from '@rhythm/event-sourcing';
import type { KeyResultDraft, ObjectiveDraft } from '../objective/objective-draft';
import type { Unit } from '../owner';

/**
 * Setting OKRs together (stream `proposal-<tenant>.<proposalId>`): anyone proposes an objective
 * or a key result for a unit, others comment and suggest, the unit's lead approves or returns it.
 */

/** What is proposed: a whole objective (with 0–5 key results), or a key result for one. */
export type ProposalSubject =
  | Readonly<{ kind: 'objective'; draft: ObjectiveDraft }>
  | Readonly<{ kind: 'key-result'; objectiveId: string; draft: KeyResultDraft }>;

export type ObjectiveProposed = Event<
  'ObjectiveProposed',
  { proposalId: string; cycleId: string; unit: Unit; proposer: string; draft: ObjectiveDraft }
>;

export type KeyResultProposed = Event<
  'KeyResultProposed',
  {
    proposalId: string;
    cycleId: string;
    /** The unit that owns the objective. */
    unit: Unit;
    objectiveId: string;
    proposer: string;
    draft: KeyResultDraft;
  }
>;

export type ProposalCommented = Event<
  'ProposalCommented',
  { proposalId: string; commentId: string; author: string; text: string }
>;

export type ChangeSuggested = Event<
  'ChangeSuggested',
  { proposalId: string; suggestionId: string; author: string; text: string }
>;

/** The proposer's new version; `revision` counts from 1 (the proposal as first made). */
export type ProposalRevised = Event<
  'ProposalRevised',
  {
    proposalId: string;
    revision: number;
    subject: ProposalSubject;
    addressedSuggestionIds: readonly string[];
  }
>;

export type ProposalResubmitted = Event<
  'ProposalResubmitted',
  { proposalId: string; revision: number }
>;

/** What approving a proposal creates, with the ids the approval chose. */
export type ProposalOutcome =
  | Readonly<{ kind: 'objective'; objectiveId: string; keyResultIds: readonly string[] }>
  | Readonly<{ kind: 'key-result'; objectiveId: string; keyResultId: string }>;

/**
 * The lead approved: the subject becomes part of the unit's OKRs. Self-contained, so the process
 * that creates the objective or key result needs nothing but this event (approved-proposal.process).
 */
export type ProposalApproved = Event<
  'ProposalApproved',
  {
    proposalId: string;
    approvedBy: string;
    revision: number;
    cycleId: string;
    unit: Unit;
    proposer: string;
    subject: ProposalSubject;
    outcome: ProposalOutcome;
  }
>;

export type ProposalReturned = Event<
  'ProposalReturned',
  { proposalId: string; returnedBy: string; reason: string; revision: number }
>;

export type ProposalWithdrawn = Event<'ProposalWithdrawn', { proposalId: string; reason?: string }>;

export type ProposalEvent =
  | ObjectiveProposed
  | KeyResultProposed
  | ProposalCommented
  | ChangeSuggested
  | ProposalRevised
  | ProposalResubmitted
  | ProposalApproved
  | ProposalReturned
  | ProposalWithdrawn;

const proposalEventTypeSet: Readonly<Record<ProposalEvent['type'], true>> = {
  ObjectiveProposed: true,
  KeyResultProposed: true,
  ProposalCommented: true,
  ChangeSuggested: true,
  ProposalRevised: true,
  ProposalResubmitted: true,
  ProposalApproved: true,
  ProposalReturned: true,
  ProposalWithdrawn: true,
};

export const isProposalEvent = <E extends Event>(event: E): event is E & ProposalEvent =>
  Object.hasOwn(proposalEventTypeSet, event.type);
