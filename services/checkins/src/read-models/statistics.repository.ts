import {
  ReadModelCollections,
  TenantScopedRepository,
  type TenantFilter,
  type TenantId,
} from '@rhythm/projections';
import type { Connection } from 'mongoose';
import type { Unit } from '../checkins-domain';
import {
  statisticsProjection,
  unitKeyOf,
  type BlockerFactDocument,
  type CadenceHistoryDocument,
  type CheckInFactDocument,
  type OverdueFactDocument,
} from './statistics.projection';

type StatisticsCollections =
  | 'checkins_statistics_check_ins'
  | 'checkins_statistics_blockers'
  | 'checkins_statistics_cadences'
  | 'checkins_statistics_overdue';
type Collections = ReadModelCollections<StatisticsCollections>;

const filter = <T extends { tenantId: string }>(fields: Record<string, unknown>) =>
  fields as TenantFilter<T>;
const until = (asOf: string) => ({ $lte: asOf });

export class CheckInFacts extends TenantScopedRepository<
  CheckInFactDocument,
  StatisticsCollections
> {
  constructor(collections: Collections) {
    super(collections, 'checkins_statistics_check_ins');
  }

  /** The check-ins on these objectives recorded by `asOf`. */
  ofObjectives(tenantId: TenantId, objectiveIds: readonly string[], asOf: string) {
    return this.findWhereIn(
      tenantId,
      'objectiveId',
      objectiveIds,
      filter({ recordedAt: until(asOf) }),
    );
  }

  /** The check-ins a person wrote by `asOf`. */
  by(tenantId: TenantId, authorId: string, asOf: string) {
    return this.find(tenantId, filter({ authorId, recordedAt: until(asOf) }));
  }
}

export class BlockerFacts extends TenantScopedRepository<
  BlockerFactDocument,
  StatisticsCollections
> {
  constructor(collections: Collections) {
    super(collections, 'checkins_statistics_blockers');
  }

  /** The unit's blockers raised in (after, asOf]. */
  raisedIn(tenantId: TenantId, unit: Unit, after: string, asOf: string) {
    return this.find(
      tenantId,
      filter({ unitKey: unitKeyOf(unit), raisedAt: { $gt: after, $lte: asOf } }),
    );
  }
}

export class CadenceHistories extends TenantScopedRepository<
  CadenceHistoryDocument,
  StatisticsCollections
> {
  constructor(collections: Collections) {
    super(collections, 'checkins_statistics_cadences');
  }

  of(tenantId: TenantId, unit: Unit) {
    return this.findById(tenantId, unitKeyOf(unit));
  }
}

export class OverdueFacts extends TenantScopedRepository<
  OverdueFactDocument,
  StatisticsCollections
> {
  constructor(collections: Collections) {
    super(collections, 'checkins_statistics_overdue');
  }

  /** What the sweeps announced for the unit in (after, asOf]. */
  announcedIn(tenantId: TenantId, unit: Unit, after: string, asOf: string) {
    return this.find(
      tenantId,
      filter({ unitKey: unitKeyOf(unit), at: { $gt: after, $lte: asOf } }),
    );
  }
}

/** The facts behind the statistics, tenant-scoped (statisticsProjection). */
export class StatisticsFacts {
  readonly checkIns: CheckInFacts;
  readonly blockers: BlockerFacts;
  readonly cadences: CadenceHistories;
  readonly overdue: OverdueFacts;

  constructor(connection: Connection) {
    const collections: Collections = new ReadModelCollections(connection, statisticsProjection);
    this.checkIns = new CheckInFacts(collections);
    this.blockers = new BlockerFacts(collections);
    this.cadences = new CadenceHistories(collections);
    this.overdue = new OverdueFacts(collections);
  }
}
