import { assertNever } from '@rhythm/event-sourcing';
import type { Owner } from '../owner';
import type { Metric } from './metric';
import { meetsTarget } from './metric';
import type { ObjectiveKind, Visibility } from './objective-draft';
import type { ObjectiveEvent, ObjectiveScored, ReviewStage } from './objective.events';

/**
 * draft → active → scored, or abandoned on the way. Achievement is not a status: an objective is
 * achieved while every key result has reached its target (see isAchieved).
 */
export type ObjectiveStatus = 'draft' | 'active' | 'abandoned' | 'scored';

export type KeyResult = Readonly<{
  keyResultId: string;
  title: string;
  metric: Metric;
  current: number;
  owner: string;
  weight: number;
  /** Reached its target. Stays so when progress dips; a new target asks again (ADR 0020). */
  achieved: boolean;
  scoreOverride?: Readonly<{ score: number; reason: string }>;
}>;

export type ReviewNote = Readonly<{
  noteId: string;
  stage: ReviewStage;
  author: string;
  text: string;
}>;

export type Retrospective = Readonly<{
  author: string;
  wentWell: string;
  learned: string;
  doDifferently: string;
}>;

/** The score recorded at close, with the rule it was scored under. */
export type RecordedObjectiveScore = Omit<ObjectiveScored['data'], 'objectiveId'>;

export type Objective = Readonly<{
  status: ObjectiveStatus;
  objectiveId: string;
  cycleId: string;
  title: string;
  description: string;
  owner: Owner;
  kind: ObjectiveKind;
  visibility: Visibility;
  /** In the order they were added; dropped ones are gone. */
  keyResults: readonly KeyResult[];
  /** Objectives this one contributes to. */
  parents: readonly string[];
  /** Guilds that follow it. */
  followers: readonly string[];
  contributors: readonly string[];
  reviewNotes: readonly ReviewNote[];
  retrospective?: Retrospective;
  score?: RecordedObjectiveScore;
  fromProposalId?: string;
  fromTemplateId?: string;
}>;

export type ObjectiveState = Readonly<{ status: 'none' }> | Objective;

export const initialObjectiveState = (): ObjectiveState => ({ status: 'none' });

export const isAchieved = (objective: Objective): boolean =>
  objective.keyResults.length > 0 && objective.keyResults.every((kr) => kr.achieved);

export const findKeyResult = (objective: Objective, keyResultId: string): KeyResult | undefined =>
  objective.keyResults.find((keyResult) => keyResult.keyResultId === keyResultId);

const updateKeyResult = (
  objective: Objective,
  keyResultId: string,
  update: (keyResult: KeyResult) => KeyResult,
): Objective => ({
  ...objective,
  keyResults: objective.keyResults.map((keyResult) =>
    keyResult.keyResultId === keyResultId ? update(keyResult) : keyResult,
  ),
});

const withItem = (items: readonly string[], item: string) =>
  items.includes(item) ? items : [...items, item];
const withoutItem = (items: readonly string[], item: string) => items.filter((i) => i !== item);

export const evolveObjective = (state: ObjectiveState, event: ObjectiveEvent): ObjectiveState => {
  if (event.type === 'ObjectiveDefined') {
    const { fromProposalId, fromTemplateId, ...defined } = event.data;
    return {
      status: 'draft',
      ...defined,
      keyResults: [],
      parents: [],
      followers: [],
      contributors: [],
      reviewNotes: [],
      ...(fromProposalId === undefined ? {} : { fromProposalId }),
      ...(fromTemplateId === undefined ? {} : { fromTemplateId }),
    };
  }
  if (state.status === 'none') return state;
  switch (event.type) {
    case 'KeyResultAdded': {
      const { keyResultId, title, metric, owner, weight } = event.data;
      const added: KeyResult = {
        keyResultId,
        title,
        metric,
        current: metric.start,
        owner,
        weight,
        achieved: false,
      };
      return { ...state, keyResults: [...state.keyResults, added] };
    }
    case 'ObjectiveActivated':
      return { ...state, status: 'active' };
    case 'ObjectiveRenamed':
      return { ...state, title: event.data.title.after, description: event.data.description.after };
    case 'ObjectiveOwnerChanged':
      return { ...state, owner: event.data.owner.after };
    case 'ObjectiveVisibilityChanged':
      return { ...state, visibility: event.data.visibility.after };
    case 'KeyResultRenamed':
      return updateKeyResult(state, event.data.keyResultId, (kr) => ({
        ...kr,
        title: event.data.title.after,
      }));
    case 'KeyResultTargetAdjusted':
      return updateKeyResult(state, event.data.keyResultId, (kr) => {
        const metric = { ...kr.metric, target: event.data.target.after };
        // An achievement was for the old target; the decider announces one for the new target.
        return { ...kr, metric, achieved: kr.achieved && meetsTarget(metric, kr.current) };
      });
    case 'KeyResultOwnerChanged':
      return updateKeyResult(state, event.data.keyResultId, (kr) => ({
        ...kr,
        owner: event.data.owner.after,
      }));
    case 'KeyResultReweighted':
      return updateKeyResult(state, event.data.keyResultId, (kr) => ({
        ...kr,
        weight: event.data.weight.after,
      }));
    case 'KeyResultDropped':
      return {
        ...state,
        keyResults: state.keyResults.filter((kr) => kr.keyResultId !== event.data.keyResultId),
      };
    case 'KeyResultProgressed':
      return updateKeyResult(state, event.data.keyResultId, (kr) => ({
        ...kr,
        current: event.data.value.after,
      }));
    case 'KeyResultAchieved':
      return updateKeyResult(state, event.data.keyResultId, (kr) => ({ ...kr, achieved: true }));
    case 'ObjectiveAchieved':
      return state;
    case 'ObjectiveAligned':
      return { ...state, parents: withItem(state.parents, event.data.parentObjectiveId) };
    case 'ObjectiveUnaligned':
      return { ...state, parents: withoutItem(state.parents, event.data.parentObjectiveId) };
    case 'ObjectiveFollowed':
      return { ...state, followers: withItem(state.followers, event.data.guildId) };
    case 'ObjectiveUnfollowed':
      return { ...state, followers: withoutItem(state.followers, event.data.guildId) };
    case 'ContributorAdded':
      return { ...state, contributors: withItem(state.contributors, event.data.personId) };
    case 'ContributorRemoved':
      return { ...state, contributors: withoutItem(state.contributors, event.data.personId) };
    case 'ReviewNoteRecorded': {
      const { noteId, stage, author, text } = event.data;
      return { ...state, reviewNotes: [...state.reviewNotes, { noteId, stage, author, text }] };
    }
    case 'KeyResultScoreOverridden':
      return updateKeyResult(state, event.data.keyResultId, (kr) => ({
        ...kr,
        scoreOverride: { score: event.data.score.after, reason: event.data.reason },
      }));
    case 'ObjectiveScored': {
      const { objectiveId: _objectiveId, ...score } = event.data;
      return { ...state, status: 'scored', score };
    }
    case 'RetrospectiveRecorded': {
      const { objectiveId: _objectiveId, ...retrospective } = event.data;
      return { ...state, retrospective };
    }
    case 'ObjectiveAbandoned':
      return { ...state, status: 'abandoned' };
    default:
      return assertNever(event);
  }
};
