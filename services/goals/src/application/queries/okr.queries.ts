import { Inject, Injectable } from '@nestjs/common';
import { NotFound } from '@rhythm/event-sourcing';
import type { TenantId } from '@rhythm/projections';
import {
  goalsStreams,
  googleZonesRule,
  linearRule,
  objectiveNotFound,
  rescoreCycle,
  type CycleRescoring,
  type Objective,
  type Owner,
  type ScoringRule,
  type Unit,
} from '@rhythm/goals-domain';
import type { AmbitionDocument } from '../../read-models/ambitions.projection';
import type { CycleDocument } from '../../read-models/cycles.projection';
import { GoalsReadModels } from '../../read-models/goals-read-models';
import {
  objectiveOfCard,
  type ObjectiveCard,
  type ObjectiveCardDocument,
} from '../../read-models/objective-cards.projection';
import { ownerKey } from '../../read-models/read-model-keys';
import {
  ObjectiveSnapshots,
  type LoadedObjective,
  type ObjectiveTimeline,
} from '../objective-snapshots';
import { ORG_DIRECTORY, type OrgDirectory, type OwnerLabel } from '../org-directory.port';
import { alignmentCoverage, type AlignmentCoverage } from './alignment-coverage';
import { CurrentCycleCards } from './current-cycle-cards';
import { ObjectiveHistory, type HistoryEntryView } from './objective-history';
import { VisibilityGate, type Reader } from '../visibility/visibility.gate';
import { objectiveViews, relativesOf, type ObjectiveView } from './objective.view';
import { okrTreeView, type OkrTreeView } from './okr-tree.view';

export type CycleView = Readonly<{
  cycleId: string;
  name: string;
  startsOn: string;
  endsOn: string;
  /** 'none' only in time travel: the cycle was not planned yet at that moment. */
  status: CycleDocument['status'] | 'none';
  scoringRule: ScoringRule;
  reopenings: number;
}>;

export type CycleTree = OkrTreeView & Readonly<{ cycle: CycleView; asOf: string | null }>;

export type { HistoryEntryView } from './objective-history';

export type ObjectiveDetail = ObjectiveView &
  Readonly<{
    reviewNotes: Objective['reviewNotes'];
    retrospective: Objective['retrospective'] | null;
    fromProposalId: string | null;
    fromTemplateId: string | null;
    abandoned: ObjectiveTimeline['abandoned'] | null;
    definedAt: string;
    updatedAt: string;
    /** The objective stream's revision this answer shows at least (its last event when read). */
    revision: number;
  }>;

export type AmbitionView = Readonly<{
  ambitionId: string;
  kind: AmbitionDocument['kind'];
  title: string;
  description: string;
  status: AmbitionDocument['status'];
  links: readonly AmbitionDocument['links'][string][];
}>;

export type FollowedObjectiveView = ObjectiveView & Readonly<{ throughGuilds: readonly string[] }>;

export type PersonOkrs = Readonly<{
  personId: string;
  cycleId: string | null;
  /** Owned by the person, or with a key result they own. */
  owned: readonly ObjectiveView[];
  contributed: readonly ObjectiveView[];
  followed: readonly FollowedObjectiveView[];
  /** Only for the person themselves; null for anyone else. */
  ambitions: readonly AmbitionView[] | null;
}>;

export type UnitOkrs = Readonly<{
  unit: Readonly<{ kind: Unit['kind']; id: string; name: string }>;
  cycleId: string | null;
  objectives: readonly ObjectiveView[];
}>;

export type CycleScores = CycleRescoring &
  Readonly<{ cycle: CycleView; ruleName: ScoringRuleName | 'cycle' }>;

/** The rules a cycle can be re-scored under by name (`?rule=`). */
export const scoringRules = { linear: linearRule, 'google-zones': googleZonesRule } as const;
export type ScoringRuleName = keyof typeof scoringRules;

export const cycleView = (cycle: CycleDocument): CycleView => ({
  cycleId: cycle.cycleId,
  name: cycle.name,
  startsOn: cycle.startsOn,
  endsOn: cycle.endsOn,
  status: cycle.status,
  scoringRule: cycle.scoringRule,
  reopenings: cycle.reopenings,
});

const ambitionView = (ambition: AmbitionDocument, visible: ReadonlySet<string>): AmbitionView => ({
  ambitionId: ambition.ambitionId,
  kind: ambition.kind,
  title: ambition.title,
  description: ambition.description,
  status: ambition.status,
  // A link to an objective the person may no longer see is left out like the objective.
  links: Object.values(ambition.links ?? {}).filter((link) => visible.has(link.objectiveId)),
});

/**
 * What `read` answers, once `admission` lets the reader in. Both run at once, but a refusal of the
 * admission wins: a reader who may not see the objective gets its 404 whatever the read met.
 */
const admittedThen = async <T>(admission: Promise<unknown>, read: Promise<T>): Promise<T> => {
  const [admitted, answer] = await Promise.allSettled([admission, read]);
  if (admitted.status === 'rejected') throw admitted.reason;
  if (answer.status === 'rejected') throw answer.reason;
  return answer.value;
};

/** Alignment changes in an objective's history name the other objective as `parent`. */
const alignmentEvents: readonly string[] = ['ObjectiveAligned', 'ObjectiveUnaligned'];

const parentNamedBy = (entry: HistoryEntryView): string | undefined => {
  if (!alignmentEvents.includes(entry.eventType)) return undefined;
  const change = entry.changes.find((changed) => changed.field === 'parent');
  const parent = change?.after ?? change?.before;
  return typeof parent === 'string' ? parent : undefined;
};

/**
 * Queries on the current read models. Every one filters by the reader's tenant, and passes every
 * objective through the visibility gate.
 */
@Injectable()
export class OkrQueries {
  constructor(
    private readonly readModels: GoalsReadModels,
    @Inject(ORG_DIRECTORY) private readonly directory: OrgDirectory,
    private readonly visibility: VisibilityGate,
    private readonly cards: CurrentCycleCards,
    private readonly objectiveHistory: ObjectiveHistory,
    private readonly snapshots: ObjectiveSnapshots,
  ) {}

  /** The ids of these objectives that the reader may see, as their cards show them. */
  private async visibleIds(reader: Reader, objectiveIds: readonly string[]): Promise<Set<string>> {
    const found =
      objectiveIds.length === 0
        ? []
        : await this.readModels.cards.some(reader.tenantId, objectiveIds);
    const visible = await this.visibility.visible(reader, found.map(objectiveOfCard));
    return new Set(visible.map((objective) => objective.objectiveId));
  }

  async cycles({ tenantId }: Reader): Promise<CycleView[]> {
    return (await this.readModels.cycles.all(tenantId)).map(cycleView);
  }

  async cycle({ tenantId }: Reader, cycleId: string): Promise<CycleView> {
    return cycleView(await this.cycleDocument(tenantId, cycleId));
  }

  async tree(reader: Reader, cycleId: string): Promise<CycleTree> {
    const [cycle, visible] = await Promise.all([
      this.cycleDocument(reader.tenantId, cycleId),
      this.visibleOfCycle(reader, cycleId),
    ]);
    return {
      cycle: cycleView(cycle),
      asOf: null,
      ...(await this.treeOf(reader, visible)),
    };
  }

  /** The org-shaped tree of these (visible) objectives, with names from the directory. */
  async treeOf({ tenantId }: Reader, visible: readonly Objective[]): Promise<OkrTreeView> {
    const labels = await this.labelsOf(
      tenantId,
      visible.map((objective) => objective.owner),
    );
    return okrTreeView(
      visible,
      (owner) => labels.get(ownerKey(owner)),
      (personId) => labels.get(ownerKey({ kind: 'person', id: personId }))?.name,
    );
  }

  async coverage(
    reader: Reader,
    cycleId: string,
  ): Promise<AlignmentCoverage & { cycle: CycleView }> {
    const cycle = await this.cycleDocument(reader.tenantId, cycleId);
    return {
      cycle: cycleView(cycle),
      ...alignmentCoverage(await this.visibleOfCycle(reader, cycleId)),
    };
  }

  /**
   * The cycle's objectives scored under another rule (default: the cycle's own), as a view: the
   * domain's rescore over the read model, the record untouched.
   */
  async scores(reader: Reader, cycleId: string, rule?: ScoringRuleName): Promise<CycleScores> {
    const cycle = await this.cycleDocument(reader.tenantId, cycleId);
    const visible = await this.visibleOfCycle(reader, cycleId);
    const scoringRule = rule === undefined ? cycle.scoringRule : scoringRules[rule];
    return {
      cycle: cycleView(cycle),
      ruleName: rule ?? 'cycle',
      ...rescoreCycle(visible, scoringRule),
    };
  }

  async unitObjectives(reader: Reader, unit: Unit, cycleId?: string): Promise<UnitOkrs> {
    const { tenantId } = reader;
    // The company is the organisation: it exists under the tenant's id, named as it named itself.
    const [label] =
      unit.kind === 'company' && unit.id !== tenantId
        ? []
        : await this.directory.labelsOf(tenantId, [unit]);
    const known =
      label ?? (unit.kind === 'company' && unit.id === tenantId ? { name: unit.id } : undefined);
    const key = ownerKey(unit);
    const objectives = await this.listed(
      reader,
      cycleId,
      () => this.readModels.cards.ofOwner(tenantId, unit),
      (objective) => ownerKey(objective.owner) === key,
    );
    // A unit the directory does not know exists only through what the reader may see of it.
    if (!known && objectives.length === 0) {
      throw new NotFound(`No ${unit.kind} ${unit.id} in this organisation`);
    }
    return {
      unit: { kind: unit.kind, id: unit.id, name: known?.name ?? unit.id },
      cycleId: cycleId ?? null,
      objectives,
    };
  }

  /** Owned, contributed and followed through guilds; ambitions only for the person themselves. */
  async personOkrs(reader: Reader, personId: string, cycleId?: string): Promise<PersonOkrs> {
    const { tenantId, viewer } = reader;
    const self = personId === viewer.personId;
    const person = await this.directory.person(tenantId, personId);
    if (!person && !self) throw new NotFound(`No person ${personId} in this organisation`);
    const guildIds = person?.guildIds ?? [];
    const views = await this.listed(
      reader,
      cycleId,
      () => this.readModels.cards.ofPerson(tenantId, personId, guildIds),
      (objective) =>
        (objective.owner.kind === 'person' && objective.owner.id === personId) ||
        objective.keyResults.some((keyResult) => keyResult.owner === personId) ||
        objective.contributors.includes(personId) ||
        objective.followers.some((guildId) => guildIds.includes(guildId)),
    );
    const isOwned = (view: ObjectiveView) =>
      (view.owner.kind === 'person' && view.owner.id === personId) ||
      view.keyResults.some((keyResult) => keyResult.owner === personId);
    const owned = views.filter(isOwned);
    const contributed = views.filter(
      (view) => !isOwned(view) && view.contributors.includes(personId),
    );
    const followed = views
      .filter((view) => !isOwned(view) && !view.contributors.includes(personId))
      .map((view) => ({
        ...view,
        throughGuilds: view.followers.filter((guildId) => guildIds.includes(guildId)),
      }))
      .filter((view) => view.throughGuilds.length > 0);
    return {
      personId,
      cycleId: cycleId ?? null,
      owned,
      contributed,
      followed,
      ambitions: self ? await this.ambitionsOf(reader, personId) : null,
    };
  }

  /** The reader's own ambitions: nobody else's are ever read. */
  async myAmbitions(reader: Reader): Promise<AmbitionView[]> {
    return this.ambitionsOf(reader, reader.viewer.personId);
  }

  private async ambitionsOf(reader: Reader, personId: string): Promise<AmbitionView[]> {
    if (personId !== reader.viewer.personId) return [];
    const ambitions = await this.readModels.ambitions.ofPerson(reader.tenantId, personId);
    const linked = [...new Set(ambitions.flatMap((ambition) => ambition.objectiveIds ?? []))];
    const visible = await this.visibleIds(reader, linked);
    return ambitions.map((ambition) => ambitionView(ambition, visible));
  }

  /**
   * The objective as its stream folds it now (ADR 0067): what the reader's last command did is
   * there the moment it was acknowledged. Its alignment, children and roll-up as every list shows
   * them (the cycle's current cards, folded to the store's head when asked).
   */
  async objective(reader: Reader, objectiveId: string): Promise<ObjectiveDetail> {
    const {
      state: objective,
      timeline,
      currentRevision,
    } = await this.visibleLoaded(reader, objectiveId);
    const [view] = await this.listed(
      reader,
      objective.cycleId,
      () => Promise.resolve([]),
      (shown) => shown.objectiveId === objectiveId,
    );
    // Made private since it was folded, and not for this reader.
    if (view === undefined) throw objectiveNotFound(objectiveId);
    return {
      ...view,
      reviewNotes: objective.reviewNotes,
      retrospective: objective.retrospective ?? null,
      fromProposalId: objective.fromProposalId ?? null,
      fromTemplateId: objective.fromTemplateId ?? null,
      abandoned: timeline.abandoned ?? null,
      definedAt: timeline.definedAt ?? '',
      updatedAt: timeline.updatedAt ?? '',
      revision: currentRevision,
    };
  }

  /**
   * The views of the listed objectives the reader may see, in the order they were defined, each
   * built among every visible objective of its cycle (its current cards, ADR 0043): alignment
   * stays within a cycle, so parents, children and roll-up are exactly the ones the tree and
   * `GET /objectives/:id` show. Without a cycle, the cycles `whose` finds objectives in are read.
   * Names are the directory's, for the listed owners.
   */
  private async listed(
    reader: Reader,
    cycleId: string | undefined,
    whose: () => Promise<ObjectiveCardDocument[]>,
    isListed: (objective: ObjectiveCard) => boolean,
  ): Promise<ObjectiveView[]> {
    const cycleIds =
      cycleId === undefined ? (await whose()).map((card) => card.cycleId) : [cycleId];
    if (cycleIds.length === 0) return [];
    const visible = await this.visibility.visible(
      reader,
      await this.cards.objectives(reader.tenantId, cycleIds),
    );
    const listed = visible.filter(isListed);
    if (listed.length === 0) return [];
    const labels = await this.directory.labelsOf(reader.tenantId, [
      ...new Map(listed.map(({ owner }) => [ownerKey(owner), owner])).values(),
    ]);
    const names = new Map(labels.map((label) => [ownerKey(label), label.name]));
    const listedIds = new Set(listed.map((objective) => objective.objectiveId));
    return objectiveViews(
      relativesOf(visible, listedIds),
      (owner) => names.get(ownerKey(owner)) ?? owner.id,
    ).filter((view) => listedIds.has(view.objectiveId));
  }

  /**
   * Every change of a visible objective, but those that name an objective the reader may not see
   * (an alignment to a private parent): the history tells them no more than the objective does.
   */
  async history(reader: Reader, objectiveId: string): Promise<HistoryEntryView[]> {
    const entries = await admittedThen(
      this.visibleObjective(reader, objectiveId),
      this.objectiveHistory.ofObjective(reader.tenantId, objectiveId),
    );
    const named = [...new Set(entries.map(parentNamedBy).filter((id) => id !== undefined))];
    const seen = await this.visibleIds(reader, named);
    return entries.filter((entry) => {
      const parent = parentNamedBy(entry);
      return parent === undefined || seen.has(parent);
    });
  }

  async keyResultHistory(
    reader: Reader,
    objectiveId: string,
    keyResultId: string,
  ): Promise<HistoryEntryView[]> {
    const entries = await admittedThen(
      this.visibleObjective(reader, objectiveId),
      this.objectiveHistory.ofKeyResult(reader.tenantId, objectiveId, keyResultId),
    );
    if (entries.length === 0) {
      throw new NotFound(`Key result ${keyResultId} not found on objective ${objectiveId}`);
    }
    return entries;
  }

  async cycleDocument(tenantId: TenantId, cycleId: string): Promise<CycleDocument> {
    const cycle = await this.readModels.cycles.cycle(tenantId, cycleId);
    if (!cycle) throw new NotFound(`Cycle ${cycleId} not found`);
    return cycle;
  }

  /** An objective the reader may see; an invisible one is as unknown as a missing one (404). */
  async visibleObjective(reader: Reader, objectiveId: string): Promise<Objective> {
    return (await this.visibleLoaded(reader, objectiveId)).state;
  }

  /**
   * The objective folded from its stream, from this process's last state of it (ADR 0045), if
   * the reader may see it. A stream with an event the fold cannot take answers 503, but only to
   * whoever may see what it folds to before that event (ADR 0066).
   */
  private async visibleLoaded(
    reader: Reader,
    objectiveId: string,
  ): Promise<LoadedObjective & { state: Objective }> {
    const { tenantId } = reader;
    const loaded = await this.snapshots.load(
      tenantId,
      goalsStreams.objective(tenantId, objectiveId),
    );
    const { state } = loaded;
    if (state.status === 'none' || !(await this.visibility.sees(reader, state))) {
      throw objectiveNotFound(objectiveId);
    }
    if (loaded.unreadable) throw loaded.unreadable;
    return { ...loaded, state };
  }

  /** The cycle's objectives the reader may see as of now, in the order they were defined. */
  async visibleOfCycle(reader: Reader, cycleId: string): Promise<Objective[]> {
    return this.visibility.visible(reader, await this.cards.objectives(reader.tenantId, [cycleId]));
  }

  /**
   * Labels of the owners and of the tribes their squads and chapters belong to (the tree places
   * them under their tribes): two directory round trips whatever the number of owners.
   */
  private async labelsOf(
    tenantId: TenantId,
    owners: readonly Owner[],
  ): Promise<Map<string, OwnerLabel>> {
    const labels = new Map<string, OwnerLabel>();
    const add = (found: readonly OwnerLabel[]) => {
      for (const label of found) labels.set(ownerKey(label), label);
    };
    add(await this.directory.labelsOf(tenantId, owners));
    const tribes = [...labels.values()].flatMap((label): Owner[] =>
      label.tribeId === undefined || labels.has(ownerKey({ kind: 'tribe', id: label.tribeId }))
        ? []
        : [{ kind: 'tribe', id: label.tribeId }],
    );
    if (tribes.length > 0) add(await this.directory.labelsOf(tenantId, tribes));
    return labels;
  }
}
