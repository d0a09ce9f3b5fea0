import { Inject, Injectable } from '@nestjs/common';
import { viewerOf, type Owner, type Viewer } from '@rhythm/access-rules';
import { RuleViolated } from '@rhythm/event-sourcing';
import { ObjectiveSight } from '@rhythm/goals-directory';
import type { AuthenticatedActor } from '@rhythm/identity';
import {
  defaultCadence,
  type BlockerTarget,
  type BlockerTargetFacts,
  type Cadence,
  type KeyResultFacts,
  type Unit,
} from '../checkins-domain';
import type { CheckinsConfiguration } from '../checkins-configuration';
import { CHECKINS_CONFIGURATION } from '../infrastructure/checkins-tokens';
import {
  GOALS_KNOWLEDGE,
  ORG_KNOWLEDGE,
  type DirectoryKeyResult,
  type DirectoryObjective,
  type GoalsKnowledge,
  type OrgKnowledge,
  type OrgPerson,
} from './checkins-directory.port';

/** Who reads or acts, in which organisation: every query and every command takes one. */
export type Reader = Readonly<{ tenantId: string; viewer: Viewer; person?: OrgPerson }>;

const unitKinds = ['tribe', 'squad', 'chapter', 'guild'] as const;
const isUnit = (owner: Owner): owner is Unit =>
  (unitKinds as readonly string[]).includes(owner.kind);

/** A key result as the cadence and the commands see it, with the people around it today. */
export type KeyResultContext = Readonly<{
  objective: DirectoryObjective;
  keyResult: DirectoryKeyResult;
  /** The unit whose cadence it follows and whose lead acknowledges and is told when overdue. */
  unit: Unit | undefined;
  unitLeadIds: readonly string[];
  objectiveLeadIds: readonly string[];
}>;

/**
 * What the service's directory (goals and org topics, never another service's store or API)
 * says about the goal a command or query names, judged by the written rules (docs/security.md):
 * a private objective the caller may not see is, to them, an objective that does not exist.
 */
@Injectable()
export class CheckinsFacts {
  constructor(
    @Inject(ORG_KNOWLEDGE) private readonly org: OrgKnowledge,
    @Inject(GOALS_KNOWLEDGE) private readonly goals: GoalsKnowledge,
    @Inject(CHECKINS_CONFIGURATION)
    private readonly config: Pick<
      CheckinsConfiguration,
      'CHECKINS_DIRECTORY_WAIT_MS' | 'CHECKINS_DEFAULT_TIME_ZONE'
    >,
  ) {
    this.sight = new ObjectiveSight(
      {
        objective: (tenantId, id) => goals.objective(tenantId, id),
        unit: (t, u) => org.unit(t, u),
      },
      config.CHECKINS_DIRECTORY_WAIT_MS,
    );
  }

  private readonly sight: ObjectiveSight;

  /**
   * What a unit that has set no cadence follows: weekly, Fridays 17:00 in the organisation's zone.
   * Counted from a fixed day, so every tick and every query finds the same due moments.
   */
  defaultCadence(): Cadence {
    return defaultCadence(this.config.CHECKINS_DEFAULT_TIME_ZONE, '2000-01-03');
  }

  async readerOf(actor: AuthenticatedActor): Promise<Reader> {
    const person = await this.org.person(actor.tenantId, actor.personId);
    return {
      tenantId: actor.tenantId,
      viewer: viewerOf(actor.personId, actor.roles, person),
      ...(person === undefined ? {} : { person }),
    };
  }

  /** A person as the org directory knows them (undefined: unknown to it). */
  person(tenantId: string, personId: string): Promise<OrgPerson | undefined> {
    return this.org.person(tenantId, personId);
  }

  /** Whether the reader may see the objective (docs/security.md; `ObjectiveSight`). */
  mayView(reader: Reader, objective: DirectoryObjective): Promise<boolean> {
    return this.sight.mayView(reader, objective);
  }

  /**
   * The objective if the reader may see it; an unknown one is waited for a little
   * (CHECKINS_DIRECTORY_WAIT_MS) before it is called unknown. Queries pass `wait: false`.
   */
  visibleObjective(
    reader: Reader,
    objectiveId: string,
    options: Readonly<{ wait?: boolean }> = {},
  ): Promise<DirectoryObjective | undefined> {
    return this.sight.visibleObjective(reader, objectiveId, options);
  }

  /** Of these objectives (records already read), the ones the reader may see. */
  async visibleAmong(
    reader: Reader,
    objectives: readonly DirectoryObjective[],
  ): Promise<DirectoryObjective[]> {
    const seen = await Promise.all(objectives.map((objective) => this.mayView(reader, objective)));
    return objectives.filter((_, index) => seen[index]);
  }

  /** Of these objectives, the ones the reader may see. */
  async visibleObjectives(
    reader: Reader,
    objectiveIds: readonly string[],
  ): Promise<Map<string, DirectoryObjective>> {
    const distinct = [...new Set(objectiveIds)];
    const found = await Promise.all(
      distinct.map((id) => this.visibleObjective(reader, id, { wait: false })),
    );
    return new Map(
      found.flatMap((objective) => (objective ? [[objective.objectiveId, objective]] : [])),
    );
  }

  /** The leads of the objective: the owning unit's, or the person of a personal objective. */
  async objectiveLeadIds(tenantId: string, objective: DirectoryObjective): Promise<string[]> {
    const { owner } = objective;
    if (owner.kind === 'person') return [owner.id];
    if (!isUnit(owner)) return [];
    return [...((await this.org.unit(tenantId, owner))?.leadIds ?? [])];
  }

  /**
   * The unit whose cadence a key result follows: the owning unit of a unit's objective; for a
   * personal or company objective, the owner's squad, else their chapter.
   */
  async cadenceUnitOf(
    tenantId: string,
    objective: DirectoryObjective,
    ownerId: string,
  ): Promise<Unit | undefined> {
    if (isUnit(objective.owner)) return objective.owner;
    const owner = await this.org.person(tenantId, ownerId);
    if (owner?.squadId) return { kind: 'squad', id: owner.squadId };
    if (owner?.chapterId) return { kind: 'chapter', id: owner.chapterId };
    return undefined;
  }

  async leadsOf(tenantId: string, unit: Unit | undefined): Promise<string[]> {
    if (unit === undefined) return [];
    return [...((await this.org.unit(tenantId, unit))?.leadIds ?? [])];
  }

  /** One level up: a squad's or chapter's tribe and its lead; a tribe or guild has none. */
  async above(
    tenantId: string,
    unit: Unit,
  ): Promise<Readonly<{ unit: Unit; leadIds: readonly string[] }> | 'none'> {
    if (unit.kind === 'guild') {
      // A guild's blockers go to all its coordinators: its leads.
      const guild = await this.org.unit(tenantId, unit);
      return guild ? { unit, leadIds: guild.leadIds } : 'none';
    }
    if (unit.kind !== 'squad' && unit.kind !== 'chapter') return 'none';
    const tribeId = (await this.org.unit(tenantId, unit))?.tribeId;
    if (tribeId === undefined) return 'none';
    const tribe: Unit = { kind: 'tribe', id: tribeId };
    return { unit: tribe, leadIds: await this.leadsOf(tenantId, tribe) };
  }

  async keyResultContext(
    tenantId: string,
    objective: DirectoryObjective,
    keyResult: DirectoryKeyResult,
  ): Promise<KeyResultContext> {
    const { owner } = objective;
    const [unit, owningUnit] = await Promise.all([
      this.cadenceUnitOf(tenantId, objective, keyResult.ownerId),
      isUnit(owner) ? this.org.unit(tenantId, owner) : Promise.resolve(undefined),
    ]);
    const objectiveLeadIds =
      owner.kind === 'person' ? [owner.id] : [...(owningUnit?.leadIds ?? [])];
    // The cadence unit is the owning unit unless the objective is a person's or the company's.
    const unitLeadIds =
      unit !== undefined && isUnit(owner) && unit.kind === owner.kind && unit.id === owner.id
        ? objectiveLeadIds
        : await this.leadsOf(tenantId, unit);
    return { objective, keyResult, unit, unitLeadIds, objectiveLeadIds };
  }

  /** A key result as a check-in command needs it (KeyResultFacts, in the domain's terms). */
  async keyResultFacts(
    reader: Reader,
    objectiveId: string,
    keyResultId: string,
  ): Promise<KeyResultFacts> {
    const objective = await this.visibleObjective(reader, objectiveId);
    if (objective === undefined) return 'no-objective';
    const keyResult = objective.keyResults.find(
      (kr) => kr.keyResultId === keyResultId && !kr.dropped,
    );
    if (keyResult === undefined) return 'no-key-result';
    const [context, acceptsCheckIns] = await Promise.all([
      this.keyResultContext(reader.tenantId, objective, keyResult),
      this.acceptsCheckIns(reader.tenantId, objective),
    ]);
    return {
      ownerId: keyResult.ownerId,
      contributorIds: objective.contributorIds,
      objectiveLeadIds: context.objectiveLeadIds,
      unitLeadIds: context.unitLeadIds,
      acceptsCheckIns,
    };
  }

  /** As goals records progress: an active objective in an active cycle or one in review. */
  async acceptsCheckIns(
    tenantId: string,
    objective: Readonly<{ status: string; cycleId: string }>,
  ): Promise<boolean> {
    if (objective.status !== 'active') return false;
    const cycle = await this.goals.cycle(tenantId, objective.cycleId);
    return cycle?.status === 'active' || cycle?.status === 'review';
  }

  /** The goal a blocker is raised on, and who may raise one there. */
  async blockerTargetFacts(reader: Reader, target: BlockerTarget): Promise<BlockerTargetFacts> {
    const objective = await this.visibleObjective(reader, target.objectiveId);
    if (objective === undefined) return 'no-objective';
    const live = objective.keyResults.filter((kr) => !kr.dropped);
    const keyResult =
      target.kind === 'key-result'
        ? live.find((kr) => kr.keyResultId === target.keyResultId)
        : undefined;
    if (target.kind === 'key-result' && keyResult === undefined) return 'no-key-result';
    const unit = await this.cadenceUnitOf(
      reader.tenantId,
      objective,
      keyResult?.ownerId ?? (objective.owner.kind === 'person' ? objective.owner.id : ''),
    );
    const owningUnit = unit ? await this.org.unit(reader.tenantId, unit) : undefined;
    const objectiveLeadIds = await this.objectiveLeadIds(reader.tenantId, objective);
    const involvedIds = [
      ...live.map((kr) => kr.ownerId),
      ...objective.contributorIds,
      ...objectiveLeadIds,
      ...(owningUnit?.memberIds ?? []),
      ...(owningUnit?.leadIds ?? []),
    ];
    if (unit === undefined) {
      // A personal or company goal of someone in no squad or chapter: no lead to route it to.
      throw new RuleViolated(
        `Objective ${target.objectiveId} belongs to no squad, chapter, tribe or guild whose lead could take a blocker`,
        { target: 'no unit to route the blocker to' },
      );
    }
    return {
      involvedIds: [...new Set(involvedIds)],
      unit,
      unitLeadIds: owningUnit?.leadIds ?? [],
    };
  }
}
