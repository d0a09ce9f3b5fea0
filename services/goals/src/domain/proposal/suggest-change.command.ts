import { AlreadyExists, rejectInvalid, textProblem } from '@rhythm/event-sourcing';
import type { Command } from '../command';
import { clean, limits } from '../input-rules';
import type { ChangeSuggested } from './proposal.events';
import { assertProposalIn, existingProposal } from './proposal.rules';
import type { ProposalState } from './proposal.state';

export type SuggestChange = Command<
  'SuggestChange',
  { proposalId: string; suggestionId: string; text: string }
>;

/**
 * A suggestion is a comment that asks for a change; the proposer's revision says which ones it
 * took up, so people see what became of theirs.
 */
export const suggestChange = (command: SuggestChange, state: ProposalState): ChangeSuggested[] => {
  const { data } = command;
  const proposal = existingProposal(state, data.proposalId);
  rejectInvalid({ text: textProblem(data.text, limits.note) });
  assertProposalIn(proposal, ['open', 'returned'], 'suggest a change');
  if (proposal.suggestions.some((s) => s.suggestionId === data.suggestionId)) {
    throw new AlreadyExists(`Suggestion ${data.suggestionId} already exists`);
  }
  return [
    {
      type: 'ChangeSuggested',
      data: {
        proposalId: proposal.proposalId,
        suggestionId: data.suggestionId,
        author: command.actor.personId,
        text: clean(data.text),
      },
    },
  ];
};
