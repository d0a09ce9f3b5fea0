import type { Decider } from '@rhythm/event-sourcing';
import { assertNever } from '@rhythm/event-sourcing';
import { withAchievements } from './achievements';
import type { AbandonObjective } from './abandon-objective.command';
import { abandonObjective } from './abandon-objective.command';
import type { ActivateObjective } from './activate-objective.command';
import { activateObjective } from './activate-objective.command';
import type { AddContributor } from './add-contributor.command';
import { addContributor } from './add-contributor.command';
import type { AddKeyResult } from './add-key-result.command';
import { addKeyResult } from './add-key-result.command';
import type { AdjustKeyResultTarget } from './adjust-key-result-target.command';
import { adjustKeyResultTarget } from './adjust-key-result-target.command';
import type { AlignObjective } from './align-objective.command';
import { alignObjective } from './align-objective.command';
import type { ChangeKeyResultOwner } from './change-key-result-owner.command';
import { changeKeyResultOwner } from './change-key-result-owner.command';
import type { ChangeObjectiveOwner } from './change-objective-owner.command';
import { changeObjectiveOwner } from './change-objective-owner.command';
import type { ChangeObjectiveVisibility } from './change-objective-visibility.command';
import { changeObjectiveVisibility } from './change-objective-visibility.command';
import type { DefineObjective } from './define-objective.command';
import { defineObjective } from './define-objective.command';
import type { DropKeyResult } from './drop-key-result.command';
import { dropKeyResult } from './drop-key-result.command';
import type { FollowObjective } from './follow-objective.command';
import { followObjective } from './follow-objective.command';
import type { ObjectiveEvent } from './objective.events';
import type { ObjectiveState } from './objective.state';
import { evolveObjective, initialObjectiveState } from './objective.state';
import type { OverrideKeyResultScore } from './override-key-result-score.command';
import { overrideKeyResultScore } from './override-key-result-score.command';
import type { RecordProgress } from './record-progress.command';
import { recordProgress } from './record-progress.command';
import type { RecordRetrospective } from './record-retrospective.command';
import { recordRetrospective } from './record-retrospective.command';
import type { RecordReviewNote } from './record-review-note.command';
import { recordReviewNote } from './record-review-note.command';
import type { RemoveContributor } from './remove-contributor.command';
import { removeContributor } from './remove-contributor.command';
import type { RenameKeyResult } from './rename-key-result.command';
import { renameKeyResult } from './rename-key-result.command';
import type { RenameObjective } from './rename-objective.command';
import { renameObjective } from './rename-objective.command';
import type { ReweighKeyResult } from './reweigh-key-result.command';
import { reweighKeyResult } from './reweigh-key-result.command';
import type { ScoreObjective } from './score-objective.command';
import { scoreObjective } from './score-objective.command';
import type { UnalignObjective } from './unalign-objective.command';
import { unalignObjective } from './unalign-objective.command';
import type { UnfollowObjective } from './unfollow-objective.command';
import { unfollowObjective } from './unfollow-objective.command';

export type ObjectiveCommand =
  | DefineObjective
  | AddKeyResult
  | ActivateObjective
  | RenameObjective
  | ChangeObjectiveOwner
  | ChangeObjectiveVisibility
  | RenameKeyResult
  | AdjustKeyResultTarget
  | ChangeKeyResultOwner
  | ReweighKeyResult
  | DropKeyResult
  | RecordProgress
  | AlignObjective
  | UnalignObjective
  | FollowObjective
  | UnfollowObjective
  | AddContributor
  | RemoveContributor
  | RecordReviewNote
  | OverrideKeyResultScore
  | ScoreObjective
  | RecordRetrospective
  | AbandonObjective;

const decideCommand = (
  command: ObjectiveCommand,
  state: ObjectiveState,
): readonly ObjectiveEvent[] => {
  switch (command.type) {
    case 'DefineObjective':
      return defineObjective(command, state);
    case 'AddKeyResult':
      return addKeyResult(command, state);
    case 'ActivateObjective':
      return activateObjective(command, state);
    case 'RenameObjective':
      return renameObjective(command, state);
    case 'ChangeObjectiveOwner':
      return changeObjectiveOwner(command, state);
    case 'ChangeObjectiveVisibility':
      return changeObjectiveVisibility(command, state);
    case 'RenameKeyResult':
      return renameKeyResult(command, state);
    case 'AdjustKeyResultTarget':
      return adjustKeyResultTarget(command, state);
    case 'ChangeKeyResultOwner':
      return changeKeyResultOwner(command, state);
    case 'ReweighKeyResult':
      return reweighKeyResult(command, state);
    case 'DropKeyResult':
      return dropKeyResult(command, state);
    case 'RecordProgress':
      return recordProgress(command, state);
    case 'AlignObjective':
      return alignObjective(command, state);
    case 'UnalignObjective':
      return unalignObjective(command, state);
    case 'FollowObjective':
      return followObjective(command, state);
    case 'UnfollowObjective':
      return unfollowObjective(command, state);
    case 'AddContributor':
      return addContributor(command, state);
    case 'RemoveContributor':
      return removeContributor(command, state);
    case 'RecordReviewNote':
      return recordReviewNote(command, state);
    case 'OverrideKeyResultScore':
      return overrideKeyResultScore(command, state);
    case 'ScoreObjective':
      return scoreObjective(command, state);
    case 'RecordRetrospective':
      return recordRetrospective(command, state);
    case 'AbandonObjective':
      return abandonObjective(command, state);
    default:
      return assertNever(command);
  }
};

/**
 * One objective with its key results (stream `objective-<tenant>.<objectiveId>`): the 1–5 bound,
 * the weights and the achievements are invariants of this one aggregate (ADR 0020).
 */
export const objectiveDecider: Decider<ObjectiveCommand, ObjectiveState, ObjectiveEvent> = {
  decide: (command, state) => withAchievements(state, decideCommand(command, state)),
  evolve: evolveObjective,
  initialState: initialObjectiveState,
};
