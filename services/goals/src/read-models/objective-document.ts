import {
  clampProgress,
  ownProgress,
  progressOf,
  type KeyResult,
  type Objective,
} from '@rhythm/goals-domain';
import type { KeyResultEntry, ObjectiveDocument } from './objectives.projection';

/** Key results in the order they were added. */
export const keyResultsOf = (document: ObjectiveDocument): KeyResultEntry[] =>
  Object.values(document.keyResults ?? {}).sort((a, b) => a.order - b.order);

/**
 * The domain's Objective from its read-model document, so that the domain's pure views (roll-up,
 * re-scoring) run on read models exactly as they run on folded events.
 */
export const objectiveOf = (document: ObjectiveDocument): Objective => ({
  status: document.status,
  objectiveId: document.objectiveId,
  cycleId: document.cycleId,
  title: document.title,
  description: document.description,
  owner: document.owner,
  kind: document.kind,
  visibility: document.visibility,
  keyResults: keyResultsOf(document).map((entry): KeyResult => ({
    keyResultId: entry.keyResultId,
    title: entry.title,
    metric: entry.metric,
    current: entry.current,
    owner: entry.owner,
    weight: entry.weight,
    achieved: entry.achieved,
    ...(entry.scoreOverride === undefined ? {} : { scoreOverride: entry.scoreOverride }),
  })),
  parents: document.parents ?? [],
  followers: document.followers ?? [],
  contributors: document.contributors ?? [],
  reviewNotes: Object.values(document.reviewNotes ?? {})
    .sort((a, b) => a.order - b.order)
    .map(({ noteId, stage, author, text }) => ({ noteId, stage, author, text })),
  ...(document.retrospective === undefined ? {} : { retrospective: document.retrospective }),
  ...(document.score === undefined ? {} : { score: document.score }),
  ...(document.fromProposalId === undefined ? {} : { fromProposalId: document.fromProposalId }),
  ...(document.fromTemplateId === undefined ? {} : { fromTemplateId: document.fromTemplateId }),
});

/** A key result's progress towards its target, 0..1 (clamped, as the roll-up counts it). */
export const keyResultProgress = (keyResult: Pick<KeyResult, 'metric' | 'current'>): number =>
  clampProgress(progressOf(keyResult.metric, keyResult.current));

/** The weighted mean of the objective's key results; undefined without key results. */
export const objectiveProgress = (objective: Pick<Objective, 'keyResults'>): number | undefined =>
  ownProgress(
    objective.keyResults.map((keyResult) => ({
      weight: keyResult.weight,
      progress: progressOf(keyResult.metric, keyResult.current),
    })),
  );
