import type { Decider } from '@rhythm/event-sourcing';
import { assertNever } from '@rhythm/event-sourcing';
import type { ApproveProposal } from './approve-proposal.command';
import { approveProposal } from './approve-proposal.command';
import type { CommentOnProposal } from './comment-on-proposal.command';
import { commentOnProposal } from './comment-on-proposal.command';
import type { ProposalEvent } from './proposal.events';
import type { ProposalState } from './proposal.state';
import { evolveProposal, initialProposalState } from './proposal.state';
import type { ProposeKeyResult } from './propose-key-result.command';
import { proposeKeyResult } from './propose-key-result.command';
import type { ProposeObjective } from './propose-objective.command';
import { proposeObjective } from './propose-objective.command';
import type { ResubmitProposal } from './resubmit-proposal.command';
import { resubmitProposal } from './resubmit-proposal.command';
import type { ReturnProposal } from './return-proposal.command';
import { returnProposal } from './return-proposal.command';
import type { ReviseProposal } from './revise-proposal.command';
import { reviseProposal } from './revise-proposal.command';
import type { SuggestChange } from './suggest-change.command';
import { suggestChange } from './suggest-change.command';
import type { WithdrawProposal } from './withdraw-proposal.command';
import { withdrawProposal } from './withdraw-proposal.command';

export type ProposalCommand =
  | ProposeObjective
  | ProposeKeyResult
  | CommentOnProposal
  | SuggestChange
  | ReviseProposal
  | ResubmitProposal
  | ApproveProposal
  | ReturnProposal
  | WithdrawProposal;

const decide = (command: ProposalCommand, state: ProposalState): readonly ProposalEvent[] => {
  switch (command.type) {
    case 'ProposeObjective':
      return proposeObjective(command, state);
    case 'ProposeKeyResult':
      return proposeKeyResult(command, state);
    case 'CommentOnProposal':
      return commentOnProposal(command, state);
    case 'SuggestChange':
      return suggestChange(command, state);
    case 'ReviseProposal':
      return reviseProposal(command, state);
    case 'ResubmitProposal':
      return resubmitProposal(command, state);
    case 'ApproveProposal':
      return approveProposal(command, state);
    case 'ReturnProposal':
      return returnProposal(command, state);
    case 'WithdrawProposal':
      return withdrawProposal(command, state);
    default:
      return assertNever(command);
  }
};

/** Stream `proposal-<tenant>.<proposalId>`. */
export const proposalDecider: Decider<ProposalCommand, ProposalState, ProposalEvent> = {
  decide,
  evolve: evolveProposal,
  initialState: initialProposalState,
};
