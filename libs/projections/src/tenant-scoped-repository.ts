import type { mongo } from 'mongoose';
import { documentKey, idOfKey, withKeysOf } from './document-key';
import type { ReadModelCollections } from './read-model-collections';
import { withoutGuardFields } from './read-model-writer';
import type { TenantId } from './tenant-id';

/** Every read-model document carries its tenant; projections set it from the event. */
export type ReadModelDocument = { _id: string; tenantId: string };

/** A document of a tenant-scoped collection: it names its tenant. */
export type TenantDocument = { tenantId: string };

/** A filter that cannot name the tenant: the repository sets it. */
export type TenantFilter<T extends TenantDocument> = Omit<mongo.Filter<T>, 'tenantId'> & {
  tenantId?: never;
};

/** A document as written through a tenant-scoped collection: the collection adds the tenant. */
export type WithoutTenant<T extends TenantDocument> = Omit<T, 'tenantId'> & { tenantId?: never };

export type FindOptions = Readonly<{
  sort?: Readonly<Record<string, 1 | -1>>;
  limit?: number;
  skip?: number;
  /** Fields to return (`{ id: 1 }`); all when omitted. */
  projection?: Readonly<Record<string, 0 | 1>>;
}>;

/**
 * One collection seen by one tenant at a time (after Novu's BaseRepository): every call takes the
 * tenant as a branded TenantId first, so a query without one does not compile, and the tenant
 * condition is added last so a filter cannot override it. String `_id`s are stored as the
 * tenant's keys (`documentKey`): filters on `_id` are translated, documents come back with the
 * id the caller knows. For collections outside the projections (the goals org directory);
 * projections' collections are read through `TenantScopedRepository`.
 */
export class TenantScopedCollection<T extends TenantDocument> {
  constructor(private readonly collection: mongo.Collection<mongo.Document>) {}

  async find(
    tenantId: TenantId,
    filter: TenantFilter<T> = everything<T>(),
    options: FindOptions = {},
  ): Promise<T[]> {
    const { projection, sort, skip, limit } = options;
    let cursor = this.collection.find(scoped(tenantId, filter), projection ? { projection } : {});
    if (sort) cursor = cursor.sort({ ...sort });
    if (skip !== undefined) cursor = cursor.skip(skip);
    if (limit !== undefined) cursor = cursor.limit(limit);
    return (await cursor.toArray()).map((document) => withIdOf<T>(tenantId, document));
  }

  /** Documents whose `field` equals one of `values`: `TenantScopedCollection.findWhereIn`. */
  async findWhereIn(
    tenantId: TenantId,
    field: string,
    values: readonly unknown[],
    filter: TenantFilter<T> = everything<T>(),
    options: Pick<FindOptions, 'projection'> = {},
  ): Promise<T[]> {
    const distinct = [...new Set(values)];
    if (distinct.length === 0) return [];
    if (distinct.length > equalityQueriesUpTo) {
      return this.find(tenantId, { ...filter, [field]: { $in: distinct } }, options);
    }
    const found = await Promise.all(
      distinct.map((value) => this.find(tenantId, { ...filter, [field]: value }, options)),
    );
    const byId = new Map<unknown, T>();
    for (const document of found.flat()) byId.set((document as { _id?: unknown })._id, document);
    return [...byId.values()];
  }

  async findOne(
    tenantId: TenantId,
    filter: TenantFilter<T>,
    options: Pick<FindOptions, 'projection'> = {},
  ): Promise<T | null> {
    const { projection } = options;
    const found = await this.collection.findOne(
      scoped(tenantId, filter),
      projection ? { projection } : {},
    );
    return found ? withIdOf<T>(tenantId, found) : null;
  }

  count(tenantId: TenantId, filter: TenantFilter<T> = everything<T>()): Promise<number> {
    return this.collection.countDocuments(scoped(tenantId, filter));
  }

  /** Inserts the document in the tenant (a duplicate key throws, as insertOne does). */
  async insertOne(tenantId: TenantId, document: WithoutTenant<T>): Promise<void> {
    await this.collection.insertOne(stored(tenantId, document));
  }

  /** Replaces the tenant's document that matches, or inserts it with `upsert`. */
  async replaceOne(
    tenantId: TenantId,
    filter: TenantFilter<T>,
    replacement: WithoutTenant<T>,
    options: Readonly<{ upsert?: boolean }> = {},
  ): Promise<void> {
    await this.collection.replaceOne(scoped(tenantId, filter), stored(tenantId, replacement), {
      upsert: options.upsert ?? false,
    });
  }
}

/**
 * The base of a read-model repository: a `TenantScopedCollection` over the active generation of a
 * projection's collection, without tombstoned documents and without the guard's fields.
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
    options: Omit<FindOptions, 'projection'> = {},
  ): Promise<T[]> {
    const found = await (await this.collection()).find(tenantId, live(filter), options);
    return found.map(asReadModel);
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
    const found = await (
      await this.collection()
    ).findWhereIn(tenantId, field, values, live(filter));
    return found.map(asReadModel);
  }

  async findOne(tenantId: TenantId, filter: TenantFilter<T>): Promise<T | null> {
    const found = await (await this.collection()).findOne(tenantId, live(filter));
    return found ? asReadModel(found) : null;
  }

  findById(tenantId: TenantId, id: string): Promise<T | null> {
    return this.findOne(tenantId, { _id: id } as unknown as TenantFilter<T>);
  }

  async count(tenantId: TenantId, filter: TenantFilter<T> = everything<T>()): Promise<number> {
    return (await this.collection()).count(tenantId, live(filter));
  }

  private async collection(): Promise<TenantScopedCollection<T>> {
    return new TenantScopedCollection<T>(await this.collections.collection(this.collectionName));
  }
}

/** Above this many values, `findWhereIn` sends one `$in` query. */
export const equalityQueriesUpTo = 32;

const everything = <T extends TenantDocument>(): TenantFilter<T> => ({}) as TenantFilter<T>;

const scoped = <T extends TenantDocument>(
  tenantId: TenantId,
  filter: TenantFilter<T>,
): mongo.Filter<mongo.Document> => {
  // A cast or `as any` could still smuggle an empty tenant in; refuse it at run time too.
  if (typeof tenantId !== 'string' || tenantId === '') {
    throw new Error('A read-model query needs a tenant id');
  }
  return { ...withKeysOf(tenantId, filter), tenantId };
};

const stored = <T extends TenantDocument>(
  tenantId: TenantId,
  document: WithoutTenant<T>,
): mongo.Document => {
  if (typeof tenantId !== 'string' || tenantId === '') {
    throw new Error('A tenant-scoped write needs a tenant id');
  }
  const { _id: id, ...fields } = document as Record<string, unknown>;
  return {
    ...(id === undefined ? {} : { _id: typeof id === 'string' ? documentKey(tenantId, id) : id }),
    ...fields,
    tenantId,
  };
};

const withIdOf = <T>(tenantId: TenantId, document: mongo.Document): T =>
  (typeof document._id === 'string'
    ? { ...document, _id: idOfKey(tenantId, document._id) }
    : document) as T;

const live = <T extends TenantDocument>(filter: TenantFilter<T>): TenantFilter<T> => ({
  ...filter,
  _deleted: { $ne: true },
});

const asReadModel = <T extends ReadModelDocument>(document: T): T =>
  withoutGuardFields(document) as T;
