/** The pure goals domain: what the goals application layer and its tests use. */
export * from './actor';
export * from './change';
export * from './command';
export * from './goals-streams';
export * from './owner';

export * from './cycle/cycle.decider';
export * from './cycle/cycle.events';
export * from './cycle/cycle.state';
export type { PlanCycle } from './cycle/plan-cycle.command';
export type { RescheduleCycle } from './cycle/reschedule-cycle.command';
export type { ChangeScoringRule } from './cycle/change-scoring-rule.command';
export type { ActivateCycle } from './cycle/activate-cycle.command';
export type { StartCycleReview } from './cycle/start-cycle-review.command';
export type { ReopenCycle } from './cycle/reopen-cycle.command';
export type { CloseCycle } from './cycle/close-cycle.command';

export * from './objective/metric';
export * from './objective/objective-draft';
export * from './objective/objective.decider';
export * from './objective/objective.events';
export * from './objective/objective.state';
export { objectiveNotFound } from './objective/objective.rules';
export type { DefineObjective } from './objective/define-objective.command';
export type { AddKeyResult } from './objective/add-key-result.command';
export type { ActivateObjective } from './objective/activate-objective.command';
export type { RenameObjective } from './objective/rename-objective.command';
export type { ChangeObjectiveOwner } from './objective/change-objective-owner.command';
export type { ChangeObjectiveVisibility } from './objective/change-objective-visibility.command';
export type { RenameKeyResult } from './objective/rename-key-result.command';
export type { AdjustKeyResultTarget } from './objective/adjust-key-result-target.command';
export type { ChangeKeyResultOwner } from './objective/change-key-result-owner.command';
export type { ReweighKeyResult } from './objective/reweigh-key-result.command';
export type { DropKeyResult } from './objective/drop-key-result.command';
export type { RecordProgress } from './objective/record-progress.command';
export type { AlignObjective, ParentFacts } from './objective/align-objective.command';
export type { UnalignObjective } from './objective/unalign-objective.command';
export type { FollowObjective } from './objective/follow-objective.command';
export type { UnfollowObjective } from './objective/unfollow-objective.command';
export type { AddContributor } from './objective/add-contributor.command';
export type { RemoveContributor } from './objective/remove-contributor.command';
export type { RecordReviewNote } from './objective/record-review-note.command';
export type { OverrideKeyResultScore } from './objective/override-key-result-score.command';
export type { ScoreObjective } from './objective/score-objective.command';
export type { RecordRetrospective } from './objective/record-retrospective.command';
export type { AbandonObjective } from './objective/abandon-objective.command';

export * from './alignment/alignment-graph';
export * from './alignment/progress-roll-up';

export * from './scoring/scoring-rule';
export * from './scoring/scoring.policy';
export * from './scoring/rescore.view';

export * from './proposal/proposal.decider';
export * from './proposal/proposal.events';
export * from './proposal/proposal.state';
export { proposalNotFound } from './proposal/proposal.rules';
export * from './proposal/approved-proposal.process';
export type { ProposeObjective } from './proposal/propose-objective.command';
export type { ProposeKeyResult, TargetObjectiveFacts } from './proposal/propose-key-result.command';
export type { CommentOnProposal } from './proposal/comment-on-proposal.command';
export type { SuggestChange } from './proposal/suggest-change.command';
export type { ReviseProposal, RevisedDraft } from './proposal/revise-proposal.command';
export type { ResubmitProposal } from './proposal/resubmit-proposal.command';
export type { ApproveProposal } from './proposal/approve-proposal.command';
export type { ReturnProposal } from './proposal/return-proposal.command';
export type { WithdrawProposal } from './proposal/withdraw-proposal.command';

export * from './ambition/ambition.decider';
export * from './ambition/ambition.events';
export * from './ambition/ambition.state';
export type { RecordAmbition } from './ambition/record-ambition.command';
export type { ReviseAmbition } from './ambition/revise-ambition.command';
export type { LinkAmbition } from './ambition/link-ambition.command';
export type { UnlinkAmbition } from './ambition/unlink-ambition.command';
export type { CloseAmbition } from './ambition/close-ambition.command';

export * from './templates/localised-text';
export * from './templates/objective-template';
export * from './templates/templates.catalog';
export * from './templates/training.catalog';
export * from './templates/objective-from-template';

export * from './time-travel/okr-tree';
export * from './time-travel/okr-diff';
// The edge's DTOs cap text as the deciders do, so the two cannot drift apart.
export { limits as inputLimits } from './input-rules';
