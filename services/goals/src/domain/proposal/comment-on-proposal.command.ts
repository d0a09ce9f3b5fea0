import { AlreadyExists, rejectInvalid, textProblem } from '@rhythm/event-sourcing';
import type { Command } from '../command';
import { clean, limits } from '../input-rules';
import type { ProposalCommented } from './proposal.events';
import { assertProposalIn, existingProposal } from './proposal.rules';
import type { ProposalState } from './proposal.state';

export type CommentOnProposal = Command<
  'CommentOnProposal',
  { proposalId: string; commentId: string; text: string }
>;

/** Anyone may join the conversation while the proposal is being decided on. */
export const commentOnProposal = (
  command: CommentOnProposal,
  state: ProposalState,
): ProposalCommented[] => {
  const { data } = command;
  const proposal = existingProposal(state, data.proposalId);
  rejectInvalid({ text: textProblem(data.text, limits.note) });
  assertProposalIn(proposal, ['open', 'returned'], 'comment');
  if (proposal.comments.some((comment) => comment.commentId === data.commentId)) {
    throw new AlreadyExists(`Comment ${data.commentId} already exists`);
  }
  return [
    {
      type: 'ProposalCommented',
      data: {
        proposalId: proposal.proposalId,
        commentId: data.commentId,
        author: command.actor.personId,
        text: clean(data.text),
      },
    },
  ];
};
