import type { KeyResultDraft, ObjectiveDraft } from '../objective/objective-draft';
import type {
  KeyResultProposed,
  ObjectiveProposed,
  ProposalEvent,
  ProposalReturned,
} from '../proposal/proposal.events';
import { cycleId } from './cycle.fixtures';

export const proposalId = 'p-42';

export const npsDraft: KeyResultDraft = {
  title: 'Raise NPS from 31 to 41',
  metric: { type: 'number', unit: 'points', start: 31, target: 41, direction: 'increase' },
  owner: 'bob',
  weight: 1,
};

export const objectiveDraft: ObjectiveDraft = {
  title: 'Customers love paying with us',
  description: 'Checkout is where we lose people',
  kind: 'aspirational',
  visibility: 'public',
  keyResults: [npsDraft],
};

/** eve proposes an objective for squad Checkout (led by ann). */
export const objectiveProposed: ObjectiveProposed = {
  type: 'ObjectiveProposed',
  data: {
    proposalId,
    cycleId,
    unit: { kind: 'squad', id: 'checkout' },
    proposer: 'eve',
    draft: objectiveDraft,
  },
};

/** eve proposes a key result for the squad's objective effortless-checkout. */
export const keyResultProposed: KeyResultProposed = {
  type: 'KeyResultProposed',
  data: {
    proposalId,
    cycleId,
    unit: { kind: 'squad', id: 'checkout' },
    objectiveId: 'effortless-checkout',
    proposer: 'eve',
    draft: npsDraft,
  },
};

export const proposalReturned: ProposalReturned = {
  type: 'ProposalReturned',
  data: {
    proposalId,
    returnedBy: 'ann',
    reason: 'NPS is the tribe’s; pick a checkout metric',
    revision: 1,
  },
};

export const returnedProposal: readonly ProposalEvent[] = [objectiveProposed, proposalReturned];
