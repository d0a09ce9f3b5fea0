import type { Event, RecordedEvent } from '@rhythm/event-sourcing';
import type { mongo } from 'mongoose';
import { documentKey, UntranslatableIdFilter, withKeysOf } from './document-key';
import {
  guardFields,
  guardFilter,
  guardStamp,
  guardVerdict,
  type GuardKind,
  type WriteStamp,
} from './idempotency-guard';
import { physicalCollectionName } from './projection-generations';
import type { Projection, ProjectionContext } from './projection';
import {
  assertValidFilter,
  assertValidUpdate,
  InvalidReadModelWrite,
  type ReadModelFilter,
  type ReadModelUpdate,
} from './read-model-update';
import { isDuplicateKey } from './read-store';
import { DocumentUpdateError } from './document-update';
import { foldWrite } from './folded-write';

/**
 * A 'stream' document written by another stream, or (only for documents stored before tenant
 * keys, ADR 0025) a document of another tenant under the same key.
 */
export class ReadModelConflict extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReadModelConflict';
  }
}

type Document = Record<string, unknown>;

/** A write `apply` recorded, with its guard, in the order it was made. */
export type PendingWrite = Readonly<{
  collection: string;
  kind: GuardKind;
  stamp: WriteStamp;
  tenantId: string;
  /**
   * The stored `_id` (tenant and id, `documentKey`) for writes to one document: a duplicate-key
   * upsert is then checked against it.
   */
  id?: string;
  filter: Document;
  update: Document;
  upsert: boolean;
  /** An upsert of a document its event creates (`create`): inserted with the others of its flush. */
  create?: boolean;
}>;

/** Whether this write may change that document: it is written to it, or an updateMany there. */
const mayTouch = (write: PendingWrite, collection: string, key: string): boolean =>
  write.collection === collection && (write.id === undefined || write.id === key);

export type FlushResult = Readonly<{
  writes: number;
  bulkFallbacks: number;
  /** Documents written once for several writes (ADR 0056); a rebuild counts none. */
  folded?: number;
  /** Folded documents found changed under the writer, written by their guarded writes instead. */
  changedUnder?: number;
}>;

/** A document folded in memory: as it was read and as its writes leave it. */
type FoldOutcome = Readonly<{
  key: string;
  /** Its guard fields as read (`stillAsRead`); null: it was not there. */
  asRead: Document | null;
  document: Document;
  /** Kept for the next flush: not a document its event created and nothing else wrote. */
  remember: boolean;
}>;

/**
 * The writes to one document applied in memory to `base` (a copy, changed in place), as the
 * guarded updates would apply them in the store; 'unfoldable' where the store would answer
 * otherwise than a plain update (another tenant's or stream's document, an update it refuses).
 */
const foldAll = (
  key: string,
  base: Document | null,
  writes: readonly PendingWrite[],
): Readonly<{ document: Document | undefined; changed: boolean }> | 'unfoldable' => {
  let document = base ?? undefined;
  let changed = false;
  for (const write of writes) {
    if (document !== undefined && document.tenantId !== write.tenantId) return 'unfoldable';
    try {
      const folded = foldWrite(key, document, write);
      if (folded.outcome === 'owned-by-another-stream') return 'unfoldable';
      document = folded.document;
      changed ||= folded.outcome === 'applied';
    } catch (error) {
      if (error instanceof DocumentUpdateError) return 'unfoldable';
      throw error;
    }
  }
  return { document, changed };
};

/** The guard fields of a document as read: a replace applies only if no one wrote it since. */
const stillAsRead = (kind: GuardKind, base: Document): Document => {
  const fields = kind === 'stream' ? ['_revision', '_op'] : ['_position', '_op'];
  return Object.fromEntries(
    fields.map((field) => [field, base[field] === undefined ? { $exists: false } : base[field]]),
  );
};

/**
 * Statements per bulk write. FerretDB 1.24 holds a PostgreSQL connection for each statement of one
 * update command until the command ends; a bulk of ~100 updates (its pool size) waits for a
 * connection it already holds and hangs FerretDB for every client. 99 distinct updates pass and
 * 150 hang (measured); 32 leaves room for the other clients sharing the pool.
 */
export const maxWritesPerBulk = 32;

/**
 * Consecutive runs of writes, in order, of at most `maxWritesPerBulk`, in which no document is
 * written twice; an updateMany (which may touch any document) stands alone. FerretDB 1.24 takes a
 * PostgreSQL connection for each write to the same document inside one bulk update and waits on
 * the row lock with it: as many repeats as its pool has connections (a rebuild's batch, a burst on
 * one person) and it hangs for every client.
 */
export const batchesWithoutRepeats = <W extends Readonly<{ id?: string }>>(
  writes: readonly W[],
  maxPerBatch = maxWritesPerBulk,
): W[][] => {
  const batches: W[][] = [];
  let batch: W[] = [];
  const ids = new Set<string>();
  const close = () => {
    if (batch.length > 0) batches.push(batch);
    batch = [];
    ids.clear();
  };
  for (const write of writes) {
    if (write.id === undefined || ids.has(write.id) || batch.length >= maxPerBatch) close();
    batch.push(write);
    if (write.id === undefined) close();
    else ids.add(write.id);
  }
  close();
  return batches;
};

/** Documents a live writer keeps between flushes to fold the next writes onto. */
export const maxKnownDocuments = 2_000;

/** New documents per insert: FerretDB writes them in one go, unlike a bulk of updates. */
const insertsPerWrite = 500;

/** The items in consecutive runs of at most `size`. */
export const chunked = <T>(items: readonly T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, index) =>
    items.slice(index * size, (index + 1) * size),
  );

/** Reads of documents to fold, side by side. */
const readsAtOnce = 8;

/**
 * Runs a projection's `apply` against one generation's collections. Writes are recorded with their
 * guard and flushed in order, one ordered bulkWrite per collection. If a bulk write meets a
 * duplicate key (an upsert whose document already took the write: a replay), the batch is written
 * again one write at a time; the guard makes every write that already landed match nothing.
 *
 * A document written more than once in a flush is folded (ADR 0056): read once, its writes applied
 * in memory by the guard's own rules (`foldWrite`, held to the store by document-update.int.spec),
 * and written once, replaced on condition that its guard fields are still the ones read. The
 * writer keeps what it wrote (up to `maxKnownDocuments`), so a document written in every flush is
 * not read again. Anything it cannot fold the same way (another tenant's or another stream's
 * document, an update the store would refuse, a document changed under it) goes out as the
 * guarded writes, which skip whatever already landed. `findOne` answers from the same fold, so a
 * projection that reads keeps its batch.
 */
export class ReadModelWriter<E extends Event, C extends string> {
  private pending: PendingWrite[] = [];
  private readonly guards: ReadonlyMap<string, GuardKind>;
  /** By collection and key: the document as stored after this writer's last write or read. */
  private readonly known = new Map<string, Map<string, Document | null>>();

  constructor(
    private readonly db: mongo.Db,
    private readonly projection: Projection<E, C>,
    readonly generation: number,
  ) {
    this.guards = new Map(projection.collections.map((spec) => [spec.name, spec.guard]));
  }

  get pendingWrites(): number {
    return this.pending.length;
  }

  /** Records the writes `apply` makes for this event (when the projection handles its type). */
  async apply(event: RecordedEvent): Promise<void> {
    if (!this.projection.handles.has(event.type)) return;
    await this.projection.apply(event as RecordedEvent<E>, this.contextFor(event));
  }

  async flush(): Promise<FlushResult> {
    const writes = this.pending;
    this.pending = [];
    const byCollection = new Map<string, PendingWrite[]>();
    for (const write of writes) {
      const group = byCollection.get(write.collection) ?? [];
      group.push(write);
      byCollection.set(write.collection, group);
    }
    let bulkFallbacks = 0;
    let folded = 0;
    let changedUnder = 0;
    for (const [collection, writesToCollection] of byCollection) {
      const target = this.target(collection);
      const { guarded, documents, changed } = await this.writeFolded(
        target,
        collection,
        writesToCollection,
      );
      folded += documents;
      changedUnder += changed;
      for (const group of batchesWithoutRepeats(guarded)) {
        if (group.length > 1) {
          try {
            await target.bulkWrite(group.map(asBulkOperation), { ordered: true });
            continue;
          } catch (error) {
            if (!isDuplicateKey(error)) throw error;
            // FerretDB reports a wrong index for the failed write and may stop even when
            // unordered, so no resume from the failure: the whole group again, one by one.
            bulkFallbacks += 1;
          }
        }
        for (const write of group) await this.writeOne(target, write);
      }
    }
    for (const [collection, known] of this.known) {
      if (known.size > maxKnownDocuments) this.known.delete(collection);
    }
    return { writes: writes.length, bulkFallbacks, folded, changedUnder };
  }

  /** Forgets recorded writes (a crash loses them too; the checkpoint was not moved past them). */
  discard(): void {
    this.pending = [];
    this.known.clear();
  }

  private contextFor(event: RecordedEvent): ProjectionContext<C> {
    return recordingContext(this.projection, this.guards, event, {
      record: (write) => this.pending.push(write),
      findOne: async (collection, key, tenantId) => {
        const touching = this.pending.filter((write) => mayTouch(write, collection, key));
        if (touching.length > 0 && this.folds(collection, touching)) {
          // The document as the pending writes will leave it, without flushing them.
          const [base] = (await this.basesOf(collection, [key])).values();
          const folded = foldAll(key, base, touching);
          if (folded !== 'unfoldable') {
            const document = folded.document;
            return document?.tenantId === tenantId ? structuredClone(document) : null;
          }
        }
        if (touching.length > 0) await this.flush();
        const found = await this.target(collection).findOne<Document>({ _id: key as never });
        if (this.guards.get(collection) !== 'streams') this.knownIn(collection).set(key, found);
        return found?.tenantId === tenantId ? structuredClone(found) : null;
      },
    });
  }

  /** Whether these writes to one collection can be folded: no updateMany, no 'streams' guard. */
  private folds(collection: string, writes: readonly PendingWrite[]): boolean {
    return (
      this.guards.get(collection) !== 'streams' && writes.every((write) => write.id !== undefined)
    );
  }

  /**
   * Folds and writes the documents of this collection written more than once (or known), and
   * gives back the writes left for the guarded path, in their order.
   */
  private async writeFolded(
    target: mongo.Collection,
    collection: string,
    writes: readonly PendingWrite[],
  ): Promise<{ guarded: PendingWrite[]; documents: number; changed: number }> {
    if (!this.folds(collection, writes)) {
      // An updateMany may change any document: what this writer knew of them no longer holds.
      this.known.delete(collection);
      return { guarded: [...writes], documents: 0, changed: 0 };
    }
    const known = this.knownIn(collection);
    const byKey = new Map<string, PendingWrite[]>();
    for (const write of writes) {
      const ofDocument = byKey.get(write.id!) ?? [];
      ofDocument.push(write);
      byKey.set(write.id!, ofDocument);
    }
    // A document its event creates is taken to be absent, unread: a replay's insert fails and
    // its writes go the guarded way.
    const created = (key: string, ofDocument: readonly PendingWrite[]) =>
      ofDocument[0].create === true && !known.has(key);
    const foldable = [...byKey].filter(
      ([key, ofDocument]) => ofDocument.length > 1 || known.has(key) || created(key, ofDocument),
    );
    if (foldable.length === 0) {
      for (const key of byKey.keys()) known.delete(key);
      return { guarded: [...writes], documents: 0, changed: 0 };
    }
    const bases = await this.basesOf(
      collection,
      foldable.flatMap(([key, ofDocument]) => (created(key, ofDocument) ? [] : [key])),
    );
    const kind = this.guards.get(collection)!;
    const unfolded = new Set<string>(byKey.keys());
    let changed = 0;
    const outcomes: FoldOutcome[] = [];
    for (const [key, ofDocument] of foldable) {
      const base = bases.get(key) ?? null;
      // Before the fold changes it in place.
      const asRead = base === null ? null : stillAsRead(kind, base);
      const folded = foldAll(key, base, ofDocument);
      if (folded === 'unfoldable') continue;
      unfolded.delete(key);
      if (folded.changed && folded.document) {
        const remember = !(created(key, ofDocument) && ofDocument.length === 1);
        outcomes.push({ key, asRead, document: folded.document, remember });
      }
    }
    for (const key of unfolded) known.delete(key);
    const inserts = outcomes.filter(({ asRead }) => asRead === null);
    const replaces = outcomes.filter(({ asRead }) => asRead !== null);
    const chunks = [...chunked(inserts, insertsPerWrite), ...chunked(replaces, maxWritesPerBulk)];
    for (const chunk of chunks) {
      if (await this.replaced(target, chunk)) {
        for (const { key, document, remember } of chunk) {
          if (remember) known.set(key, document);
        }
        continue;
      }
      // Changed under this writer: its guarded writes skip whatever of them already landed.
      for (const { key } of chunk) {
        known.delete(key);
        unfolded.add(key);
      }
      changed += chunk.length;
    }
    return {
      guarded: writes.filter((write) => unfolded.has(write.id!)),
      documents: byKey.size - unfolded.size,
      changed,
    };
  }

  /** Writes each folded document whole, if it is still as it was read; whether all were. */
  private async replaced(
    target: mongo.Collection,
    outcomes: readonly FoldOutcome[],
  ): Promise<boolean> {
    try {
      const result = await target.bulkWrite(
        outcomes.map(({ key, asRead, document }): mongo.AnyBulkWriteOperation =>
          asRead === null
            ? { insertOne: { document } }
            : {
                replaceOne: {
                  filter: { _id: key as never, ...asRead },
                  replacement: document,
                },
              },
        ),
        { ordered: true },
      );
      return result.matchedCount + result.insertedCount === outcomes.length;
    } catch (error) {
      if (isDuplicateKey(error)) return false;
      throw error;
    }
  }

  /** The documents with these keys as known, or as stored (read side by side), copies to fold. */
  private async basesOf(
    collection: string,
    keys: readonly string[],
  ): Promise<Map<string, Document | null>> {
    const known = this.knownIn(collection);
    const bases = new Map<string, Document | null>();
    const toRead: string[] = [];
    for (const key of keys) {
      const held = known.get(key);
      if (held === undefined) toRead.push(key);
      else bases.set(key, held === null ? null : structuredClone(held));
    }
    const target = this.target(collection);
    for (const reads of chunked(toRead, readsAtOnce)) {
      await Promise.all(
        reads.map(async (key) => {
          const found = await target.findOne<Document>({ _id: key as never });
          known.set(key, found);
          bases.set(key, found === null ? null : structuredClone(found));
        }),
      );
    }
    return bases;
  }

  private knownIn(collection: string): Map<string, Document | null> {
    let known = this.known.get(collection);
    if (!known) this.known.set(collection, (known = new Map<string, Document | null>()));
    return known;
  }

  private target(collection: string): mongo.Collection {
    return this.db.collection(physicalCollectionName(collection, this.generation));
  }

  private async writeOne(target: mongo.Collection, write: PendingWrite): Promise<void> {
    try {
      const options = { upsert: write.upsert };
      if (write.id === undefined) await target.updateMany(write.filter, write.update, options);
      else await target.updateOne(write.filter, write.update, options);
    } catch (error) {
      if (!isDuplicateKey(error) || write.id === undefined) throw error;
      await this.explainDuplicate(target, write, error);
    }
  }

  /** An upsert whose guard did not match inserted a second `_id`: find out why. */
  private async explainDuplicate(
    target: mongo.Collection,
    write: PendingWrite,
    error: unknown,
  ): Promise<void> {
    const existing = await target.findOne<Document>({ _id: write.id as never });
    if (!existing) throw error; // a unique index of the projection's own refused it
    const label = `${target.collectionName}/${write.id}`;
    // Keys hold the tenant: only a document stored under a bare id could be another tenant's.
    if (existing.tenantId !== write.tenantId) {
      throw new ReadModelConflict(
        `${label} belongs to another tenant than event ${write.stamp.streamId}@${write.stamp.streamRevision}`,
      );
    }
    switch (guardVerdict(write.kind, existing, write.stamp)) {
      case 'already-applied':
        return;
      case 'owned-by-another-stream':
        throw new ReadModelConflict(
          `${label} belongs to stream ${String(existing._stream)} and is written by ${write.stamp.streamId}: declare its collection 'streams' or 'position'`,
        );
      case 'not-applied':
        throw error;
    }
  }
}

/** Where a projection context sends what `apply` does. */
export type WriteSink<C extends string> = Readonly<{
  record: (write: PendingWrite) => void;
  /** The stored (or held) document with this key of the tenant, after the writes recorded so far. */
  findOne: (collection: C, key: string, tenantId: string) => Promise<Document | null>;
}>;

/**
 * The context `apply` gets for one event: checks each write (declared collection, allowed
 * operators, an id), stamps it with its guard and hands it to the sink, in order. `apply` names
 * documents by the ids it chose; the context stores them under the event's tenant
 * (`documentKey`), so two tenants' ids never meet, and `findOne` gives the id back.
 */
export const recordingContext = <E extends Event, C extends string>(
  projection: Projection<E, C>,
  guards: ReadonlyMap<string, GuardKind>,
  event: RecordedEvent,
  sink: WriteSink<C>,
): ProjectionContext<C> => {
  const tenantId = event.metadata.tenantId;
  let op = 0;
  const where = (method: string, collection: string) =>
    `${projection.name}.${method}(${collection}) for ${event.type} at ${event.globalPosition}`;
  const guardOf = (method: string, collection: string): GuardKind => {
    const kind = guards.get(collection);
    if (!kind) {
      throw new InvalidReadModelWrite(`${where(method, collection)}: undeclared collection`);
    }
    return kind;
  };
  const stampOf = (): WriteStamp => ({
    streamId: event.streamId,
    streamRevision: event.streamRevision,
    globalPosition: event.globalPosition,
    op: op++,
  });
  const record = (
    method: string,
    collection: string,
    id: string,
    update: ReadModelUpdate,
    upsert: boolean,
  ) => {
    const kind = guardOf(method, collection);
    if (method !== 'remove') assertValidUpdate(where(method, collection), update);
    if (typeof id !== 'string' || id === '') {
      throw new InvalidReadModelWrite(`${where(method, collection)}: the id must be a string`);
    }
    const key = documentKey(tenantId, id);
    const stamp = stampOf();
    sink.record({
      collection,
      kind,
      stamp,
      tenantId,
      id: key,
      filter: { _id: key, tenantId, ...guardFilter(kind, stamp) },
      update: withGuard(update, kind, stamp),
      upsert,
      ...(method === 'create' ? { create: true } : {}),
    });
  };

  return {
    upsert: (collection, id, update) => record('upsert', collection, id, update, true),
    create: (collection, id, update) => record('create', collection, id, update, true),
    update: (collection, id, update) => record('update', collection, id, update, false),
    // The tombstone is the context's own field, so it skips the projection-write checks.
    remove: (collection, id) =>
      record('remove', collection, id, { $set: { _deleted: true } }, true),
    updateMany: (collection: C, filter: ReadModelFilter, update: ReadModelUpdate) => {
      const kind = guardOf('updateMany', collection);
      if (kind === 'stream') {
        throw new InvalidReadModelWrite(
          `${where('updateMany', collection)}: a 'stream' collection's documents belong to one stream each; declare it 'streams' or 'position' to update documents of other streams`,
        );
      }
      assertValidFilter(where('updateMany', collection), filter);
      assertValidUpdate(where('updateMany', collection), update);
      const keyed = keyedFilter(where('updateMany', collection), tenantId, filter);
      const stamp = stampOf();
      sink.record({
        collection,
        kind,
        stamp,
        tenantId,
        filter: allOf([keyed, { tenantId }, guardFilter(kind, stamp)]),
        update: withGuard(update, kind, stamp),
        upsert: false,
      });
    },
    findOne: async <T extends object>(collection: C, id: string) => {
      guardOf('findOne', collection);
      const found = await sink.findOne(collection, documentKey(tenantId, id), tenantId);
      if (!found || found._deleted === true) return null;
      return { ...withoutGuardFields(found), _id: id } as T & { _id: string; tenantId: string };
    },
  };
};

const keyedFilter = (where: string, tenantId: string, filter: ReadModelFilter): Document => {
  try {
    return withKeysOf(tenantId, filter);
  } catch (error) {
    if (error instanceof UntranslatableIdFilter) {
      throw new InvalidReadModelWrite(`${where}: ${error.message}`);
    }
    throw error;
  }
};

/**
 * The conjunction of these filters as one document where their fields do not collide, `$and`
 * only for the clauses that do: FerretDB 1.24 pushes top-level equalities down to PostgreSQL
 * and nothing under `$and`, so `{ $and: [filter, { tenantId }, guard] }` scanned the collection.
 */
export const allOf = (clauses: readonly Document[]): Document => {
  const merged: Document = {};
  const rest: Document[] = [];
  for (const clause of clauses) {
    for (const [field, condition] of Object.entries(clause)) {
      if (field === '$and') rest.push(...(condition as Document[]));
      else if (field in merged) rest.push({ [field]: condition });
      else merged[field] = condition;
    }
  }
  return rest.length === 0 ? merged : { ...merged, $and: rest };
};

const withGuard = (update: ReadModelUpdate, kind: GuardKind, stamp: WriteStamp): Document => ({
  ...update,
  $set: { ...update.$set, ...guardStamp(kind, stamp) },
});

const asBulkOperation = (write: PendingWrite): mongo.AnyBulkWriteOperation =>
  write.id === undefined
    ? { updateMany: { filter: write.filter, update: write.update, upsert: false } }
    : { updateOne: { filter: write.filter, update: write.update, upsert: write.upsert } };

export const withoutGuardFields = (document: Document): Document => {
  const copy = { ...document };
  for (const field of guardFields) delete copy[field];
  delete copy._deleted;
  return copy;
};
