import { Inject, Injectable } from '@nestjs/common';
import { Forbidden, NotFound, type Clock } from '@rhythm/event-sourcing';
import type { AuthenticatedActor } from '@rhythm/identity';
import { RequestInvalid } from '@rhythm/operability';
import { TenantId } from '@rhythm/projections';
import type { OutOfOffice, Unit } from '../../checkins-domain';
import { GoalsDirectoryReader } from '@rhythm/goals-directory';
import { CHECKINS_CLOCK } from '../../infrastructure/checkins-tokens';
import { CheckinsReadModels } from '../../read-models/checkins-read-models';
import type { CheckInFactDocument } from '../../read-models/statistics.projection';
import { CheckinsFacts } from '../checkins-facts';
import {
  ORG_KNOWLEDGE,
  type DirectoryKeyResult,
  type DirectoryObjective,
  type OrgKnowledge,
} from '../checkins-directory.port';
import {
  cadenceHealthOf,
  dueMomentsKept,
  streakOf,
  type CadenceSpan,
  type KeyResultLife,
} from './cadence-record';
import {
  calibrationByPhase,
  calibrationOf,
  confidenceAsOf,
  type Forecast,
} from './confidence-calibration';
import { durationsOf } from './percentile';

const week = 7 * 24 * 3600_000;

/** What every statistics query is asked for: a moment (default now) and a window before it. */
export type StatisticsPeriod = Readonly<{ asOf?: string; weeks: number; cycleId?: string }>;

type Followed = Readonly<{ objective: DirectoryObjective; keyResult: DirectoryKeyResult }>;

/** A key result's life in the cadence: from its owner's start to its drop or final score. */
const lifeOf = (
  { keyResult }: Followed,
  checkIns: readonly CheckInFactDocument[],
  absences: ReadonlyMap<string, readonly OutOfOffice[]>,
): KeyResultLife => {
  const since = Date.parse(keyResult.ownedSince);
  const ends = [keyResult.droppedAt, keyResult.scoredAt].flatMap((at) =>
    at === undefined ? [] : [Date.parse(at)],
  );
  // A record folded before the drop was dated: it owed nothing the statistics can place.
  if (keyResult.dropped && keyResult.droppedAt === undefined) ends.push(since);
  return {
    since,
    ...(ends.length > 0 ? { until: Math.min(...ends) } : {}),
    // A due moment while the owner was away neither counts nor breaks a streak.
    outOfOffice: absences.get(keyResult.ownerId) ?? [],
    checkIns: checkIns
      .filter((checkIn) => checkIn.keyResultId === keyResult.keyResultId)
      .map((checkIn) => Date.parse(checkIn.recordedAt)),
  };
};

/**
 * Event-derived statistics (issue 9, item 9), each as of any past moment: check-in streaks,
 * cadence health, blocker response times and confidence calibration (ADR 0040). Only facts dated
 * by `asOf` count; a final score counts once goals gave it by then. Figures are aggregates: a
 * private objective's check-ins count in them, and nothing of one is ever listed.
 */
@Injectable()
export class StatisticsQueries {
  constructor(
    @Inject(CheckinsReadModels) private readonly readModels: CheckinsReadModels,
    @Inject(CheckinsFacts) private readonly facts: CheckinsFacts,
    @Inject(GoalsDirectoryReader) private readonly goals: GoalsDirectoryReader,
    @Inject(ORG_KNOWLEDGE) private readonly org: OrgKnowledge,
    @Inject(CHECKINS_CLOCK) private readonly clock: Clock,
  ) {}

  /** A unit's streak, cadence health and overdue record over the window, blocker times, calibration. */
  async unit(actor: AuthenticatedActor, unit: Unit, period: StatisticsPeriod) {
    const { tenantId } = actor;
    if ((await this.org.unit(tenantId, unit)) === undefined) {
      throw new NotFound(`${unit.kind} ${unit.id} not found`);
    }
    const asOf = this.asOf(period.asOf);
    await this.knownCycle(tenantId, period.cycleId);
    const windowFrom = new Date(Date.parse(asOf) - period.weeks * week).toISOString();
    const tenant = TenantId.of(tenantId);
    const followed = await this.followedBy(tenantId, unit);
    const [checkIns, history, blockers, overdue] = await Promise.all([
      this.readModels.statistics.checkIns.ofObjectives(
        tenant,
        followed.map(({ objective }) => objective.objectiveId),
        asOf,
      ),
      this.cadenceHistory(tenantId, unit),
      this.readModels.statistics.blockers.raisedIn(tenant, unit, windowFrom, asOf),
      this.readModels.statistics.overdue.announcedIn(tenant, unit, windowFrom, asOf),
    ]);
    const absences = await this.readModels.absences.of(
      tenant,
      followed.map(({ keyResult }) => keyResult.ownerId),
    );
    const kept = followed.map((item) =>
      dueMomentsKept(history, lifeOf(item, checkInsOn(checkIns, item), absences), Date.parse(asOf)),
    );
    const forecasts = this.forecasts(
      checkIns,
      new Map(
        followed.map((item) => [
          keyOf(item.objective.objectiveId, item.keyResult.keyResultId),
          item,
        ]),
      ),
      asOf,
      period.cycleId,
    );
    const since = (at: string, end: string | undefined) =>
      end !== undefined && end <= asOf ? [Date.parse(end) - Date.parse(at)] : [];
    return {
      unit,
      asOf,
      window: { weeks: period.weeks, from: windowFrom },
      keyResults: followed.length,
      streak: streakOf(kept),
      cadenceHealth: cadenceHealthOf(kept, Date.parse(windowFrom)),
      overdue: {
        announced: overdue.filter((fact) => fact.kind === 'overdue').length,
        toldLead: overdue.filter((fact) => fact.kind === 'lead').length,
        toldNextLead: overdue.filter((fact) => fact.kind === 'next-lead').length,
      },
      blockers: {
        raised: blockers.length,
        toAcknowledge: durationsOf(
          blockers.flatMap((b) => since(b.raisedAt, b.firstAcknowledgedAt)),
          blockers.filter((b) => since(b.raisedAt, b.firstAcknowledgedAt).length === 0).length,
        ),
        toResolve: durationsOf(
          blockers.flatMap((b) => since(b.raisedAt, b.resolvedAt)),
          blockers.filter((b) => since(b.raisedAt, b.resolvedAt).length === 0).length,
        ),
      },
      calibration: { cycleId: period.cycleId ?? null, ...calibrationByPhase(forecasts) },
    };
  }

  /** On-time periods in a row over the key results the person owns, each by its unit's cadence. */
  async personStreak(actor: AuthenticatedActor, personId: string, period: StatisticsPeriod) {
    await this.assertMayRead(actor, personId);
    const asOf = this.asOf(period.asOf);
    const { tenantId } = actor;
    const followed = (await this.goals.objectivesWithKeyResultsOf(tenantId, personId)).flatMap(
      (objective) =>
        objective.keyResults
          .filter((keyResult) => keyResult.ownerId === personId)
          .map((keyResult) => ({ objective, keyResult })),
    );
    const checkIns = await this.readModels.statistics.checkIns.ofObjectives(
      TenantId.of(tenantId),
      followed.map(({ objective }) => objective.objectiveId),
      asOf,
    );
    const absences = await this.readModels.absences.of(TenantId.of(tenantId), [personId]);
    const histories = new Map<string, Promise<CadenceSpan[]>>();
    const kept = await Promise.all(
      followed.map(async (item) => {
        const unit = await this.facts.cadenceUnitOf(tenantId, item.objective, personId);
        const key = unit === undefined ? '' : `${unit.kind}:${unit.id}`;
        if (!histories.has(key)) histories.set(key, this.cadenceHistory(tenantId, unit));
        const history = await histories.get(key)!;
        return dueMomentsKept(
          history,
          lifeOf(item, checkInsOn(checkIns, item), absences),
          Date.parse(asOf),
        );
      }),
    );
    const windowFrom = Date.parse(asOf) - period.weeks * week;
    return {
      personId,
      asOf,
      keyResults: followed.length,
      streak: streakOf(kept),
      cadenceHealth: cadenceHealthOf(kept, windowFrom),
      window: { weeks: period.weeks, from: new Date(windowFrom).toISOString() },
    };
  }

  /** How well the person's confidences predicted their key results, overall and per cycle. */
  async personCalibration(actor: AuthenticatedActor, personId: string, period: StatisticsPeriod) {
    await this.assertMayRead(actor, personId);
    const asOf = this.asOf(period.asOf);
    const { tenantId } = actor;
    await this.knownCycle(tenantId, period.cycleId);
    const checkIns = await this.readModels.statistics.checkIns.by(
      TenantId.of(tenantId),
      personId,
      asOf,
    );
    const objectives = await Promise.all(
      [...new Set(checkIns.map((checkIn) => checkIn.objectiveId))].map((id) =>
        this.goals.objective(tenantId, id),
      ),
    );
    const keyResults = new Map(
      objectives.flatMap((objective) =>
        objective === undefined
          ? []
          : objective.keyResults.map(
              (keyResult) =>
                [
                  keyOf(objective.objectiveId, keyResult.keyResultId),
                  { objective, keyResult },
                ] as const,
            ),
      ),
    );
    const forecasts = this.forecasts(checkIns, keyResults, asOf, period.cycleId);
    const cycles = [...new Set(forecasts.map((forecast) => forecast.cycleId))].sort();
    return {
      personId,
      asOf,
      cycleId: period.cycleId ?? null,
      ...calibrationByPhase(forecasts),
      byCycle: cycles.map((cycleId) => ({
        cycleId,
        ...calibrationOf(forecasts.filter((forecast) => forecast.cycleId === cycleId)),
      })),
    };
  }

  /** The organisation's calibration over one cycle: every check-in on its scored key results. */
  async cycleCalibration(actor: AuthenticatedActor, cycleId: string, period: StatisticsPeriod) {
    const { tenantId } = actor;
    await this.knownCycle(tenantId, cycleId);
    const asOf = this.asOf(period.asOf);
    const followed = (await this.goals.activeObjectives(tenantId))
      .filter((objective) => objective.cycleId === cycleId)
      .flatMap((objective) => objective.keyResults.map((keyResult) => ({ objective, keyResult })));
    const checkIns = await this.readModels.statistics.checkIns.ofObjectives(
      TenantId.of(tenantId),
      followed.map(({ objective }) => objective.objectiveId),
      asOf,
    );
    const keyResults = new Map(
      followed.map((item) => [keyOf(item.objective.objectiveId, item.keyResult.keyResultId), item]),
    );
    return {
      cycleId,
      asOf,
      ...calibrationByPhase(this.forecasts(checkIns, keyResults, asOf, cycleId)),
    };
  }

  /** Each check-in on a key result goals had scored by `asOf`, as a forecast of its outcome. */
  private forecasts(
    checkIns: readonly CheckInFactDocument[],
    keyResults: ReadonlyMap<string, Followed>,
    asOf: string,
    cycleId: string | undefined,
  ): Array<Forecast & { cycleId: string }> {
    return checkIns.flatMap((checkIn) => {
      const found = keyResults.get(keyOf(checkIn.objectiveId, checkIn.keyResultId));
      if (found === undefined) return [];
      const { objective, keyResult } = found;
      const { finalScore, scoredAt } = keyResult;
      if (finalScore === undefined || scoredAt === undefined || scoredAt > asOf) return [];
      if (cycleId !== undefined && objective.cycleId !== cycleId) return [];
      return [
        {
          cycleId: objective.cycleId,
          confidence: confidenceAsOf(checkIn, asOf),
          recordedAt: Date.parse(checkIn.recordedAt),
          finalScore,
          startedAt: Date.parse(objective.activatedAt ?? keyResult.ownedSince),
          scoredAt: Date.parse(scoredAt),
        },
      ];
    });
  }

  /** The key results whose cadence is the unit's, whatever their cycle (dropped ones too). */
  private async followedBy(tenantId: string, unit: Unit): Promise<Followed[]> {
    const objectives = await this.goals.activeObjectives(tenantId);
    const all = objectives.flatMap((objective) =>
      objective.keyResults.map((keyResult) => ({ objective, keyResult })),
    );
    const units = await Promise.all(
      all.map(({ objective, keyResult }) =>
        this.facts.cadenceUnitOf(tenantId, objective, keyResult.ownerId),
      ),
    );
    return all.filter((_, i) => units[i]?.kind === unit.kind && units[i]?.id === unit.id);
  }

  /** The unit's cadences as set over time; before the first, the default (as the sweep does). */
  private async cadenceHistory(tenantId: string, unit: Unit | undefined): Promise<CadenceSpan[]> {
    const initial: CadenceSpan = { cadence: this.facts.defaultCadence(), from: 0 };
    if (unit === undefined) return [initial];
    const found = await this.readModels.statistics.cadences.of(TenantId.of(tenantId), unit);
    return [
      initial,
      ...(found?.changes ?? []).map(({ cadence, from }) => ({ cadence, from: Date.parse(from) })),
    ];
  }

  private asOf(asked: string | undefined): string {
    const now = this.clock.now();
    if (asked === undefined) return now.toISOString();
    const at = new Date(asked);
    if (at.getTime() > now.getTime()) {
      throw new RequestInvalid({ asOf: 'must not be in the future' });
    }
    return at.toISOString();
  }

  private async knownCycle(tenantId: string, cycleId: string | undefined): Promise<void> {
    if (cycleId !== undefined && (await this.goals.cycle(tenantId, cycleId)) === undefined) {
      throw new NotFound(`Cycle ${cycleId} not found`);
    }
  }

  /**
   * A person's figures are theirs: they, a lead of their squad, chapter or tribe, or an admin
   * may read them (a streak or a Brier score is no one else's business).
   */
  private async assertMayRead(actor: AuthenticatedActor, personId: string): Promise<void> {
    const person = await this.org.person(actor.tenantId, personId);
    if (person === undefined) throw new NotFound(`Person ${personId} not found`);
    if (actor.personId === personId || actor.roles.includes('admin')) return;
    const reader = await this.org.person(actor.tenantId, actor.personId);
    const theirs = [
      ...(person.squadId ? [`squad:${person.squadId}`] : []),
      ...(person.chapterId ? [`chapter:${person.chapterId}`] : []),
      ...person.tribeIds.map((tribeId) => `tribe:${tribeId}`),
    ];
    if (reader?.leads.some((led) => theirs.includes(`${led.kind}:${led.id}`))) return;
    throw new Forbidden(
      `Only ${personId}, a lead of their squad, chapter or tribe, or an admin may read their statistics`,
    );
  }
}

const keyOf = (objectiveId: string, keyResultId: string) => `${objectiveId}.${keyResultId}`;

const checkInsOn = (checkIns: readonly CheckInFactDocument[], { objective }: Followed) =>
  checkIns.filter((checkIn) => checkIn.objectiveId === objective.objectiveId);
