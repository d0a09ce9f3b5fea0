/** The pure checkins domain: what the checkins application layer (to come) and its tests use. */
export * from './actor';
export * from './command';
export * from './checkins-streams';
export * from './goal-facts';
export { limits as inputLimits } from './input-rules';

export * from './check-in/check-in.decider';
export * from './check-in/check-in.events';
export * from './check-in/check-in.state';
export * from './check-in/confidence';
export type { RecordCheckIn } from './check-in/record-check-in.command';
export type { CorrectCheckIn } from './check-in/correct-check-in.command';
export type { AcknowledgeCheckIn } from './check-in/acknowledge-check-in.command';

export * from './blocker/blocker.decider';
export * from './blocker/blocker.events';
export * from './blocker/blocker.state';
export type { RaiseBlocker, BlockerTargetFacts } from './blocker/raise-blocker.command';
export type { AcknowledgeBlocker } from './blocker/acknowledge-blocker.command';
export type { EscalateBlocker } from './blocker/escalate-blocker.command';
export type { ResolveBlocker } from './blocker/resolve-blocker.command';

export * from './cadence/cadence';
export * from './cadence/cadence.decider';
export * from './cadence/cadence.events';
export * from './cadence/cadence.state';
export * from './cadence/key-result-standing';
export type { SetCadence } from './cadence/set-cadence.command';
export type { SweepCadence, SweptKeyResult } from './cadence/sweep-cadence.command';

export * from './feedback/feedback-target';
export * from './feedback/reaction';
export * from './feedback/thread.decider';
export * from './feedback/thread.events';
export * from './feedback/thread.state';
export type { PostComment } from './feedback/post-comment.command';
export type { EditComment } from './feedback/edit-comment.command';
export type { DeleteComment } from './feedback/delete-comment.command';
export type { AddReaction } from './feedback/add-reaction.command';
export type { RemoveReaction } from './feedback/remove-reaction.command';

export * from './insight/insight.decider';
export * from './insight/insight.events';
export * from './insight/insight.state';
export type { PostInsight, InsightFacts } from './insight/post-insight.command';
export type { ReviseInsight } from './insight/revise-insight.command';
export type { WithdrawInsight } from './insight/withdraw-insight.command';

export * from './rhythm/rhythm.events';
export * from './rhythm/organisation-settings';
export * from './rhythm/absence';
