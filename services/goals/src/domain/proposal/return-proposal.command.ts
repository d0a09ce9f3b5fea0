import { rejectInvalid } from '@rhythm/event-sourcing';
import type { Command } from '../command';
import { clean, reasonProblem } from '../input-rules';
import type { ProposalReturned } from './proposal.events';
import { assertMayDecide, assertProposalIn, existingProposal } from './proposal.rules';
import type { ProposalState } from './proposal.state';

export type ReturnProposal = Command<'ReturnProposal', { proposalId: string; reason: string }>;

/** The lead sends it back to the proposer, always saying why. */
export const returnProposal = (
  command: ReturnProposal,
  state: ProposalState,
): ProposalReturned[] => {
  const { data } = command;
  const proposal = existingProposal(state, data.proposalId);
  assertMayDecide(command.actor, proposal, 'return proposals for it');
  rejectInvalid({ reason: reasonProblem(data.reason, 'to return a proposal') });
  assertProposalIn(proposal, ['open'], 'return the proposal');
  return [
    {
      type: 'ProposalReturned',
      data: {
        proposalId: proposal.proposalId,
        returnedBy: command.actor.personId,
        reason: clean(data.reason),
        revision: proposal.revision,
      },
    },
  ];
};
