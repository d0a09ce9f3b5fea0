import { Inject, Injectable } from '@nestjs/common';
import { NotFound, type Clock } from '@rhythm/event-sourcing';
import type { AuthenticatedActor } from '@rhythm/identity';
import { TenantId } from '@rhythm/projections';
import {
  keyResultStanding,
  objectiveNotFound,
  type Cadence,
  type Unit,
} from '../../checkins-domain';
import { GoalsDirectoryReader } from '@rhythm/goals-directory';
import { CHECKINS_CLOCK } from '../../infrastructure/checkins-tokens';
import type { BlockerDocument } from '../../read-models/blockers.projection';
import type { CheckInDocument } from '../../read-models/check-ins.projection';
import { cadenceKey } from '../../read-models/cadences.projection';
import { CheckinsReadModels } from '../../read-models/checkins-read-models';
import type { FeedEntryDocument } from '../../read-models/feed.projection';
import type { OverdueDocument } from '../../read-models/overdue.projection';
import { CheckinsFacts, type Reader } from '../checkins-facts';

/** A document as answered: the tenant is the caller's, the key is the storage's. */
const withoutKeys = <T extends { _id: string; tenantId: string }>(document: T) => {
  const { _id: _key, tenantId: _tenant, ...rest } = document;
  return rest;
};

export type FeedScope =
  Readonly<{ kind: 'objective'; objectiveId: string }> | Readonly<{ kind: 'unit'; unit: Unit }>;

export type FeedPage = Readonly<{
  entries: readonly Omit<FeedEntryDocument, '_id' | 'tenantId'>[];
  /** Pass as `before` for the next page; absent on the last one. */
  next?: string;
}>;

/**
 * The checkins read side: a key result's history, blockers, "what I owe and what I must look
 * at", and the feeds. Everything about an objective passes the written visibility rule first:
 * a private objective's check-ins, blockers and entries are left out, or answered as unknown.
 */
@Injectable()
export class CheckinsQueries {
  constructor(
    @Inject(CheckinsReadModels) private readonly readModels: CheckinsReadModels,
    @Inject(CheckinsFacts) private readonly facts: CheckinsFacts,
    @Inject(GoalsDirectoryReader) private readonly goals: GoalsDirectoryReader,
    @Inject(CHECKINS_CLOCK) private readonly clock: Clock,
  ) {}

  /** A key result's check-ins, newest first: the latest is "the previous one" when writing. */
  async history(actor: AuthenticatedActor, objectiveId: string, keyResultId: string) {
    const reader = await this.facts.readerOf(actor);
    const objective = await this.facts.visibleObjective(reader, objectiveId, { wait: false });
    if (objective === undefined) throw objectiveNotFound(objectiveId);
    const keyResult = objective.keyResults.find((kr) => kr.keyResultId === keyResultId);
    if (keyResult === undefined) {
      throw new NotFound(`Key result ${keyResultId} not found on objective ${objectiveId}`);
    }
    const [checkIns, acceptsCheckIns] = await Promise.all([
      this.readModels.checkIns.ofKeyResult(TenantId.of(actor.tenantId), objectiveId, keyResultId),
      this.facts.acceptsCheckIns(actor.tenantId, objective),
    ]);
    return {
      objectiveId,
      keyResultId,
      title: keyResult.title,
      ownerId: keyResult.ownerId,
      acceptsCheckIns: acceptsCheckIns && !keyResult.dropped,
      previous: checkIns[0] === undefined ? null : withoutKeys(checkIns[0]),
      checkIns: checkIns.map(withoutKeys),
    };
  }

  async blocker(actor: AuthenticatedActor, blockerId: string) {
    const reader = await this.facts.readerOf(actor);
    const found = await this.readModels.blockers.findById(TenantId.of(actor.tenantId), blockerId);
    const visible =
      found && (await this.facts.visibleObjective(reader, found.objectiveId, { wait: false }));
    if (!found || !visible) throw new NotFound(`Blocker ${blockerId} not found`);
    return withoutKeys(found);
  }

  async blockersOf(actor: AuthenticatedActor, objectiveId: string) {
    const reader = await this.facts.readerOf(actor);
    if (!(await this.facts.visibleObjective(reader, objectiveId, { wait: false }))) {
      throw objectiveNotFound(objectiveId);
    }
    const found = await this.readModels.blockers.ofObjective(
      TenantId.of(actor.tenantId),
      objectiveId,
    );
    return found.map(withoutKeys);
  }

  /**
   * One person's agenda: the check-ins they owe (due and overdue), what awaits their
   * acknowledgement (check-ins, blockers), the overdue key results they were told of, and the
   * blockers waiting on them.
   */
  async agenda(actor: AuthenticatedActor) {
    const reader = await this.facts.readerOf(actor);
    const tenantId = TenantId.of(actor.tenantId);
    const me = actor.personId;
    const [owned, overdue, toldOverdue, toAcknowledge, blockersOwned, waitingOnMe] =
      await Promise.all([
        this.goals.runningObjectivesWithKeyResultsOf(actor.tenantId, me),
        this.readModels.overdue.ofOwner(tenantId, me),
        this.readModels.overdue.toldTo(tenantId, me),
        this.readModels.checkIns.awaitingAcknowledgementBy(tenantId, me),
        this.readModels.blockers.ownedBy(tenantId, me),
        this.readModels.blockers.waitingOn(tenantId, me),
      ]);
    const visible = await this.facts.visibleObjectives(reader, [
      ...toldOverdue.map((entry) => entry.objectiveId),
      ...toAcknowledge.map((checkIn) => checkIn.objectiveId),
      ...blockersOwned.map((blocker) => blocker.objectiveId),
      ...waitingOnMe.map((blocker) => blocker.objectiveId),
    ]);
    const seen = <T extends { objectiveId: string }>(items: readonly T[]) =>
      items.filter((item) => visible.has(item.objectiveId));
    return {
      due: await this.due(reader, owned),
      overdue: overdue.map(overdueView),
      awaitingMyAcknowledgement: {
        checkIns: seen(toAcknowledge).map(checkInView),
        blockers: seen(blockersOwned.filter((blocker) => blocker.awaitingAcknowledgement)).map(
          blockerView,
        ),
      },
      overdueInMyCare: seen(toldOverdue).map(overdueView),
      blockersIOwn: seen(blockersOwned).map(blockerView),
      blockersWaitingOnMe: seen(waitingOnMe).map(blockerView),
    };
  }

  /** A person's spans out of office, for anyone of the organisation (no private detail). */
  async absencesOf(actor: AuthenticatedActor, personId: string) {
    const person = await this.facts.person(actor.tenantId, personId);
    if (person === undefined) throw new NotFound(`Person ${personId} not found`);
    const absences = await this.readModels.absences.of(TenantId.of(actor.tenantId), [personId]);
    return { personId, outOfOffice: absences.get(personId) ?? [] };
  }

  /** Newest first, `limit` entries before `before`, of the objectives in scope the reader may see. */
  async feed(
    actor: AuthenticatedActor,
    scope: FeedScope,
    page: Readonly<{ before?: string; limit: number }>,
  ): Promise<FeedPage> {
    const reader = await this.facts.readerOf(actor);
    let objectiveIds: string[];
    if (scope.kind === 'objective') {
      if (!(await this.facts.visibleObjective(reader, scope.objectiveId, { wait: false }))) {
        throw objectiveNotFound(scope.objectiveId);
      }
      objectiveIds = [scope.objectiveId];
    } else {
      const objectives = await this.goals.activeObjectivesOfUnit(actor.tenantId, scope.unit);
      objectiveIds = (await this.facts.visibleAmong(reader, objectives)).map(
        (objective) => objective.objectiveId,
      );
    }
    const guildId =
      scope.kind === 'unit' && scope.unit.kind === 'guild' ? scope.unit.id : undefined;
    const found = await this.readModels.feed.ofObjectives(
      TenantId.of(actor.tenantId),
      objectiveIds,
      page.before,
      page.limit + 1,
      guildId,
    );
    // The guild's own insights on objectives it no longer follows: each judged by the rule too.
    const others = found
      .map((entry) => entry.objectiveId)
      .filter((objectiveId) => !objectiveIds.includes(objectiveId));
    const visible = new Set([
      ...objectiveIds,
      ...(others.length === 0 ? [] : (await this.facts.visibleObjectives(reader, others)).keys()),
    ]);
    const entries = found.filter((entry) => visible.has(entry.objectiveId));
    const shown = entries.slice(0, page.limit);
    return {
      entries: shown.map(withoutKeys),
      ...(entries.length > page.limit ? { next: shown.at(-1)!.at } : {}),
    };
  }

  /** Where each key result the reader owns stands by its unit's cadence, now. */
  private async due(
    reader: Reader,
    owned: Awaited<ReturnType<GoalsDirectoryReader['activeObjectives']>>,
  ) {
    const tenantId = TenantId.of(reader.tenantId);
    const me = reader.viewer.personId;
    const now = this.clock.now().toISOString();
    const items = await Promise.all(
      owned.flatMap((objective) =>
        objective.keyResults
          .filter((kr) => !kr.dropped && kr.ownerId === me)
          .map(async (keyResult) => ({
            objective,
            keyResult,
            unit: await this.facts.cadenceUnitOf(reader.tenantId, objective, keyResult.ownerId),
          })),
      ),
    );
    // One read each: the latest check-ins, the owner's absences, the units' cadences.
    const [pulseList, absences, cadences] = await Promise.all([
      this.readModels.pulse.ofObjectives(
        tenantId,
        owned.map((o) => o.objectiveId),
      ),
      this.readModels.absences.of(tenantId, [me]),
      this.readModels.cadences.of(
        tenantId,
        items.flatMap(({ unit }) => (unit ? [unit] : [])),
      ),
    ]);
    const pulses = new Map(
      pulseList.map((pulse) => [`${pulse.objectiveId}.${pulse.keyResultId}`, pulse]),
    );
    const cadenceOf = (unit: Unit | undefined): Cadence =>
      (unit && cadences.get(cadenceKey(unit))) ?? this.facts.defaultCadence();
    return items.map(({ objective, keyResult, unit }) => {
      const pulse = pulses.get(`${objective.objectiveId}.${keyResult.keyResultId}`);
      const standing = keyResultStanding(
        cadenceOf(unit),
        {
          since: keyResult.ownedSince,
          checkIns: pulse ? [pulse.lastCheckInAt] : [],
          outOfOffice: absences.get(me) ?? [],
        },
        now,
      );
      return {
        objectiveId: objective.objectiveId,
        objectiveTitle: objective.title,
        keyResultId: keyResult.keyResultId,
        title: keyResult.title,
        unit: unit ?? null,
        standing,
        lastCheckIn: pulse
          ? {
              value: pulse.value,
              confidence: pulse.confidence,
              band: pulse.band,
              at: pulse.lastCheckInAt,
            }
          : null,
      };
    });
  }
}

const checkInView = (checkIn: CheckInDocument) => withoutKeys(checkIn);
const blockerView = (blocker: BlockerDocument) => withoutKeys(blocker);
const overdueView = (overdue: OverdueDocument) => ({
  ...withoutKeys(overdue),
  toldPersonIds: overdue.toldPersonIds ?? [],
  levels: overdue.levels ?? [],
});
