import { Inject, Injectable } from '@nestjs/common';
import {
  ReadModelCollections,
  TenantScopedRepository,
  type TenantFilter,
  type TenantId,
} from '@rhythm/projections';
import type { Connection } from 'mongoose';
import type { Cadence, OutOfOffice } from '../checkins-domain';
import { CHECKINS_READ_STORE } from '../infrastructure/checkins-tokens';
import { absencesProjection, type AbsencesDocument } from './absences.projection';
import { cadenceKey, cadencesProjection, type CadenceDocument } from './cadences.projection';
import { blockersProjection, type BlockerDocument } from './blockers.projection';
import {
  checkInsProjection,
  type CheckInDocument,
  type KeyResultPulseDocument,
} from './check-ins.projection';
import { feedProjection, type FeedEntryDocument } from './feed.projection';
import { insightsProjection, type InsightDocument } from './insights.projection';
import { overdueProjection, type OverdueDocument } from './overdue.projection';
import { StatisticsFacts } from './statistics.repository';
import { threadsProjection, type CommentDocument, type ThreadDocument } from './threads.projection';

type CheckInCollections = 'checkins_check_ins' | 'checkins_key_result_pulse';
const filter = <T extends { tenantId: string }>(fields: Record<string, unknown>) =>
  fields as TenantFilter<T>;

export class CheckInsRepository extends TenantScopedRepository<
  CheckInDocument,
  CheckInCollections
> {
  constructor(collections: ReadModelCollections<CheckInCollections>) {
    super(collections, 'checkins_check_ins');
  }

  /** A key result's check-ins, newest first: its history of measurements. */
  ofKeyResult(tenantId: TenantId, objectiveId: string, keyResultId: string, limit = 200) {
    return this.find(tenantId, filter({ objectiveId, keyResultId }), {
      sort: { recordedAt: -1, _id: 1 },
      limit,
    });
  }

  awaitingAcknowledgementBy(tenantId: TenantId, personId: string) {
    return this.find(tenantId, filter({ acknowledgers: personId, awaitingAcknowledgement: true }), {
      sort: { recordedAt: 1, _id: 1 },
      limit: 200,
    });
  }
}

export class KeyResultPulseRepository extends TenantScopedRepository<
  KeyResultPulseDocument,
  CheckInCollections
> {
  constructor(collections: ReadModelCollections<CheckInCollections>) {
    super(collections, 'checkins_key_result_pulse');
  }

  of(tenantId: TenantId, objectiveId: string, keyResultId: string) {
    return this.findById(tenantId, `${objectiveId}.${keyResultId}`);
  }

  ofObjectives(tenantId: TenantId, objectiveIds: readonly string[]) {
    return this.findWhereIn(tenantId, 'objectiveId', objectiveIds);
  }
}

export class BlockersRepository extends TenantScopedRepository<
  BlockerDocument,
  'checkins_blockers'
> {
  constructor(collections: ReadModelCollections<'checkins_blockers'>) {
    super(collections, 'checkins_blockers');
  }

  ownedBy(tenantId: TenantId, personId: string) {
    return this.find(tenantId, filter({ ownerIds: personId, status: 'open' }), {
      sort: { raisedAt: 1, _id: 1 },
      limit: 200,
    });
  }

  waitingOn(tenantId: TenantId, personId: string) {
    return this.find(tenantId, filter({ waitsOnPersonId: personId, status: 'open' }), {
      sort: { raisedAt: 1, _id: 1 },
      limit: 200,
    });
  }

  ofObjective(tenantId: TenantId, objectiveId: string) {
    return this.find(tenantId, filter({ objectiveId }), { sort: { raisedAt: -1, _id: 1 } });
  }

  /**
   * Open blockers whose deadline passed and that can go one level up: the scheduler escalates
   * them. A tribe's has no level above, so it is not asked again every tick.
   */
  pastDeadline(tenantId: TenantId, now: string) {
    return this.find(
      tenantId,
      filter({
        status: 'open',
        escalateAfter: { $lte: now },
        escalatedTo: { $exists: false },
        'unit.kind': { $ne: 'tribe' },
      }),
      { limit: 500 },
    );
  }
}

export class OverdueRepository extends TenantScopedRepository<OverdueDocument, 'checkins_overdue'> {
  constructor(collections: ReadModelCollections<'checkins_overdue'>) {
    super(collections, 'checkins_overdue');
  }

  ofOwner(tenantId: TenantId, ownerId: string) {
    return this.find(tenantId, filter({ ownerId, open: true }), { sort: { dueAt: 1, _id: 1 } });
  }

  toldTo(tenantId: TenantId, personId: string) {
    return this.find(tenantId, filter({ toldPersonIds: personId, open: true }), {
      sort: { dueAt: 1, _id: 1 },
    });
  }
}

export class FeedRepository extends TenantScopedRepository<FeedEntryDocument, 'checkins_feed'> {
  constructor(collections: ReadModelCollections<'checkins_feed'>) {
    super(collections, 'checkins_feed');
  }

  /**
   * The newest entries of these objectives before `before` (exclusive), at most `limit`: each
   * objective asked on its own index range, then merged.
   */
  async ofObjectives(
    tenantId: TenantId,
    objectiveIds: readonly string[],
    before: string | undefined,
    limit: number,
    guildId?: string,
  ): Promise<FeedEntryDocument[]> {
    const page = (scope: Record<string, unknown>) =>
      this.find(
        tenantId,
        filter({
          ...scope,
          ...(before === undefined ? {} : { at: { $lt: before } }),
          withdrawn: { $ne: true },
        }),
        { sort: { at: -1, _id: 1 }, limit },
      );
    const pages = await Promise.all([
      ...[...new Set(objectiveIds)].map((objectiveId) => page({ objectiveId })),
      // A guild's own insights, also on objectives it no longer follows.
      ...(guildId === undefined ? [] : [page({ guildId })]),
    ]);
    const byId = new Map(pages.flat().map((entry) => [entry._id, entry]));
    return [...byId.values()]
      .sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : a._id < b._id ? -1 : 1))
      .slice(0, limit);
  }
}

export class AbsencesRepository extends TenantScopedRepository<
  AbsencesDocument,
  'checkins_absences'
> {
  constructor(collections: ReadModelCollections<'checkins_absences'>) {
    super(collections, 'checkins_absences');
  }

  /** Each person's spans out of office (none for who declared none). */
  async of(tenantId: TenantId, personIds: readonly string[]): Promise<Map<string, OutOfOffice[]>> {
    const found = await this.findWhereIn(tenantId, '_id', personIds);
    return new Map(
      found.map((document) => [
        document.personId,
        Object.values(document.absences ?? {}).map(({ from, until }) => ({ from, until })),
      ]),
    );
  }
}

type ThreadCollections = 'checkins_threads' | 'checkins_comments';

export class ThreadsRepository extends TenantScopedRepository<ThreadDocument, ThreadCollections> {
  constructor(collections: ReadModelCollections<ThreadCollections>) {
    super(collections, 'checkins_threads');
  }
}

export class CommentsRepository extends TenantScopedRepository<CommentDocument, ThreadCollections> {
  constructor(collections: ReadModelCollections<ThreadCollections>) {
    super(collections, 'checkins_comments');
  }

  /** A thread's comments in the order they were posted, tombstones in their places. */
  ofThread(tenantId: TenantId, threadId: string, limit = 500) {
    return this.find(tenantId, filter({ threadId }), { sort: { order: 1 }, limit });
  }
}

export class InsightsRepository extends TenantScopedRepository<
  InsightDocument,
  'checkins_insights'
> {
  constructor(collections: ReadModelCollections<'checkins_insights'>) {
    super(collections, 'checkins_insights');
  }

  /** An objective's insights that stand, newest first. */
  ofObjective(tenantId: TenantId, objectiveId: string, limit = 200) {
    return this.find(tenantId, filter({ objectiveId, status: 'posted' }), {
      sort: { postedAt: -1, _id: 1 },
      limit,
    });
  }
}

export class CadencesRepository extends TenantScopedRepository<
  CadenceDocument,
  'checkins_cadences'
> {
  constructor(collections: ReadModelCollections<'checkins_cadences'>) {
    super(collections, 'checkins_cadences');
  }

  /** The cadences these units set, by `kind:id` (absent: the organisation's default). */
  async of(
    tenantId: TenantId,
    units: readonly Readonly<{ kind: string; id: string }>[],
  ): Promise<Map<string, Cadence>> {
    const found = await this.findWhereIn(tenantId, '_id', units.map(cadenceKey));
    return new Map(found.map((document) => [document._id, document.cadence]));
  }
}

/** The checkins read models on the read store: tenant-scoped repositories. */
@Injectable()
export class CheckinsReadModels {
  readonly checkIns: CheckInsRepository;
  readonly pulse: KeyResultPulseRepository;
  readonly blockers: BlockersRepository;
  readonly overdue: OverdueRepository;
  readonly feed: FeedRepository;
  /** The facts behind the statistics (streaks, cadence health, blocker times, calibration). */
  readonly statistics: StatisticsFacts;
  readonly threads: ThreadsRepository;
  readonly comments: CommentsRepository;
  readonly insights: InsightsRepository;
  readonly absences: AbsencesRepository;
  readonly cadences: CadencesRepository;

  constructor(@Inject(CHECKINS_READ_STORE) connection: Connection) {
    const checkIns = new ReadModelCollections<CheckInCollections>(connection, checkInsProjection);
    this.checkIns = new CheckInsRepository(checkIns);
    this.pulse = new KeyResultPulseRepository(checkIns);
    this.blockers = new BlockersRepository(
      new ReadModelCollections(connection, blockersProjection),
    );
    this.overdue = new OverdueRepository(new ReadModelCollections(connection, overdueProjection));
    this.feed = new FeedRepository(new ReadModelCollections(connection, feedProjection));
    this.statistics = new StatisticsFacts(connection);
    const threads = new ReadModelCollections<ThreadCollections>(connection, threadsProjection);
    this.threads = new ThreadsRepository(threads);
    this.comments = new CommentsRepository(threads);
    this.insights = new InsightsRepository(
      new ReadModelCollections(connection, insightsProjection),
    );
    this.absences = new AbsencesRepository(
      new ReadModelCollections(connection, absencesProjection),
    );
    this.cadences = new CadencesRepository(
      new ReadModelCollections(connection, cadencesProjection),
    );
  }
}
