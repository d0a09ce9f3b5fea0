import {
  clampProgress,
  isAchieved,
  ownProgress,
  progressOf,
  rollUpProgress,
  type Metric,
  type Objective,
  type ObjectiveKind,
  type ObjectiveStatus,
  type Owner,
  type RecordedObjectiveScore,
  type RolledUpProgress,
  type Visibility,
} from '@rhythm/goals-domain';

export type KeyResultView = Readonly<{
  keyResultId: string;
  title: string;
  metric: Metric;
  current: number;
  /** Towards the target, clamped to 0..1. */
  progress: number;
  owner: string;
  weight: number;
  achieved: boolean;
  scoreOverride: Readonly<{ score: number; reason: string }> | null;
}>;

export type ObjectiveView = Readonly<{
  objectiveId: string;
  cycleId: string;
  title: string;
  description: string;
  owner: Owner;
  /** As the organisation names the owner (the organisation's own name for the company). */
  ownerName: string;
  kind: ObjectiveKind;
  visibility: Visibility;
  status: ObjectiveStatus;
  achieved: boolean;
  /** Weighted mean of its key results (null without key results). */
  progress: number | null;
  /** With the objectives aligned to it (null when nothing has progress). */
  rolledUpProgress: number | null;
  keyResults: readonly KeyResultView[];
  /** Objectives it contributes to (those the reader may see). */
  parents: readonly string[];
  /** Objectives aligned to it (those the reader may see). */
  children: readonly string[];
  followers: readonly string[];
  contributors: readonly string[];
  score: RecordedObjectiveScore | null;
}>;

/** The owner's name as the organisation gives it; its id while the directory does not know it. */
export type OwnerName = (owner: Owner) => string;

/** Progress is shown with four decimals: enough for a percentage with two. */
const rounded = (value: number | undefined): number | null =>
  value === undefined ? null : Math.round(value * 10_000) / 10_000;

const measuresOf = (objective: Objective) =>
  objective.keyResults.map((keyResult) => ({
    weight: keyResult.weight,
    progress: progressOf(keyResult.metric, keyResult.current),
  }));

export const keyResultView = (keyResult: Objective['keyResults'][number]): KeyResultView => ({
  keyResultId: keyResult.keyResultId,
  title: keyResult.title,
  metric: keyResult.metric,
  current: keyResult.current,
  progress: rounded(clampProgress(progressOf(keyResult.metric, keyResult.current))) ?? 0,
  owner: keyResult.owner,
  weight: keyResult.weight,
  achieved: keyResult.achieved,
  scoreOverride: keyResult.scoreOverride ?? null,
});

/**
 * Views of objectives the reader may see, with progress rolled up the alignment tree among them
 * (the domain's roll-up; abandoned objectives count for nothing). Only visible objectives take
 * part, so nothing derived from a hidden objective reaches the reader — not even its progress
 * inside a parent's roll-up. Alignment and roll-up are only as whole as the set: hand over a whole
 * cycle (the tree) or each objective's parents and what lies beneath it (relativesOf), never a
 * unit's or a person's objectives alone.
 */
export const objectiveViews = (
  visible: readonly Objective[],
  ownerName: OwnerName = (owner) => owner.id,
): ObjectiveView[] => {
  const counted = visible.filter((objective) => objective.status !== 'abandoned');
  const progress = rollUpProgress(
    counted.map((objective) => ({
      objectiveId: objective.objectiveId,
      keyResults: measuresOf(objective),
      parents: objective.parents,
    })),
  );
  const ids = new Set(visible.map((objective) => objective.objectiveId));
  const children = new Map<string, string[]>();
  for (const objective of counted) {
    for (const parent of objective.parents) {
      if (ids.has(parent))
        children.set(parent, [...(children.get(parent) ?? []), objective.objectiveId]);
    }
  }
  return visible.map((objective) =>
    objectiveView(objective, progress.get(objective.objectiveId), {
      parents: objective.parents.filter((parent) => ids.has(parent)),
      children: children.get(objective.objectiveId) ?? [],
      ownerName: ownerName(objective.owner),
    }),
  );
};

/**
 * Of these visible objectives, the ones that shape how `listed` are shown: the listed themselves,
 * their parents, and the live objectives aligned beneath them, level by level (abandoned ones
 * count for nothing and carry nothing up). objectiveViews over these gives each listed objective
 * exactly the parents, children and roll-up it has among all of them, for a fraction of the work.
 */
export const relativesOf = <O extends Objective>(
  visible: readonly O[],
  listed: ReadonlySet<string>,
): O[] => {
  const ids = new Set(visible.map((objective) => objective.objectiveId));
  const children = new Map<string, string[]>();
  for (const objective of visible) {
    if (objective.status === 'abandoned') continue;
    for (const parent of objective.parents) {
      children.set(parent, [...(children.get(parent) ?? []), objective.objectiveId]);
    }
  }
  const related = new Set<string>();
  for (const objective of visible) {
    if (!listed.has(objective.objectiveId)) continue;
    related.add(objective.objectiveId);
    for (const parent of objective.parents) if (ids.has(parent)) related.add(parent);
  }
  const frontier = [...listed].filter((id) => ids.has(id));
  const beneath = new Set<string>();
  while (frontier.length > 0) {
    for (const child of children.get(frontier.pop() as string) ?? []) {
      if (beneath.has(child)) continue;
      beneath.add(child);
      related.add(child);
      frontier.push(child);
    }
  }
  return visible.filter((objective) => related.has(objective.objectiveId));
};

export const objectiveView = (
  objective: Objective,
  progress: RolledUpProgress | undefined,
  alignment: Readonly<{
    parents: readonly string[];
    children: readonly string[];
    ownerName: string;
  }>,
): ObjectiveView => ({
  objectiveId: objective.objectiveId,
  cycleId: objective.cycleId,
  title: objective.title,
  description: objective.description,
  owner: objective.owner,
  ownerName: alignment.ownerName,
  kind: objective.kind,
  visibility: objective.visibility,
  status: objective.status,
  achieved: isAchieved(objective),
  progress: rounded(ownProgress(measuresOf(objective))),
  rolledUpProgress: rounded(progress?.rolledUp),
  keyResults: objective.keyResults.map(keyResultView),
  parents: alignment.parents,
  children: alignment.children,
  followers: objective.followers,
  contributors: objective.contributors,
  score: objective.score ?? null,
});
