import type { TenantId } from '@rhythm/projections';
import type { Connection } from 'mongoose';
import type {
  PersonHistory,
  SubjectHistory,
  UnitHistory,
} from '../src/directory/membership-history';
import {
  membershipHistoryCollection,
  MembershipHistoryStore,
} from '../src/directory/membership-history.store';

/**
 * The directory's membership history of one organisation read once into memory, for the
 * benchmark's rebuild only: the same documents the service's store holds, answered without a
 * read-store round trip per kudos. The org does not change while the bench rebuilds, so the
 * answers are the service's; what it saves is what the README reports as the rebuild's bound.
 */
export class MembershipHistoryInMemory extends MembershipHistoryStore {
  private readonly kept = new Map<string, SubjectHistory>();

  private constructor(connection: Connection) {
    super(connection);
  }

  static async of(connection: Connection, tenantId: string): Promise<MembershipHistoryInMemory> {
    const store = new MembershipHistoryInMemory(connection);
    const documents = connection.db!.collection<{ _id: string; history: SubjectHistory }>(
      membershipHistoryCollection,
    );
    // Kept by `<kind>:<id>`; the stored `_id` carries the tenant in front (ADR 0025).
    for await (const document of documents.find({ tenantId })) {
      store.kept.set(`${document.history.kind}:${document.history.id}`, document.history);
    }
    return store;
  }

  get size(): number {
    return this.kept.size;
  }

  override people(_tenantId: TenantId, personIds: readonly string[]): Promise<PersonHistory[]> {
    return Promise.resolve(
      [...new Set(personIds)].flatMap((id) => {
        const history = this.kept.get(`person:${id}`);
        return history === undefined ? [] : [history as PersonHistory];
      }),
    );
  }

  override units(
    _tenantId: TenantId,
    units: readonly Readonly<{ kind: string; id: string }>[],
  ): Promise<UnitHistory[]> {
    return Promise.resolve(
      [...new Set(units.map((unit) => `${unit.kind}:${unit.id}`))].flatMap((key) => {
        const history = this.kept.get(key);
        return history === undefined ? [] : [history as UnitHistory];
      }),
    );
  }
}
