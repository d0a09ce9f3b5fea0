import { assertNever } from '@rhythm/event-sourcing';
import type { Objective, Owner, OwnerKind } from '@rhythm/goals-domain';
import type { OwnerLabel } from '../org-directory.port';
import { objectiveViews, type ObjectiveView } from './objective.view';

/** An owner in the tree with its objectives and their progress. */
export type OwnerNode = Readonly<{
  kind: OwnerKind;
  id: string;
  /** From the org directory; the id when the directory does not know it (yet). */
  name: string;
  objectiveIds: readonly string[];
  /** Mean rolled-up progress of its objectives that have progress; null when none has. */
  progress: number | null;
}>;

export type TribeNode = OwnerNode &
  Readonly<{ squads: readonly OwnerNode[]; chapters: readonly OwnerNode[] }>;

export type OkrTreeView = Readonly<{
  objectives: readonly ObjectiveView[];
  /** Visible objectives that contribute to no visible objective: the tops of the alignment tree. */
  roots: readonly string[];
  company: OwnerNode | null;
  /** Tribes with objectives of their own or of their squads and chapters. */
  tribes: readonly TribeNode[];
  guilds: readonly OwnerNode[];
  people: readonly OwnerNode[];
  /** Squads and chapters whose tribe the directory does not know. */
  unplaced: readonly OwnerNode[];
}>;

/** Directory units by `kind:id`, as the tree builder looks them up. */
export type UnitLookup = (owner: Owner) => OwnerLabel | undefined;

const byName = (a: OwnerNode, b: OwnerNode) =>
  a.name.localeCompare(b.name) || a.id.localeCompare(b.id);

/**
 * The OKR tree of a cycle as the organisation is shaped: company → tribes → their squads and
 * chapters, guilds, people, each with its objectives; alignment and rolled-up progress per
 * objective (objective.view.ts). Takes only objectives the reader may see.
 */
export const okrTreeView = (
  visible: readonly Objective[],
  unitOf: UnitLookup,
  personName: (personId: string) => string | undefined = () => undefined,
): OkrTreeView => {
  const nameOf = (owner: Owner): string =>
    (owner.kind === 'person' ? personName(owner.id) : unitOf(owner)?.name) ?? owner.id;
  const objectives = objectiveViews(visible, nameOf);
  const owners = new Map<string, { owner: Owner; views: ObjectiveView[] }>();
  for (const view of objectives) {
    const key = `${view.owner.kind}:${view.owner.id}`;
    const entry = owners.get(key) ?? { owner: view.owner, views: [] };
    entry.views.push(view);
    owners.set(key, entry);
  }

  const node = (owner: Owner, views: readonly ObjectiveView[] = []): OwnerNode => {
    const measured = views
      .filter((view) => view.status !== 'abandoned' && view.rolledUpProgress !== null)
      .map((view) => view.rolledUpProgress as number);
    return {
      kind: owner.kind,
      id: owner.id,
      name: nameOf(owner),
      objectiveIds: views.map((view) => view.objectiveId),
      progress:
        measured.length === 0
          ? null
          : Math.round(
              (measured.reduce((sum, value) => sum + value, 0) / measured.length) * 10_000,
            ) / 10_000,
    };
  };

  let company: OwnerNode | null = null;
  const tribes = new Map<
    string,
    { tribe: OwnerNode; squads: OwnerNode[]; chapters: OwnerNode[] }
  >();
  const tribeEntry = (tribeId: string) => {
    let entry = tribes.get(tribeId);
    if (!entry) {
      const own = owners.get(`tribe:${tribeId}`);
      entry = { tribe: node({ kind: 'tribe', id: tribeId }, own?.views), squads: [], chapters: [] };
      tribes.set(tribeId, entry);
    }
    return entry;
  };
  const guilds: OwnerNode[] = [];
  const people: OwnerNode[] = [];
  const unplaced: OwnerNode[] = [];

  for (const { owner, views } of owners.values()) {
    switch (owner.kind) {
      case 'company':
        company = node(owner, views);
        break;
      case 'tribe':
        tribeEntry(owner.id);
        break;
      case 'squad':
      case 'chapter': {
        const tribeId = unitOf(owner)?.tribeId;
        const placed = node(owner, views);
        if (tribeId === undefined) unplaced.push(placed);
        else tribeEntry(tribeId)[owner.kind === 'squad' ? 'squads' : 'chapters'].push(placed);
        break;
      }
      case 'guild':
        guilds.push(node(owner, views));
        break;
      case 'person':
        people.push(node(owner, views));
        break;
      default:
        assertNever(owner.kind);
    }
  }

  const visibleIds = new Set(objectives.map((view) => view.objectiveId));
  return {
    objectives,
    roots: objectives
      .filter((view) => !view.parents.some((parent) => visibleIds.has(parent)))
      .map((view) => view.objectiveId),
    company,
    tribes: [...tribes.values()]
      .map(({ tribe, squads, chapters }) => ({
        ...tribe,
        squads: squads.sort(byName),
        chapters: chapters.sort(byName),
      }))
      .sort(byName),
    guilds: guilds.sort(byName),
    people: people.sort(byName),
    unplaced: unplaced.sort(byName),
  };
};
