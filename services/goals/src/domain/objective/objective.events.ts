import type { Event } from '@rhythm/event-sourcing';
import type { Change } from '../change';
import type { Owner } from '../owner';
import type { ScoringRule } from '../scoring/scoring-rule';
import type { Grade, KeyResultScore } from '../scoring/scoring.policy';
import type { Metric } from './metric';
import type { ObjectiveKind, Visibility } from './objective-draft';

/**
 * The facts of one objective and its key results (stream `objective-<tenant>.<objectiveId>`).
 * Who, when and why travel in the metadata; changes carry the values before and after, and the
 * reason in the data where the domain requires one, so the fact itself shows the rule was kept.
 */

export type ObjectiveDefined = Event<
  'ObjectiveDefined',
  {
    objectiveId: string;
    cycleId: string;
    title: string;
    description: string;
    owner: Owner;
    kind: ObjectiveKind;
    visibility: Visibility;
    /** Set when an approved proposal or a template gave rise to it. */
    fromProposalId?: string;
    fromTemplateId?: string;
  }
>;

export type KeyResultAdded = Event<
  'KeyResultAdded',
  {
    objectiveId: string;
    keyResultId: string;
    title: string;
    metric: Metric;
    /** The person accountable. */
    owner: string;
    weight: number;
    reason?: string;
    /** Set when an approved proposal gave rise to it. */
    fromProposalId?: string;
  }
>;

/** The objective is set: 1–5 key results, progress may now be recorded. */
export type ObjectiveActivated = Event<'ObjectiveActivated', { objectiveId: string }>;

export type ObjectiveRenamed = Event<
  'ObjectiveRenamed',
  { objectiveId: string; title: Change<string>; description: Change<string>; reason?: string }
>;

export type ObjectiveOwnerChanged = Event<
  'ObjectiveOwnerChanged',
  { objectiveId: string; owner: Change<Owner>; reason?: string }
>;

export type ObjectiveVisibilityChanged = Event<
  'ObjectiveVisibilityChanged',
  { objectiveId: string; visibility: Change<Visibility>; reason?: string }
>;

export type KeyResultRenamed = Event<
  'KeyResultRenamed',
  { objectiveId: string; keyResultId: string; title: Change<string>; reason?: string }
>;

export type KeyResultTargetAdjusted = Event<
  'KeyResultTargetAdjusted',
  {
    objectiveId: string;
    keyResultId: string;
    target: Change<number>;
    /** Asks for less than before, taking the direction into account; needs a reason once active. */
    lowersAmbition: boolean;
    reason?: string;
  }
>;

export type KeyResultOwnerChanged = Event<
  'KeyResultOwnerChanged',
  { objectiveId: string; keyResultId: string; owner: Change<string>; reason?: string }
>;

export type KeyResultReweighted = Event<
  'KeyResultReweighted',
  { objectiveId: string; keyResultId: string; weight: Change<number>; reason?: string }
>;

export type KeyResultDropped = Event<
  'KeyResultDropped',
  { objectiveId: string; keyResultId: string; title: string; reason?: string }
>;

export type KeyResultProgressed = Event<
  'KeyResultProgressed',
  {
    objectiveId: string;
    keyResultId: string;
    value: Change<number>;
    /** The check-in that reported it, when the check-ins service drove the update. */
    checkInId?: string;
  }
>;

/** The key result reached its target: a moment to celebrate. */
export type KeyResultAchieved = Event<
  'KeyResultAchieved',
  { objectiveId: string; keyResultId: string; value: number; target: number }
>;

/** Every key result of the objective reached its target. */
export type ObjectiveAchieved = Event<'ObjectiveAchieved', { objectiveId: string }>;

export type ObjectiveAligned = Event<
  'ObjectiveAligned',
  { objectiveId: string; parentObjectiveId: string }
>;

export type ObjectiveUnaligned = Event<
  'ObjectiveUnaligned',
  { objectiveId: string; parentObjectiveId: string; reason?: string }
>;

export type ObjectiveFollowed = Event<
  'ObjectiveFollowed',
  { objectiveId: string; guildId: string }
>;

export type ObjectiveUnfollowed = Event<
  'ObjectiveUnfollowed',
  { objectiveId: string; guildId: string }
>;

export type ContributorAdded = Event<'ContributorAdded', { objectiveId: string; personId: string }>;

export type ContributorRemoved = Event<
  'ContributorRemoved',
  { objectiveId: string; personId: string }
>;

export const reviewStages = ['mid-cycle', 'end-of-cycle'] as const;
export type ReviewStage = (typeof reviewStages)[number];

export type ReviewNoteRecorded = Event<
  'ReviewNoteRecorded',
  { objectiveId: string; noteId: string; stage: ReviewStage; author: string; text: string }
>;

export type KeyResultScoreOverridden = Event<
  'KeyResultScoreOverridden',
  {
    objectiveId: string;
    keyResultId: string;
    /** `before` is null when the score was the computed one. */
    score: Readonly<{ before: number | null; after: number }>;
    reason: string;
  }
>;

/** Final score at cycle close under the cycle's rule. */
export type ObjectiveScored = Event<
  'ObjectiveScored',
  {
    objectiveId: string;
    rule: ScoringRule;
    keyResults: readonly KeyResultScore[];
    score: number;
    grade: Grade;
    success: boolean;
  }
>;

export type RetrospectiveRecorded = Event<
  'RetrospectiveRecorded',
  {
    objectiveId: string;
    author: string;
    wentWell: string;
    learned: string;
    doDifferently: string;
  }
>;

export type ObjectiveAbandoned = Event<
  'ObjectiveAbandoned',
  { objectiveId: string; reason: string }
>;

export type ObjectiveEvent =
  | ObjectiveDefined
  | KeyResultAdded
  | ObjectiveActivated
  | ObjectiveRenamed
  | ObjectiveOwnerChanged
  | ObjectiveVisibilityChanged
  | KeyResultRenamed
  | KeyResultTargetAdjusted
  | KeyResultOwnerChanged
  | KeyResultReweighted
  | KeyResultDropped
  | KeyResultProgressed
  | KeyResultAchieved
  | ObjectiveAchieved
  | ObjectiveAligned
  | ObjectiveUnaligned
  | ObjectiveFollowed
  | ObjectiveUnfollowed
  | ContributorAdded
  | ContributorRemoved
  | ReviewNoteRecorded
  | KeyResultScoreOverridden
  | ObjectiveScored
  | RetrospectiveRecorded
  | ObjectiveAbandoned;

const objectiveEventTypeSet: Readonly<Record<ObjectiveEvent['type'], true>> = {
  ObjectiveDefined: true,
  KeyResultAdded: true,
  ObjectiveActivated: true,
  ObjectiveRenamed: true,
  ObjectiveOwnerChanged: true,
  ObjectiveVisibilityChanged: true,
  KeyResultRenamed: true,
  KeyResultTargetAdjusted: true,
  KeyResultOwnerChanged: true,
  KeyResultReweighted: true,
  KeyResultDropped: true,
  KeyResultProgressed: true,
  KeyResultAchieved: true,
  ObjectiveAchieved: true,
  ObjectiveAligned: true,
  ObjectiveUnaligned: true,
  ObjectiveFollowed: true,
  ObjectiveUnfollowed: true,
  ContributorAdded: true,
  ContributorRemoved: true,
  ReviewNoteRecorded: true,
  KeyResultScoreOverridden: true,
  ObjectiveScored: true,
  RetrospectiveRecorded: true,
  ObjectiveAbandoned: true,
};

export const isObjectiveEvent = <E extends Event>(event: E): event is E & ObjectiveEvent =>
  Object.hasOwn(objectiveEventTypeSet, event.type);
