import type { mongo } from 'mongoose';
import type { ReadModelCollections } from './read-model-collections';
import { withoutGuardFields } from './read-model-writer';
import type { TenantId } from './tenant-id';

/** Every read-model document carries its tenant; projections set it from the event. */
export type ReadModelDocument = { _id: string; tenantId: string };

/** A filter that cannot name the tenant: the repository sets it. */
export type TenantFilter<T extends ReadModelDocument> = Omit<mongo.Filter<T>, 'tenantId'> & {
  tenantId?: never;
};

export type FindOptions = Readonly<{
  sort?: Readonly<Record<string, 1 | -1>>;
  limit?: number;
  skip?: number;
}>;

/**
 * The base of a read-model repository (after Novu's BaseRepository): every query takes the tenant
 * as a branded TenantId first, so a query without one does not compile, and the tenant condition
 * is added last so a filter cannot override it. Tombstoned documents and the guard's fields are
 * never returned.
 *
 *   class SquadDirectory extends TenantScopedRepository<SquadCard> {
 *     inTribe(tenantId: TenantId, tribeId: string) {
 *       return this.find(tenantId, { tribeId }, { sort: { name: 1 } });
 *     }
 *   }
 */
export abstract class TenantScopedRepository<
  T extends ReadModelDocument,
  C extends string = string,
> {
  protected constructor(
    private readonly collections: ReadModelCollections<C>,
    private readonly collectionName: C,
  ) {}

  async find(
    tenantId: TenantId,
    filter: TenantFilter<T> = everything<T>(),
    options: FindOptions = {},
  ): Promise<T[]> {
    const collection = await this.collection();
    let cursor = collection.find(this.scoped(tenantId, filter));
    if (options.sort) cursor = cursor.sort({ ...options.sort });
    if (options.skip !== undefined) cursor = cursor.skip(options.skip);
    if (options.limit !== undefined) cursor = cursor.limit(options.limit);
    return (await cursor.toArray()).map((document) => withoutGuardFields(document) as T);
  }

  /**
   * Documents whose `field` equals one of `values` (and match `filter`), in no particular order.
   * FerretDB v1 pushes only top-level equalities down to PostgreSQL: an `$in` makes it read every
   * document of the tenant. Up to `equalityQueriesUpTo` values are therefore asked one equality
   * each, side by side (cheap on MongoDB too); more, one `$in`.
   */
  async findWhereIn(
    tenantId: TenantId,
    field: string,
    values: readonly unknown[],
    filter: TenantFilter<T> = everything<T>(),
  ): Promise<T[]> {
    const distinct = [...new Set(values)];
    if (distinct.length === 0) return [];
    if (distinct.length > equalityQueriesUpTo) {
      return this.find(tenantId, { ...filter, [field]: { $in: distinct } });
    }
    const found = await Promise.all(
      distinct.map((value) => this.find(tenantId, { ...filter, [field]: value })),
    );
    const byId = new Map<string, T>();
    for (const document of found.flat()) byId.set(document._id, document);
    return [...byId.values()];
  }

  async findOne(tenantId: TenantId, filter: TenantFilter<T>): Promise<T | null> {
    const found = await (await this.collection()).findOne(this.scoped(tenantId, filter));
    return found ? (withoutGuardFields(found) as T) : null;
  }

  findById(tenantId: TenantId, id: string): Promise<T | null> {
    return this.findOne(tenantId, { _id: id } as unknown as TenantFilter<T>);
  }

  async count(tenantId: TenantId, filter: TenantFilter<T> = everything<T>()): Promise<number> {
    return (await this.collection()).countDocuments(this.scoped(tenantId, filter));
  }

  private collection(): Promise<mongo.Collection<mongo.Document>> {
    return this.collections.collection(this.collectionName);
  }

  private scoped(tenantId: TenantId, filter: TenantFilter<T>): mongo.Filter<mongo.Document> {
    // A cast or `as any` could still smuggle an empty tenant in; refuse it at run time too.
    if (typeof tenantId !== 'string' || tenantId === '') {
      throw new Error('A read-model query needs a tenant id');
    }
    return { ...(filter as mongo.Filter<mongo.Document>), tenantId, _deleted: { $ne: true } };
  }
}

/** Above this many values, `findWhereIn` sends one `$in` query. */
export const equalityQueriesUpTo = 32;

const everything = <T extends ReadModelDocument>(): TenantFilter<T> => ({}) as TenantFilter<T>;
