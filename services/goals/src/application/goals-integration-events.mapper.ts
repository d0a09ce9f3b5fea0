import {
  boardCreatedV1,
  boardRevokedV1,
  changeSuggestedV1,
  contributorAddedV1,
  contributorRemovedV1,
  cycleActivatedV1,
  cycleClosedV1,
  cyclePlannedV1,
  cycleReopenedV1,
  cycleRescheduledV1,
  cycleReviewStartedV1,
  cycleScoringRuleChangedV1,
  keyResultAchievedV1,
  keyResultAddedV1,
  keyResultAdjustedV1,
  keyResultDroppedV1,
  keyResultProgressedV1,
  keyResultScoreOverriddenV1,
  objectiveAbandonedV1,
  objectiveAchievedV1,
  objectiveActivatedV1,
  objectiveAdjustedV1,
  objectiveAlignedV1,
  objectiveCreatedV1,
  objectiveFollowedV1,
  objectiveScoredV1,
  objectiveUnalignedV1,
  objectiveUnfollowedV1,
  proposalApprovedV1,
  proposalCommentedV1,
  proposalResubmittedV1,
  proposalReturnedV1,
  proposalRevisedV1,
  proposalSubmittedV1,
  proposalWithdrawnV1,
  retrospectiveRecordedV1,
  reviewNoteRecordedV1,
  type IntegrationEnvelope,
} from '@rhythm/contracts';
import { assertNever, type RecordedEvent } from '@rhythm/event-sourcing';
import {
  isAmbitionEvent,
  type AmbitionEvent,
  type CycleEvent,
  type ObjectiveEvent,
  type ProposalEvent,
} from '../goals-domain';
import type { BoardEvent } from '../boards/board.events';

export type GoalsEvent = CycleEvent | ObjectiveEvent | ProposalEvent | AmbitionEvent | BoardEvent;

const reasonOf = (data: { reason?: string }): string | null => data.reason ?? null;

type Writable<T> = T extends (infer Item)[]
  ? Writable<Item>[]
  : T extends readonly (infer Item)[]
    ? Writable<Item>[]
    : T extends object
      ? { -readonly [Key in keyof T]: Writable<T[Key]> }
      : T;

/** Domain data is deeply readonly, contract input is not; envelope() validates it either way. */
const plain = <T>(data: T): Writable<T> => data as Writable<T>;

/**
 * Domain events are the goals context's private language; integration events are its public,
 * versioned promise (libs/contracts/src/goals, docs/events/goals.md). This is the one place where
 * the first becomes the second. Differences on purpose: personal ambitions are not published
 * (undefined: the relay skips them); adjustments of one kind share one event with a `field`;
 * both kinds of proposal are published as goals.proposal-submitted; a board is published without
 * its link id.
 */
export const toGoalsIntegrationEvent = (
  recorded: RecordedEvent<GoalsEvent>,
): IntegrationEnvelope | undefined => {
  const event = recorded as GoalsEvent & RecordedEvent;
  if (isAmbitionEvent(event)) return undefined;
  switch (event.type) {
    case 'CyclePlanned':
      return cyclePlannedV1.envelope(recorded, plain(event.data));
    case 'CycleRescheduled':
      return cycleRescheduledV1.envelope(recorded, { ...event.data, reason: reasonOf(event.data) });
    case 'CycleScoringRuleChanged':
      return cycleScoringRuleChangedV1.envelope(recorded, {
        ...plain(event.data),
        reason: reasonOf(event.data),
      });
    case 'CycleActivated':
      return cycleActivatedV1.envelope(recorded, event.data);
    case 'CycleReviewStarted':
      return cycleReviewStartedV1.envelope(recorded, event.data);
    case 'CycleReopened':
      return cycleReopenedV1.envelope(recorded, event.data);
    case 'CycleClosed':
      return cycleClosedV1.envelope(recorded, plain(event.data));
    case 'ObjectiveDefined':
      return objectiveCreatedV1.envelope(recorded, {
        ...event.data,
        fromProposalId: event.data.fromProposalId ?? null,
        fromTemplateId: event.data.fromTemplateId ?? null,
      });
    case 'KeyResultAdded':
      return keyResultAddedV1.envelope(recorded, {
        ...event.data,
        fromProposalId: event.data.fromProposalId ?? null,
        reason: reasonOf(event.data),
      });
    case 'ObjectiveActivated':
      return objectiveActivatedV1.envelope(recorded, event.data);
    case 'ObjectiveRenamed':
      return objectiveAdjustedV1.envelope(recorded, {
        objectiveId: event.data.objectiveId,
        field: 'text',
        title: event.data.title,
        description: event.data.description,
        reason: reasonOf(event.data),
      });
    case 'ObjectiveOwnerChanged':
      return objectiveAdjustedV1.envelope(recorded, {
        objectiveId: event.data.objectiveId,
        field: 'owner',
        owner: event.data.owner,
        reason: reasonOf(event.data),
      });
    case 'ObjectiveVisibilityChanged':
      return objectiveAdjustedV1.envelope(recorded, {
        objectiveId: event.data.objectiveId,
        field: 'visibility',
        visibility: event.data.visibility,
        reason: reasonOf(event.data),
      });
    case 'KeyResultRenamed':
      return keyResultAdjustedV1.envelope(recorded, {
        objectiveId: event.data.objectiveId,
        keyResultId: event.data.keyResultId,
        field: 'title',
        ...event.data.title,
        reason: reasonOf(event.data),
      });
    case 'KeyResultTargetAdjusted':
      return keyResultAdjustedV1.envelope(recorded, {
        objectiveId: event.data.objectiveId,
        keyResultId: event.data.keyResultId,
        field: 'target',
        ...event.data.target,
        lowersAmbition: event.data.lowersAmbition,
        reason: reasonOf(event.data),
      });
    case 'KeyResultOwnerChanged':
      return keyResultAdjustedV1.envelope(recorded, {
        objectiveId: event.data.objectiveId,
        keyResultId: event.data.keyResultId,
        field: 'owner',
        ...event.data.owner,
        reason: reasonOf(event.data),
      });
    case 'KeyResultReweighted':
      return keyResultAdjustedV1.envelope(recorded, {
        objectiveId: event.data.objectiveId,
        keyResultId: event.data.keyResultId,
        field: 'weight',
        ...event.data.weight,
        reason: reasonOf(event.data),
      });
    case 'KeyResultDropped':
      return keyResultDroppedV1.envelope(recorded, { ...event.data, reason: reasonOf(event.data) });
    case 'KeyResultProgressed':
      return keyResultProgressedV1.envelope(recorded, {
        objectiveId: event.data.objectiveId,
        keyResultId: event.data.keyResultId,
        value: event.data.value.after,
        previousValue: event.data.value.before,
        checkInId: event.data.checkInId ?? null,
      });
    case 'KeyResultAchieved':
      return keyResultAchievedV1.envelope(recorded, event.data);
    case 'ObjectiveAchieved':
      return objectiveAchievedV1.envelope(recorded, event.data);
    case 'ObjectiveAligned':
      return objectiveAlignedV1.envelope(recorded, event.data);
    case 'ObjectiveUnaligned':
      return objectiveUnalignedV1.envelope(recorded, {
        ...event.data,
        reason: reasonOf(event.data),
      });
    case 'ObjectiveFollowed':
      return objectiveFollowedV1.envelope(recorded, event.data);
    case 'ObjectiveUnfollowed':
      return objectiveUnfollowedV1.envelope(recorded, event.data);
    case 'ContributorAdded':
      return contributorAddedV1.envelope(recorded, event.data);
    case 'ContributorRemoved':
      return contributorRemovedV1.envelope(recorded, event.data);
    case 'ReviewNoteRecorded':
      return reviewNoteRecordedV1.envelope(recorded, event.data);
    case 'KeyResultScoreOverridden':
      return keyResultScoreOverriddenV1.envelope(recorded, event.data);
    case 'ObjectiveScored':
      return objectiveScoredV1.envelope(recorded, plain(event.data));
    case 'RetrospectiveRecorded':
      return retrospectiveRecordedV1.envelope(recorded, event.data);
    case 'ObjectiveAbandoned':
      return objectiveAbandonedV1.envelope(recorded, event.data);
    case 'ObjectiveProposed':
      return proposalSubmittedV1.envelope(recorded, {
        proposalId: event.data.proposalId,
        cycleId: event.data.cycleId,
        unit: event.data.unit,
        proposer: event.data.proposer,
        subject: { kind: 'objective', draft: plain(event.data.draft) },
      });
    case 'KeyResultProposed':
      return proposalSubmittedV1.envelope(recorded, {
        proposalId: event.data.proposalId,
        cycleId: event.data.cycleId,
        unit: event.data.unit,
        proposer: event.data.proposer,
        subject: {
          kind: 'key-result',
          objectiveId: event.data.objectiveId,
          draft: event.data.draft,
        },
      });
    case 'ProposalCommented':
      return proposalCommentedV1.envelope(recorded, event.data);
    case 'ChangeSuggested':
      return changeSuggestedV1.envelope(recorded, event.data);
    case 'ProposalRevised':
      return proposalRevisedV1.envelope(recorded, plain(event.data));
    case 'ProposalResubmitted':
      return proposalResubmittedV1.envelope(recorded, event.data);
    case 'ProposalApproved': {
      const { outcome } = event.data;
      return proposalApprovedV1.envelope(recorded, {
        proposalId: event.data.proposalId,
        approvedBy: event.data.approvedBy,
        revision: event.data.revision,
        cycleId: event.data.cycleId,
        unit: event.data.unit,
        proposer: event.data.proposer,
        objectiveId: outcome.objectiveId,
        keyResultIds:
          outcome.kind === 'objective' ? [...outcome.keyResultIds] : [outcome.keyResultId],
      });
    }
    case 'ProposalReturned':
      return proposalReturnedV1.envelope(recorded, event.data);
    case 'ProposalWithdrawn':
      return proposalWithdrawnV1.envelope(recorded, {
        ...event.data,
        reason: reasonOf(event.data),
      });
    case 'BoardCreated':
      // The link id stays in the event store (ADR 0052).
      return boardCreatedV1.envelope(recorded, {
        boardId: event.data.boardId,
        scope: event.data.scope,
        cycleId: event.data.cycleId,
        title: event.data.title,
      });
    case 'BoardRevoked':
      return boardRevokedV1.envelope(recorded, event.data);
    default:
      return assertNever(event);
  }
};
