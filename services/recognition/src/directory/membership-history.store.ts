import { TenantScopedCollection, type TenantId } from '@rhythm/projections';
import type { Connection, mongo } from 'mongoose';
import type { PersonHistory, SubjectHistory, UnitHistory } from './membership-history';

/** The collection in the recognition read store. */
export const membershipHistoryCollection = 'membership_history';

type HistoryDocument = Readonly<{
  tenantId: string;
  /** `<kind>:<id>`: a person's and a unit's ids may be the same. */
  _id: string;
  subjectKind: SubjectHistory['kind'];
  subjectId: string;
  history: SubjectHistory;
}>;

const keyOf = (kind: string, id: string) => `${kind}:${id}`;

/**
 * One document per person and per unit, replaced whole each time an event of its stream is
 * folded (from every event of the stream the org directory kept: the same whatever the order).
 */
export class MembershipHistoryStore {
  private readonly raw: mongo.Collection;
  private readonly histories: TenantScopedCollection<HistoryDocument>;

  constructor(connection: Connection) {
    this.raw = connection.collection(membershipHistoryCollection);
    this.histories = new TenantScopedCollection(this.raw);
  }

  async ensureIndexes(): Promise<void> {
    await this.raw.createIndex({ tenantId: 1, subjectKind: 1, subjectId: 1 });
  }

  async save(tenantId: TenantId, history: SubjectHistory): Promise<void> {
    const _id = keyOf(history.kind, history.id);
    await this.histories.replaceOne(
      tenantId,
      { _id },
      { _id, subjectKind: history.kind, subjectId: history.id, history },
      { upsert: true },
    );
  }

  /** Every person's and unit's history of the organisation (the flow's population). */
  async all(tenantId: TenantId): Promise<SubjectHistory[]> {
    const found = await this.histories.find(tenantId);
    return found.map((document) => document.history);
  }

  async people(tenantId: TenantId, personIds: readonly string[]): Promise<PersonHistory[]> {
    if (personIds.length === 0) return [];
    const found = await this.histories.findWhereIn(tenantId, 'subjectId', personIds, {
      subjectKind: 'person',
    });
    return found.map((document) => document.history as PersonHistory);
  }

  async units(
    tenantId: TenantId,
    units: readonly Readonly<{ kind: string; id: string }>[],
  ): Promise<UnitHistory[]> {
    if (units.length === 0) return [];
    const found = await this.histories.findWhereIn(
      tenantId,
      '_id',
      units.map((unit) => keyOf(unit.kind, unit.id)),
    );
    return found.map((document) => document.history as UnitHistory);
  }
}
