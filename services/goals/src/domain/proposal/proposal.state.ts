import { assertNever } from '@rhythm/event-sourcing';
import type { Unit } from '../owner';
import type { ProposalEvent, ProposalSubject } from './proposal.events';

/** open ⇄ returned (revise, resubmit) → approved; open or returned → withdrawn. */
export type ProposalStatus = 'open' | 'returned' | 'approved' | 'withdrawn';

export type ProposalComment = Readonly<{ commentId: string; author: string; text: string }>;

export type Suggestion = Readonly<{
  suggestionId: string;
  author: string;
  text: string;
  /** The revision that took it up, if one did. */
  addressedIn?: number;
}>;

export type Proposal = Readonly<{
  status: ProposalStatus;
  proposalId: string;
  cycleId: string;
  unit: Unit;
  proposer: string;
  subject: ProposalSubject;
  revision: number;
  comments: readonly ProposalComment[];
  suggestions: readonly Suggestion[];
  /** Why it was last returned, and whether it was revised since. */
  lastReturn?: Readonly<{ by: string; reason: string; revisedSince: boolean }>;
}>;

export type ProposalState = Readonly<{ status: 'none' }> | Proposal;

export const initialProposalState = (): ProposalState => ({ status: 'none' });

export const evolveProposal = (state: ProposalState, event: ProposalEvent): ProposalState => {
  if (event.type === 'ObjectiveProposed') {
    const { draft, ...proposed } = event.data;
    return open({ ...proposed, subject: { kind: 'objective', draft } });
  }
  if (event.type === 'KeyResultProposed') {
    const { draft, objectiveId, ...proposed } = event.data;
    return open({ ...proposed, subject: { kind: 'key-result', objectiveId, draft } });
  }
  if (state.status === 'none') return state;
  switch (event.type) {
    case 'ProposalCommented': {
      const { commentId, author, text } = event.data;
      return { ...state, comments: [...state.comments, { commentId, author, text }] };
    }
    case 'ChangeSuggested': {
      const { suggestionId, author, text } = event.data;
      return { ...state, suggestions: [...state.suggestions, { suggestionId, author, text }] };
    }
    case 'ProposalRevised': {
      const { revision, subject, addressedSuggestionIds } = event.data;
      return {
        ...state,
        revision,
        subject,
        suggestions: state.suggestions.map((suggestion) =>
          addressedSuggestionIds.includes(suggestion.suggestionId)
            ? { ...suggestion, addressedIn: revision }
            : suggestion,
        ),
        ...(state.lastReturn === undefined
          ? {}
          : { lastReturn: { ...state.lastReturn, revisedSince: true } }),
      };
    }
    case 'ProposalResubmitted':
      return { ...state, status: 'open' };
    case 'ProposalApproved':
      return { ...state, status: 'approved' };
    case 'ProposalReturned':
      return {
        ...state,
        status: 'returned',
        lastReturn: { by: event.data.returnedBy, reason: event.data.reason, revisedSince: false },
      };
    case 'ProposalWithdrawn':
      return { ...state, status: 'withdrawn' };
    default:
      return assertNever(event);
  }
};

const open = (
  proposed: Pick<Proposal, 'proposalId' | 'cycleId' | 'unit' | 'proposer' | 'subject'>,
): Proposal => ({ status: 'open', ...proposed, revision: 1, comments: [], suggestions: [] });
