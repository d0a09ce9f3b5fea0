import { rejectInvalid } from '@rhythm/event-sourcing';
import type { Command } from '../command';
import { cleanReason, reasonProblem } from '../input-rules';
import type { ProposalWithdrawn } from './proposal.events';
import { assertIsProposer, assertProposalIn, existingProposal } from './proposal.rules';
import type { ProposalState } from './proposal.state';

export type WithdrawProposal = Command<'WithdrawProposal', { proposalId: string; reason?: string }>;

export const withdrawProposal = (
  command: WithdrawProposal,
  state: ProposalState,
): ProposalWithdrawn[] => {
  const { data } = command;
  const proposal = existingProposal(state, data.proposalId);
  assertIsProposer(command.actor, proposal, 'withdraw it');
  rejectInvalid({ reason: reasonProblem(data.reason) });
  if (proposal.status === 'withdrawn') return [];
  assertProposalIn(proposal, ['open', 'returned'], 'withdraw the proposal');
  return [
    {
      type: 'ProposalWithdrawn',
      data: { proposalId: proposal.proposalId, ...cleanReason(data.reason) },
    },
  ];
};
