import type { Objective, ObjectiveKind, Owner } from '@rhythm/goals-domain';

/**
 * Over-commitment thresholds (documented in read-models/README.md): a unit holding more than
 * five objectives in a cycle, or more than three committed ones, has taken on more than it can
 * be expected to meet. Drafts count (they are being set); abandoned and person objectives do not.
 */
export const overCommitment = { maxObjectives: 5, maxCommitted: 3 } as const;

export type ObjectiveRef = Readonly<{
  objectiveId: string;
  title: string;
  owner: Owner;
  kind: ObjectiveKind;
}>;

export type OverCommittedUnit = Readonly<{
  owner: Owner;
  objectives: number;
  committed: number;
  /** Which thresholds it exceeds. */
  exceeds: readonly ('objectives' | 'committed')[];
}>;

export type AlignmentCoverage = Readonly<{
  /** Squad objectives of the cycle (not abandoned). */
  squadObjectives: number;
  /** Of those, aligned to at least one objective of the cycle that is not abandoned. */
  alignedSquadObjectives: number;
  /** alignedSquadObjectives / squadObjectives, 0..1; null without squad objectives. */
  share: number | null;
  /** Objectives of any owner but the company that contribute to nothing. */
  orphans: readonly ObjectiveRef[];
  overCommitted: readonly OverCommittedUnit[];
  thresholds: typeof overCommitment;
}>;

const refOf = (objective: Objective): ObjectiveRef => ({
  objectiveId: objective.objectiveId,
  title: objective.title,
  owner: objective.owner,
  kind: objective.kind,
});

/**
 * How well a cycle's objectives align upward. Takes only the objectives the reader may see, so
 * counts never reveal a hidden objective.
 */
export const alignmentCoverage = (visible: readonly Objective[]): AlignmentCoverage => {
  const live = visible.filter((objective) => objective.status !== 'abandoned');
  const liveIds = new Set(live.map((objective) => objective.objectiveId));
  const alignedUpward = (objective: Objective) =>
    objective.parents.some((parent) => liveIds.has(parent));

  const squad = live.filter((objective) => objective.owner.kind === 'squad');
  const aligned = squad.filter(alignedUpward).length;

  const perUnit = new Map<string, { owner: Owner; objectives: number; committed: number }>();
  for (const objective of live) {
    if (objective.owner.kind === 'person') continue;
    const key = `${objective.owner.kind}:${objective.owner.id}`;
    const unit = perUnit.get(key) ?? { owner: objective.owner, objectives: 0, committed: 0 };
    unit.objectives += 1;
    if (objective.kind === 'committed') unit.committed += 1;
    perUnit.set(key, unit);
  }
  const overCommitted = [...perUnit.values()]
    .map((unit): OverCommittedUnit => ({
      ...unit,
      exceeds: [
        ...(unit.objectives > overCommitment.maxObjectives ? (['objectives'] as const) : []),
        ...(unit.committed > overCommitment.maxCommitted ? (['committed'] as const) : []),
      ],
    }))
    .filter((unit) => unit.exceeds.length > 0)
    .sort((a, b) => b.objectives - a.objectives || a.owner.id.localeCompare(b.owner.id));

  return {
    squadObjectives: squad.length,
    alignedSquadObjectives: aligned,
    share: squad.length === 0 ? null : Math.round((aligned / squad.length) * 10_000) / 10_000,
    orphans: live
      .filter((objective) => objective.owner.kind !== 'company' && !alignedUpward(objective))
      .map(refOf),
    overCommitted,
    thresholds: overCommitment,
  };
};
