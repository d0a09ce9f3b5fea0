import type { CycleTree, Objective, OwnerKind } from './api';

/** A unit (or a group of them) in the outline, with its objectives and the units beneath it. */
export interface UnitBranch {
  /** `kind:id`, unique in the outline; also the filter's value for a unit. */
  readonly key: string;
  readonly kind: OwnerKind | 'guilds' | 'people' | 'unplaced';
  readonly name: string;
  readonly progress: number | null;
  readonly objectives: readonly Objective[];
  readonly branches: readonly UnitBranch[];
}

export interface TreeFilters {
  /** A branch key (`squad:<id>`): only that unit and what lies beneath it. */
  readonly unit?: string;
  /** A person: objectives they own, or with a key result they own. */
  readonly owner?: string;
  /** Only objectives behind the cycle's pace (see isBehindPace). */
  readonly atRisk?: boolean;
}

/** How far progress may trail the share of the cycle gone before an objective counts as at risk. */
export const paceTolerance = 0.25;

const day = 86_400_000;

/** The share of the cycle gone at `moment`, 0…1 (the cycle ends at the end of its last day). */
export function cycleElapsed(cycle: CycleTree['cycle'], moment: Date): number {
  const start = Date.parse(`${cycle.startsOn}T00:00:00Z`);
  const end = Date.parse(`${cycle.endsOn}T00:00:00Z`) + day;
  if (!(end > start)) return 0;
  return Math.min(1, Math.max(0, (moment.getTime() - start) / (end - start)));
}

/**
 * The goals service's tree carries progress, not check-in confidence, so "at risk" here is a rule
 * on pace: a live objective whose rolled-up progress trails the share of the cycle gone by more
 * than paceTolerance (halfway through a quarter, under 25 %).
 */
export function isBehindPace(objective: Objective, elapsed: number): boolean {
  if (objective.achieved || objective.status === 'abandoned' || objective.status === 'scored') {
    return false;
  }
  const progress = objective.rolledUpProgress ?? objective.progress ?? 0;
  return progress < elapsed - paceTolerance;
}

export function ownsPartOf(objective: Objective, personId: string): boolean {
  return (
    (objective.owner.kind === 'person' && objective.owner.id === personId) ||
    objective.keyResults.some((keyResult) => keyResult.owner === personId)
  );
}

/**
 * The tree as the screen shows it: company → tribes → squads and chapters, then guilds, people and
 * units the directory has not placed, each with its objectives; filters applied, and a branch kept
 * only when something in it is left.
 */
export function outlineOf(tree: CycleTree, filters: TreeFilters, moment: Date): UnitBranch[] {
  const byId = new Map(tree.objectives.map((objective) => [objective.objectiveId, objective]));
  const elapsed = cycleElapsed(tree.cycle, moment);
  const shown = (objective: Objective) =>
    (filters.owner === undefined || ownsPartOf(objective, filters.owner)) &&
    (!filters.atRisk || isBehindPace(objective, elapsed));
  const filtering = filters.owner !== undefined || filters.atRisk === true;

  const branch = (
    node: {
      kind: OwnerKind;
      id: string;
      name: string;
      objectiveIds: readonly string[];
      progress: number | null;
    },
    branches: readonly UnitBranch[] = [],
  ): UnitBranch => ({
    key: `${node.kind}:${node.id}`,
    kind: node.kind,
    name: node.name,
    progress: node.progress,
    objectives: node.objectiveIds
      .map((objectiveId) => byId.get(objectiveId))
      .filter((objective): objective is Objective => objective !== undefined && shown(objective)),
    branches: branches.filter(hasContent),
  });
  const hasContent = (candidate: UnitBranch) =>
    !filtering || candidate.objectives.length > 0 || candidate.branches.length > 0;
  const group = (
    kind: 'guilds' | 'people' | 'unplaced',
    nodes: readonly CycleTree['guilds'][number][],
  ): UnitBranch => ({
    key: kind,
    kind,
    name: kind,
    progress: null,
    objectives: [],
    branches: nodes.map((node) => branch(node)).filter(hasContent),
  });

  const all: UnitBranch[] = [
    ...(tree.company ? [branch(tree.company)] : []),
    ...tree.tribes.map((tribe) =>
      branch(tribe, [
        ...tribe.squads.map((n) => branch(n)),
        ...tribe.chapters.map((n) => branch(n)),
      ]),
    ),
    group('guilds', tree.guilds),
    group('people', tree.people),
    group('unplaced', tree.unplaced),
  ];
  const scoped = filters.unit === undefined ? all : findBranch(all, filters.unit);
  return scoped.filter(
    (candidate) => candidate.objectives.length > 0 || candidate.branches.length > 0,
  );
}

function findBranch(branches: readonly UnitBranch[], key: string): UnitBranch[] {
  for (const candidate of branches) {
    if (candidate.key === key) return [candidate];
    const inside = findBranch(candidate.branches, key);
    if (inside.length > 0) return inside;
  }
  return [];
}

/** Every unit of the tree, for the unit filter: `kind:id` and name, in tree order. */
export function unitsOf(tree: CycleTree): { key: string; kind: OwnerKind; name: string }[] {
  const option = (node: { kind: OwnerKind; id: string; name: string }) => ({
    key: `${node.kind}:${node.id}`,
    kind: node.kind,
    name: node.name,
  });
  return [
    ...(tree.company ? [option(tree.company)] : []),
    ...tree.tribes.flatMap((tribe) => [
      option(tribe),
      ...tribe.squads.map(option),
      ...tribe.chapters.map(option),
    ]),
    ...tree.guilds.map(option),
    ...tree.unplaced.map(option),
  ];
}

/** Everyone who owns an objective or a key result in the tree, for the owner filter. */
export function ownersOf(
  tree: CycleTree,
  personName: (personId: string) => string | undefined,
): { id: string; name: string }[] {
  const names = new Map<string, string>();
  for (const objective of tree.objectives) {
    if (objective.owner.kind === 'person') names.set(objective.owner.id, objective.ownerName);
    for (const keyResult of objective.keyResults) {
      if (!names.has(keyResult.owner))
        names.set(keyResult.owner, personName(keyResult.owner) ?? keyResult.owner);
    }
  }
  return [...names]
    .map(([id, name]) => ({ id, name: personName(id) ?? name }))
    .sort((a, b) => a.name.localeCompare(b.name));
}
