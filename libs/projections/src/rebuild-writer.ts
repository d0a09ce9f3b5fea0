import type { Event, RecordedEvent } from '@rhythm/event-sourcing';
import type { mongo } from 'mongoose';
import { foldWrite } from './folded-write';
import { physicalCollectionName } from './projection-generations';
import type { GuardKind } from './idempotency-guard';
import type { Projection } from './projection';
import {
  chunked,
  maxWritesPerBulk,
  ReadModelConflict,
  recordingContext,
  type FlushResult,
  type PendingWrite,
} from './read-model-writer';

type Document = Record<string, unknown>;

export type RebuildWriterOptions = Readonly<{
  /** Documents kept in memory between flushes; beyond this the clean ones are let go. Default 50 000. */
  maxHeldDocuments?: number;
  /** Documents per insertMany. Default 500. */
  insertBatchSize?: number;
}>;

/**
 * Writes a rebuild's generation. The rebuild is the only writer of its new, empty collections, so
 * instead of one guarded update per write (the live path, `ReadModelWriter`), it applies the writes
 * to documents held in memory, with the same guard rules, and at each flush writes every changed
 * document once: new ones with insertMany, the others replaced whole by _id. A projection that
 * updates one document a hundred times costs one write per flush, not a hundred round trips.
 *
 * An updateMany (whose filter only the store can evaluate) flushes what is held, runs in the store,
 * and the writer then reads documents from the store again.
 */
export class RebuildWriter<E extends Event, C extends string> {
  private readonly guards: ReadonlyMap<string, GuardKind>;
  /** Documents held, by logical collection and stored `_id` (the tenant's key). */
  private readonly held = new Map<string, Map<string, Document>>();
  private readonly changed = new Map<string, Set<string>>();
  /** Ids written to the store so far (the collections were empty at the start). */
  private readonly stored = new Map<string, Set<string>>();
  /** Documents only their event's `create` wrote: let go once inserted (an entry per event). */
  private readonly createdOnly = new Set<string>();
  private queue: PendingWrite[] = [];
  /** The flush `flushInBackground` started, until it is written. */
  private inFlight: Promise<unknown> = Promise.resolve();
  private readonly maxHeldDocuments: number;
  private readonly insertBatchSize: number;

  constructor(
    private readonly db: mongo.Db,
    private readonly projection: Projection<E, C>,
    readonly generation: number,
    options: RebuildWriterOptions = {},
  ) {
    this.guards = new Map(projection.collections.map((spec) => [spec.name, spec.guard]));
    this.maxHeldDocuments = options.maxHeldDocuments ?? 50_000;
    this.insertBatchSize = options.insertBatchSize ?? 500;
  }

  /** Documents changed since the last flush. */
  get unflushed(): number {
    let count = 0;
    for (const ids of this.changed.values()) count += ids.size;
    return count;
  }

  /** Applies the writes `apply` makes for this event to the documents held. */
  async apply(event: RecordedEvent): Promise<void> {
    if (!this.projection.handles.has(event.type)) return;
    const context = recordingContext(this.projection, this.guards, event, {
      record: (write) => this.queue.push(write),
      findOne: async (collection, key, tenantId) => {
        await this.drain();
        const found = await this.documentOf(collection, key);
        return found?.tenantId === tenantId ? structuredClone(found) : null;
      },
    });
    await this.projection.apply(event as RecordedEvent<E>, context);
    await this.drain();
  }

  /** Writes every document changed since the last flush (after the one in flight, if any). */
  async flush(): Promise<FlushResult> {
    await this.inFlight;
    return this.write(this.takeChanged());
  }

  /**
   * Waits for the flush in flight, then starts writing every document changed since and returns
   * without waiting for it: the rebuild reads and folds the next events while the read store
   * writes these. At most one flush is in flight; `flush()` waits for it.
   */
  async flushInBackground(): Promise<void> {
    await this.inFlight;
    const writing = this.write(this.takeChanged());
    // Failed while nobody waits: the next flush, which waits, fails with it.
    writing.catch(() => undefined);
    this.inFlight = writing;
  }

  /** The documents to write, taken now: what `apply` changes from here on is the next flush's. */
  private takeChanged(): Map<string, { inserts: Document[]; replaces: Document[] }> {
    const batch = new Map<string, { inserts: Document[]; replaces: Document[] }>();
    for (const [collection, ids] of this.changed) {
      if (ids.size === 0) continue;
      const held = this.heldIn(collection);
      const stored = this.storedIn(collection);
      const inserts: Document[] = [];
      const replaces: Document[] = [];
      for (const id of ids) (stored.has(id) ? replaces : inserts).push(held.get(id)!);
      ids.clear();
      batch.set(collection, { inserts, replaces });
    }
    return batch;
  }

  private async write(
    batch: Map<string, { inserts: Document[]; replaces: Document[] }>,
  ): Promise<FlushResult> {
    let writes = 0;
    for (const [collection, { inserts, replaces }] of batch) {
      const target = this.collection(collection);
      for (const batch of chunked(inserts, this.insertBatchSize)) {
        await target.insertMany(batch, { ordered: true });
      }
      for (const batch of chunked(replaces, maxWritesPerBulk)) {
        await target.bulkWrite(
          batch.map((document) => ({
            replaceOne: { filter: { _id: document._id as never }, replacement: document },
          })),
          { ordered: true },
        );
      }
      // Changed again meanwhile (the next flush writes them): still held.
      const changedSince = this.changed.get(collection) ?? new Set<string>();
      const held = this.heldIn(collection);
      const stored = this.storedIn(collection);
      for (const document of inserts) {
        const id = document._id as string;
        stored.add(id);
        if (this.createdOnly.delete(`${collection}/${id}`) && !changedSince.has(id)) {
          held.delete(id);
        }
      }
      writes += inserts.length + replaces.length;
      if (held.size > this.maxHeldDocuments) {
        for (const id of held.keys()) if (!changedSince.has(id)) held.delete(id);
      }
    }
    return { writes, bulkFallbacks: 0 };
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const write = this.queue.shift()!;
      if (write.id === undefined) await this.updateManyInStore(write);
      else await this.applyOne(write, write.id);
    }
  }

  /** The same outcome as the guarded updateOne of the live path, on the held document. */
  private async applyOne(write: PendingWrite, key: string): Promise<void> {
    const existing = await this.documentOf(write.collection, key);
    const folded = foldWrite(key, existing, write);
    if (folded.outcome === 'applied') this.hold(write.collection, folded.document);
    // Written again, or not its creation: held like any other.
    if (write.create === true && existing === undefined)
      this.createdOnly.add(`${write.collection}/${key}`);
    else this.createdOnly.delete(`${write.collection}/${key}`);
    if (folded.outcome === 'owned-by-another-stream' && write.upsert) {
      const label = `${physicalCollectionName(write.collection, this.generation)}/${key}`;
      throw new ReadModelConflict(
        `${label} belongs to stream ${String(folded.document._stream)} and is written by ${write.stamp.streamId}: declare its collection 'streams' or 'position'`,
      );
    }
  }

  private async updateManyInStore(write: PendingWrite): Promise<void> {
    await this.flush();
    this.heldIn(write.collection).clear();
    await this.collection(write.collection).updateMany(write.filter, write.update);
  }

  private async documentOf(collection: string, id: string): Promise<Document | undefined> {
    const held = this.heldIn(collection).get(id);
    if (held) return held;
    if (!this.storedIn(collection).has(id)) return undefined;
    const found = await this.collection(collection).findOne<Document>({ _id: id as never });
    if (!found) return undefined;
    this.heldIn(collection).set(id, found);
    return found;
  }

  private hold(collection: string, document: Document): void {
    this.heldIn(collection).set(document._id as string, document);
    const changed = this.changed.get(collection) ?? new Set<string>();
    changed.add(document._id as string);
    this.changed.set(collection, changed);
  }

  private heldIn(collection: string): Map<string, Document> {
    let held = this.held.get(collection);
    if (!held) this.held.set(collection, (held = new Map<string, Document>()));
    return held;
  }

  private storedIn(collection: string): Set<string> {
    let stored = this.stored.get(collection);
    if (!stored) this.stored.set(collection, (stored = new Set<string>()));
    return stored;
  }

  private collection(collection: string): mongo.Collection<Document> {
    return this.db.collection<Document>(physicalCollectionName(collection, this.generation));
  }
}
