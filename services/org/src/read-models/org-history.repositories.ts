import { ReadModelCollections, TenantScopedRepository, type TenantId } from '@rhythm/projections';
import type { Connection } from 'mongoose';
import {
  orgHistoryProjection,
  type MembershipInterval,
  type TimelineInterval,
} from './org-history.projection';

type HistoryCollection = 'org_timeline' | 'org_membership_intervals';

export const orgHistoryCollections = (connection: Connection) =>
  new ReadModelCollections<HistoryCollection>(connection, orgHistoryProjection);

/** Intervals valid at `at`: started at or before it, not ended by then (validTo is exclusive). */
const validAt = (at: Date) => ({
  validFrom: { $lte: at },
  $or: [{ validTo: null }, { validTo: { $gt: at } }],
});

export class OrgTimelineRepository extends TenantScopedRepository<
  TimelineInterval,
  HistoryCollection
> {
  constructor(collections: ReadModelCollections<HistoryCollection>) {
    super(collections, 'org_timeline');
  }

  validAt(tenantId: TenantId, at: Date): Promise<TimelineInterval[]> {
    return this.find(tenantId, validAt(at));
  }
}

export class MembershipIntervalsRepository extends TenantScopedRepository<
  MembershipInterval,
  HistoryCollection
> {
  constructor(collections: ReadModelCollections<HistoryCollection>) {
    super(collections, 'org_membership_intervals');
  }

  validAt(tenantId: TenantId, at: Date): Promise<MembershipInterval[]> {
    return this.find(tenantId, validAt(at));
  }

  ofPerson(tenantId: TenantId, personId: string): Promise<MembershipInterval[]> {
    return this.find(tenantId, { personId }, { sort: { validFrom: 1 } });
  }
}
