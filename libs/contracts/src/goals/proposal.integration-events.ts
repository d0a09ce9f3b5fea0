import { z } from 'zod';
import { defineIntegrationEvent } from '../registry/integration-event-definition';
import { entityId, keyResultDraft, longText, objectiveDraft, unit } from './goals-contract-fields';

/** What is proposed: a whole objective, or a key result for an existing objective. */
const subject = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('objective'), draft: objectiveDraft }),
  z.object({ kind: z.literal('key-result'), objectiveId: entityId, draft: keyResultDraft }),
]);

export const proposalSubmittedV1 = defineIntegrationEvent({
  type: 'goals.proposal-submitted',
  version: 1,
  description:
    "Someone proposed an objective or a key result for a unit; the unit's lead approves or " +
    'returns it.',
  schema: z.object({
    proposalId: entityId,
    cycleId: entityId,
    unit,
    proposer: entityId,
    subject,
  }),
});

export const proposalCommentedV1 = defineIntegrationEvent({
  type: 'goals.proposal-commented',
  version: 1,
  description: 'A comment on a proposal.',
  schema: z.object({ proposalId: entityId, commentId: entityId, author: entityId, text: longText }),
});

export const changeSuggestedV1 = defineIntegrationEvent({
  type: 'goals.change-suggested',
  version: 1,
  description: 'A suggested change to a proposal, for the proposer to take up in a revision.',
  schema: z.object({
    proposalId: entityId,
    suggestionId: entityId,
    author: entityId,
    text: longText,
  }),
});

export const proposalRevisedV1 = defineIntegrationEvent({
  type: 'goals.proposal-revised',
  version: 1,
  description: "The proposer's new version (revision counts from 1, the proposal as first made).",
  schema: z.object({
    proposalId: entityId,
    revision: z.number().int().min(2),
    subject,
    addressedSuggestionIds: z.array(entityId),
  }),
});

export const proposalResubmittedV1 = defineIntegrationEvent({
  type: 'goals.proposal-resubmitted',
  version: 1,
  description: 'A returned proposal was submitted again.',
  schema: z.object({ proposalId: entityId, revision: z.number().int().min(1) }),
});

export const proposalApprovedV1 = defineIntegrationEvent({
  type: 'goals.proposal-approved',
  version: 1,
  description:
    "The unit's lead (or an admin) approved the proposal: it becomes part of the unit's OKRs. " +
    'goals.objective-created / goals.key-result-added follow with fromProposalId set.',
  schema: z.object({
    proposalId: entityId,
    approvedBy: entityId,
    revision: z.number().int().min(1),
    cycleId: entityId,
    unit,
    proposer: entityId,
    objectiveId: entityId,
    keyResultIds: z.array(entityId),
  }),
});

export const proposalReturnedV1 = defineIntegrationEvent({
  type: 'goals.proposal-returned',
  version: 1,
  description: "The unit's lead returned the proposal to the proposer, with a reason.",
  schema: z.object({
    proposalId: entityId,
    returnedBy: entityId,
    reason: z.string().min(1).max(1000),
    revision: z.number().int().min(1),
  }),
});

export const proposalWithdrawnV1 = defineIntegrationEvent({
  type: 'goals.proposal-withdrawn',
  version: 1,
  description: 'The proposer withdrew the proposal.',
  schema: z.object({ proposalId: entityId, reason: z.string().max(1000).nullable() }),
});
