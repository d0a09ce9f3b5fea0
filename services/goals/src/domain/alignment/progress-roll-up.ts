import { clampProgress } from '../objective/metric';

/**
 * How progress rolls up the alignment tree (ADR 0020).
 *
 * - A key result's progress is clamped to 0..1: one overachiever does not carry the others.
 * - An objective's own progress is the weighted mean of its key results' progress.
 * - Its rolled-up progress also counts the objectives aligned to it: each child, with its own
 *   rolled-up progress, counts as much as one key result of average weight of the parent:
 *
 *       rolledUp(o) = (n · own(o) + Σ rolledUp(child)) / (n + children)
 *
 *   where n is the number of o's key results. Without key results (a company objective measured
 *   only through its children) it is the plain mean of the children.
 * - A child aligned to two parents counts fully for each.
 * - Objectives without any progress to show (no key results, no children with progress) are left
 *   out of their parents' roll-up rather than counted as 0.
 */
export type RollUpNode = Readonly<{
  objectiveId: string;
  keyResults: readonly Readonly<{ weight: number; progress: number }>[];
  /** Objectives this one contributes to; ones not among the nodes are ignored. */
  parents: readonly string[];
}>;

export type RolledUpProgress = Readonly<{
  /** Weighted mean of the objective's own key results; undefined without key results. */
  own: number | undefined;
  /** Own key results and aligned children together; undefined when neither has progress. */
  rolledUp: number | undefined;
  /** The aligned children that counted. */
  counted: readonly string[];
}>;

export const ownProgress = (keyResults: RollUpNode['keyResults']): number | undefined => {
  const totalWeight = keyResults.reduce((sum, keyResult) => sum + keyResult.weight, 0);
  if (keyResults.length === 0 || totalWeight <= 0) return undefined;
  return (
    keyResults.reduce((sum, kr) => sum + kr.weight * clampProgress(kr.progress), 0) / totalWeight
  );
};

export const rollUpProgress = (
  nodes: readonly RollUpNode[],
): ReadonlyMap<string, RolledUpProgress> => {
  const byId = new Map(nodes.map((node) => [node.objectiveId, node]));
  const children = new Map<string, string[]>();
  for (const node of nodes) {
    for (const parent of new Set(node.parents)) {
      if (byId.has(parent))
        children.set(parent, [...(children.get(parent) ?? []), node.objectiveId]);
    }
  }

  const result = new Map<string, RolledUpProgress>();
  // Loops are refused when aligning; should the data hold one anyway, the edge back is ignored.
  const onPath = new Set<string>();

  const visit = (objectiveId: string): RolledUpProgress => {
    const done = result.get(objectiveId);
    if (done !== undefined) return done;
    onPath.add(objectiveId);
    const node = byId.get(objectiveId) as RollUpNode;
    const own = ownProgress(node.keyResults);
    const counted: string[] = [];
    let childSum = 0;
    for (const child of children.get(objectiveId) ?? []) {
      if (onPath.has(child)) continue;
      const rolledUp = visit(child).rolledUp;
      if (rolledUp === undefined) continue;
      counted.push(child);
      childSum += rolledUp;
    }
    const n = own === undefined ? 0 : node.keyResults.length;
    const items = n + counted.length;
    const rolledUp = items === 0 ? undefined : ((own ?? 0) * n + childSum) / items;
    onPath.delete(objectiveId);
    const progress = { own, rolledUp, counted };
    result.set(objectiveId, progress);
    return progress;
  };

  for (const node of nodes) visit(node.objectiveId);
  return result;
};
