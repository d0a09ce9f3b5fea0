import * as boards from './board.integration-events';
import * as cycles from './cycle.integration-events';
import * as objectives from './objective.integration-events';
import * as proposals from './proposal.integration-events';

export * from './board.integration-events';
export * from './cycle.integration-events';
export * from './objective.integration-events';
export * from './proposal.integration-events';
export { goalsIntegrationEventExamples } from './goals-integration-event.examples';

/**
 * Every integration event the goals context publishes on `rhythm.goals.events`, in catalog order.
 * Personal ambitions are private to the person and are not published (ADR 0021).
 */
export const goalsIntegrationEvents = [
  cycles.cyclePlannedV1,
  cycles.cycleRescheduledV1,
  cycles.cycleScoringRuleChangedV1,
  cycles.cycleActivatedV1,
  cycles.cycleReviewStartedV1,
  cycles.cycleReopenedV1,
  cycles.cycleClosedV1,
  objectives.objectiveCreatedV1,
  objectives.keyResultAddedV1,
  objectives.objectiveActivatedV1,
  objectives.objectiveAdjustedV1,
  objectives.keyResultAdjustedV1,
  objectives.keyResultDroppedV1,
  objectives.keyResultProgressedV1,
  objectives.keyResultAchievedV1,
  objectives.objectiveAchievedV1,
  objectives.objectiveAlignedV1,
  objectives.objectiveUnalignedV1,
  objectives.objectiveFollowedV1,
  objectives.objectiveUnfollowedV1,
  objectives.contributorAddedV1,
  objectives.contributorRemovedV1,
  objectives.reviewNoteRecordedV1,
  objectives.keyResultScoreOverriddenV1,
  objectives.objectiveScoredV1,
  objectives.retrospectiveRecordedV1,
  objectives.objectiveAbandonedV1,
  proposals.proposalSubmittedV1,
  proposals.proposalCommentedV1,
  proposals.changeSuggestedV1,
  proposals.proposalRevisedV1,
  proposals.proposalResubmittedV1,
  proposals.proposalApprovedV1,
  proposals.proposalReturnedV1,
  proposals.proposalWithdrawnV1,
  boards.boardCreatedV1,
  boards.boardRevokedV1,
] as const;
