import { isAdmin, type Session } from '../../api/session';
import type { Proposal } from './api';
import { leadsUnit, type OrgDirectory } from '../../org/org-directory';

// What the signed-in person may do with a proposal, as the goals service decides it
// (services/goals/src/domain/proposal): the buttons shown are the ones that will be accepted.

/** The unit's lead (or an admin) approves or returns an open proposal. */
export const mayDecide = (
  session: Session | null | undefined,
  directory: OrgDirectory | undefined,
  proposal: Proposal,
): boolean => proposal.status === 'open' && leadsUnit(session, directory, proposal.unit);

/** The proposer revises an open or returned proposal, resubmits a returned one, withdraws either. */
export const isProposer = (session: Session | null | undefined, proposal: Proposal): boolean =>
  session?.personId === proposal.proposer;

export const isUnderDiscussion = (proposal: Proposal): boolean =>
  proposal.status === 'open' || proposal.status === 'returned';

/** Waiting on me: open ones I decide on, and my own that came back to me. */
export const waitsOn = (
  session: Session | null | undefined,
  directory: OrgDirectory | undefined,
  proposal: Proposal,
): boolean =>
  mayDecide(session, directory, proposal) ||
  (proposal.status === 'returned' && isProposer(session, proposal));

export const titleOf = (proposal: Proposal): string => proposal.subject.draft.title;

export { isAdmin };
