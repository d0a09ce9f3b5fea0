import type { Event, RecordedEvent } from '@rhythm/event-sourcing';
import type { GuardKind } from './idempotency-guard';
import type { ReadModelFilter, ReadModelUpdate } from './read-model-update';

/**
 * An index of a read-model collection. `serves` names the query it exists for, so an index nobody
 * queries can be found and removed. A unique index includes `tenantId`: ids and names are unique
 * per tenant only (ADR 0025).
 */
export type IndexSpec = Readonly<{
  keys: Readonly<Record<string, 1 | -1>>;
  serves: string;
  unique?: boolean;
}>;

export type ReadModelCollectionSpec<Name extends string = string> = Readonly<{
  /** Logical name; readers resolve it to the active generation's physical collection. */
  name: Name;
  /** How replays are recognised, chosen by who writes a document (see idempotency-guard.ts). */
  guard: GuardKind;
  indexes?: readonly IndexSpec[];
}>;

/**
 * What `apply` may do. Every write is recorded, guarded by the event's stream revision or global
 * position, and flushed in order in a batch; replaying an event changes nothing. There is no
 * unguarded write.
 */
export interface ProjectionContext<Collection extends string = string> {
  /** Creates or updates the document with this id, in the event's tenant. */
  upsert(collection: Collection, id: string, update: ReadModelUpdate): void;
  /**
   * The document this event alone creates (an entry per event): an `upsert` that the writer sends
   * with the collection's other new documents as one insert (ADR 0056). A replay, which finds it
   * there, is written as the upsert it is, and so changes nothing.
   */
  create(collection: Collection, id: string, update: ReadModelUpdate): void;
  /** Updates the document with this id if it exists. */
  update(collection: Collection, id: string, update: ReadModelUpdate): void;
  /** Updates every document of the event's tenant that matches (not on 'stream' collections). */
  updateMany(collection: Collection, filter: ReadModelFilter, update: ReadModelUpdate): void;
  /** Marks the document deleted (a tombstone keeps replays from resurrecting it). */
  remove(collection: Collection, id: string): void;
  /**
   * Reads a document of the event's tenant as the writes recorded so far leave it (folded in
   * memory, or flushed first when they cannot be). On a replay it may see a later state than the event did: use
   * it for data that does not change what the event writes to a document guarded against that
   * replay (e.g. a name to copy on creation).
   */
  findOne<T extends object = Record<string, unknown>>(
    collection: Collection,
    id: string,
  ): Promise<(T & { _id: string; tenantId: string }) | null>;
}

export type ProjectionDefinition<E extends Event, Collection extends string> = Readonly<{
  /** Stable name: checkpoint id, generation pointer id. Lower case, digits and underscores. */
  name: string;
  /** Bump it when `apply` or the collections change: the runner then rebuilds beside the old one. */
  version: number;
  handles: readonly NoInfer<E['type']>[];
  /** Only events of streams with these prefixes are read from the store (all when omitted). */
  streamPrefixes?: readonly string[];
  collections: readonly ReadModelCollectionSpec<Collection>[];
  /** Must depend on the event alone: replays and rebuilds call it again with the same event. */
  apply: (
    event: RecordedEvent<E>,
    context: ProjectionContext<NoInfer<Collection>>,
  ) => void | Promise<void>;
}>;

/**
 * A defined projection. `Projection<Event, string>` holds any of them (e.g. a service's list of
 * projections): `apply` is a method, so its parameters are compared bivariantly.
 */
export type Projection<E extends Event = Event, Collection extends string = string> = Readonly<{
  name: string;
  version: number;
  handles: ReadonlySet<string>;
  streamPrefixes?: readonly string[];
  collections: readonly ReadModelCollectionSpec<Collection>[];
  apply(event: RecordedEvent<E>, context: ProjectionContext<Collection>): void | Promise<void>;
}>;

export class ProjectionDefinitionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProjectionDefinitionError';
  }
}

const identifier = /^[a-z][a-z0-9_]*$/;

export const defineProjection = <E extends Event, const Collection extends string>(
  definition: ProjectionDefinition<E, Collection>,
): Projection<E, Collection> => {
  const { name, version, handles, collections } = definition;
  if (!identifier.test(name)) {
    throw new ProjectionDefinitionError(
      `Projection name "${name}" must be lower case letters, digits and underscores`,
    );
  }
  if (!Number.isInteger(version) || version < 1) {
    throw new ProjectionDefinitionError(`Projection ${name}: version must be a positive integer`);
  }
  if (handles.length === 0) {
    throw new ProjectionDefinitionError(`Projection ${name} handles no event type`);
  }
  if (collections.length === 0) {
    throw new ProjectionDefinitionError(`Projection ${name} declares no collection`);
  }
  const seen = new Set<string>();
  for (const collection of collections) {
    // "__g" separates the logical name from the generation in physical names.
    if (!identifier.test(collection.name) || collection.name.includes('__')) {
      throw new ProjectionDefinitionError(
        `Projection ${name}: collection "${collection.name}" must be lower case letters, digits and single underscores`,
      );
    }
    if (seen.has(collection.name)) {
      throw new ProjectionDefinitionError(
        `Projection ${name}: collection "${collection.name}" is declared twice`,
      );
    }
    seen.add(collection.name);
    for (const index of collection.indexes ?? []) {
      if (index.serves.trim() === '') {
        throw new ProjectionDefinitionError(
          `Projection ${name}: every index of "${collection.name}" must name the query it serves`,
        );
      }
      if (index.unique === true && !('tenantId' in index.keys)) {
        throw new ProjectionDefinitionError(
          `Projection ${name}: the unique index ${JSON.stringify(index.keys)} of "${collection.name}" must include tenantId: values are unique per tenant only`,
        );
      }
    }
  }
  return {
    name,
    version,
    handles: new Set<string>(handles),
    ...(definition.streamPrefixes ? { streamPrefixes: definition.streamPrefixes } : {}),
    collections,
    apply: definition.apply,
  };
};
