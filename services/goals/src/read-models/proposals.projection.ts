import { assertNever, type RecordedEvent } from '@rhythm/event-sourcing';
import { defineProjection } from '@rhythm/projections';
import type {
  ProposalEvent,
  ProposalOutcome,
  ProposalStatus,
  ProposalSubject,
  Unit,
} from '@rhythm/goals-domain';
import { mapKey, ownerKey } from './read-model-keys';

export type ProposalCommentEntry = {
  commentId: string;
  author: string;
  text: string;
  at: string;
  order: number;
};

export type SuggestionEntry = {
  suggestionId: string;
  author: string;
  text: string;
  at: string;
  order: number;
  /** The revision that took it up. */
  addressedIn?: number;
};

/** A proposal with its discussion, as it is now. */
export type ProposalDocument = {
  _id: string;
  tenantId: string;
  proposalId: string;
  cycleId: string;
  unit: Unit;
  unitKey: string;
  proposer: string;
  subject: ProposalSubject;
  status: ProposalStatus;
  revision: number;
  comments: Record<string, ProposalCommentEntry>;
  suggestions: Record<string, SuggestionEntry>;
  lastReturn?: { by: string; reason: string; at: string; revisedSince: boolean };
  approval?: { by: string; at: string; revision: number; outcome: ProposalOutcome };
  withdrawal?: { at: string; reason?: string };
  proposedAt: string;
  updatedAt: string;
};

export const proposalsEventTypes = [
  'ObjectiveProposed',
  'KeyResultProposed',
  'ProposalCommented',
  'ChangeSuggested',
  'ProposalRevised',
  'ProposalResubmitted',
  'ProposalApproved',
  'ProposalReturned',
  'ProposalWithdrawn',
] as const satisfies readonly ProposalEvent['type'][];

/** One document per proposal, written by its own stream: 'stream' guards by revision. */
export const proposalsProjection = defineProjection({
  name: 'goals_proposals',
  // 2: documents keyed by tenant and id (ADR 0025).
  version: 2,
  handles: proposalsEventTypes,
  streamPrefixes: ['proposal-'],
  collections: [
    {
      name: 'goals_proposals',
      guard: 'stream',
      indexes: [
        { keys: { tenantId: 1, unitKey: 1, proposedAt: -1 }, serves: 'proposals for a unit' },
        { keys: { tenantId: 1, cycleId: 1 }, serves: 'proposals of a cycle' },
      ],
    },
  ],
  apply: async (event: RecordedEvent<ProposalEvent>, context) => {
    const at = event.metadata.occurredAt;
    const id = event.data.proposalId;
    const set = (fields: Record<string, unknown>) =>
      context.update('goals_proposals', id, { $set: { ...fields, updatedAt: at } });
    const proposed = (
      data: Pick<ProposalDocument, 'proposalId' | 'cycleId' | 'unit' | 'proposer' | 'subject'>,
    ) =>
      context.upsert('goals_proposals', id, {
        $set: {
          ...data,
          unitKey: ownerKey(data.unit),
          status: 'open',
          revision: 1,
          comments: {},
          suggestions: {},
          proposedAt: at,
          updatedAt: at,
        },
      });
    switch (event.type) {
      case 'ObjectiveProposed': {
        const { draft, ...data } = event.data;
        return proposed({ ...data, subject: { kind: 'objective', draft } });
      }
      case 'KeyResultProposed': {
        const { draft, objectiveId, ...data } = event.data;
        return proposed({ ...data, subject: { kind: 'key-result', objectiveId, draft } });
      }
      case 'ProposalCommented': {
        const { commentId, author, text } = event.data;
        const comment: ProposalCommentEntry = {
          commentId,
          author,
          text,
          at,
          order: event.streamRevision,
        };
        return set({ [`comments.${mapKey(commentId)}`]: comment });
      }
      case 'ChangeSuggested': {
        const { suggestionId, author, text } = event.data;
        const suggestion: SuggestionEntry = {
          suggestionId,
          author,
          text,
          at,
          order: event.streamRevision,
        };
        return set({ [`suggestions.${mapKey(suggestionId)}`]: suggestion });
      }
      case 'ProposalRevised': {
        const { revision, subject, addressedSuggestionIds } = event.data;
        // Rare: read whether it was returned, so that lastReturn is only touched when it exists.
        const document = await context.findOne<ProposalDocument>('goals_proposals', id);
        return set({
          revision,
          subject,
          ...Object.fromEntries(
            addressedSuggestionIds.map((suggestionId) => [
              `suggestions.${mapKey(suggestionId)}.addressedIn`,
              revision,
            ]),
          ),
          ...(document?.lastReturn === undefined ? {} : { 'lastReturn.revisedSince': true }),
        });
      }
      case 'ProposalResubmitted':
        return set({ status: 'open', revision: event.data.revision });
      case 'ProposalApproved':
        return set({
          status: 'approved',
          approval: {
            by: event.data.approvedBy,
            at,
            revision: event.data.revision,
            outcome: event.data.outcome,
          },
        });
      case 'ProposalReturned':
        return set({
          status: 'returned',
          lastReturn: {
            by: event.data.returnedBy,
            reason: event.data.reason,
            at,
            revisedSince: false,
          },
        });
      case 'ProposalWithdrawn':
        return set({
          status: 'withdrawn',
          withdrawal: {
            at,
            ...(event.data.reason === undefined ? {} : { reason: event.data.reason }),
          },
        });
      default:
        return assertNever(event);
    }
  },
});
