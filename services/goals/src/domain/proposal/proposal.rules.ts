import { Forbidden, NotFound, RuleViolated, type Problem } from '@rhythm/event-sourcing';
import type { Actor } from '../actor';
import { mayManage } from '../actor';
import type { KeyResultDraft } from '../objective/objective-draft';
import { describeOwner } from '../owner';
import type { Proposal, ProposalState, ProposalStatus } from './proposal.state';

/** The one answer for a proposal that does not exist, and for one the caller may not see. */
export const proposalNotFound = (proposalId: string): NotFound =>
  new NotFound(`Proposal ${proposalId} not found`);

export const existingProposal = (state: ProposalState, proposalId: string): Proposal => {
  if (state.status === 'none') throw proposalNotFound(proposalId);
  return state;
};

export const assertProposalIn = (
  proposal: Proposal,
  allowed: readonly ProposalStatus[],
  doing: string,
): void => {
  if (allowed.includes(proposal.status)) return;
  throw new RuleViolated(`Cannot ${doing}: the proposal is ${proposal.status}`, {
    proposal: proposal.status,
  });
};

/** Only the unit's lead (or an admin) decides on a proposal for it. */
export const assertMayDecide = (actor: Actor, proposal: Proposal, doing: string): void => {
  if (mayManage(actor, proposal.unit)) return;
  throw new Forbidden(`Only the lead of ${describeOwner(proposal.unit)} or an admin can ${doing}`);
};

export const assertIsProposer = (actor: Actor, proposal: Proposal, doing: string): void => {
  if (actor.personId === proposal.proposer) return;
  throw new Forbidden(`Only ${proposal.proposer}, who made the proposal, can ${doing}`);
};

/** Key result owners the organisation does not know, as field problems. */
export const unknownOwnerProblems = (
  keyResults: readonly (KeyResultDraft & { field: string })[],
  unknownPeople: readonly string[],
): Record<string, Problem> =>
  Object.fromEntries(
    keyResults
      .filter((keyResult) => unknownPeople.includes(keyResult.owner.trim()))
      .map((keyResult) => [keyResult.field, 'unknown person']),
  );

export const rejectUnknownOwners = (problems: Record<string, Problem>): void => {
  if (Object.keys(problems).length === 0) return;
  throw new RuleViolated(
    'Every key result owner must be a person of this organisation',
    problems as Record<string, string>,
  );
};
