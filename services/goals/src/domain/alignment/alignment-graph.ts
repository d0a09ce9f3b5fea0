/**
 * Alignment as a graph: each objective points to the objectives it contributes to (its parents).
 * The application passes the part it knows from the alignment read model — at least the
 * ancestors of a proposed parent — as a fact; these functions decide on it (ADR 0020).
 */
export type AlignmentGraph = Readonly<Record<string, readonly string[]>>;

const parentsOf = (graph: AlignmentGraph, objectiveId: string): readonly string[] =>
  Object.hasOwn(graph, objectiveId) ? graph[objectiveId] : [];

/**
 * The loop `child → parent → … → child` that aligning child to parent would close, or undefined
 * when there is none. Aligning an objective to itself is the shortest loop.
 */
export const alignmentLoop = (
  graph: AlignmentGraph,
  child: string,
  parent: string,
): readonly string[] | undefined => {
  // Breadth-first up from the parent, remembering how each ancestor was reached.
  const reachedFrom = new Map<string, string | undefined>([[parent, undefined]]);
  const queue = [parent];
  while (queue.length > 0) {
    const current = queue.shift() as string;
    if (current === child) {
      const path: string[] = [];
      for (let at: string | undefined = current; at !== undefined; at = reachedFrom.get(at)) {
        path.unshift(at);
      }
      return [child, ...path];
    }
    for (const next of parentsOf(graph, current)) {
      if (!reachedFrom.has(next)) {
        reachedFrom.set(next, current);
        queue.push(next);
      }
    }
  }
  return undefined;
};

export const wouldCreateCycle = (graph: AlignmentGraph, child: string, parent: string): boolean =>
  alignmentLoop(graph, child, parent) !== undefined;

/** Every objective the given one contributes to, directly or through others. */
export const ancestorsOf = (graph: AlignmentGraph, objectiveId: string): readonly string[] => {
  const seen = new Set<string>();
  const queue = [...parentsOf(graph, objectiveId)];
  while (queue.length > 0) {
    const current = queue.shift() as string;
    if (seen.has(current)) continue;
    seen.add(current);
    queue.push(...parentsOf(graph, current));
  }
  return [...seen];
};
