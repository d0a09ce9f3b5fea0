import { RuleViolated } from '@rhythm/event-sourcing';
import type { Command } from '../command';
import type { ProposalResubmitted } from './proposal.events';
import { assertIsProposer, assertProposalIn, existingProposal } from './proposal.rules';
import type { ProposalState } from './proposal.state';

export type ResubmitProposal = Command<'ResubmitProposal', { proposalId: string }>;

/** A returned proposal goes back to the lead once it has been revised. */
export const resubmitProposal = (
  command: ResubmitProposal,
  state: ProposalState,
): ProposalResubmitted[] => {
  const proposal = existingProposal(state, command.data.proposalId);
  assertIsProposer(command.actor, proposal, 'resubmit it');
  if (proposal.status === 'open') return [];
  assertProposalIn(proposal, ['returned'], 'resubmit the proposal');
  if (proposal.lastReturn?.revisedSince !== true) {
    throw new RuleViolated(
      `Revise the proposal before resubmitting it; it was returned because: ${proposal.lastReturn?.reason ?? ''}`,
      { revision: 'not revised since returned' },
    );
  }
  return [
    {
      type: 'ProposalResubmitted',
      data: { proposalId: proposal.proposalId, revision: proposal.revision },
    },
  ];
};
