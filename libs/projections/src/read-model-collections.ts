import type { Connection, Model, Schema, mongo } from 'mongoose';
import {
  physicalCollectionName,
  ProjectionGenerations,
  type GenerationPointer,
} from './projection-generations';
import type { ReadModelCollectionSpec } from './projection';
import { databaseOf } from './read-store';

export type ReadModelCollectionsOptions = Readonly<{
  /** How long a resolved generation is trusted before the pointer is read again. Default 1000. */
  refreshMs?: number;
}>;

type ProjectionCollections<C extends string> = Readonly<{
  name: string;
  collections: readonly ReadModelCollectionSpec<C>[];
}>;

/**
 * The query side's view of a projection's collections: resolves a logical name to the active
 * generation's physical collection through the generation pointer, cached for `refreshMs`. After
 * a rebuild swaps, readers move within that time; the old generation is dropped only later.
 */
export class ReadModelCollections<C extends string = string> {
  private readonly db: mongo.Db;
  private readonly generations: ProjectionGenerations;
  private readonly refreshMs: number;
  private cached: Readonly<{ generation: number; until: number }> | undefined;
  private reading: Promise<number> | undefined;

  constructor(
    private readonly connection: Connection,
    private readonly projection: ProjectionCollections<C>,
    options: ReadModelCollectionsOptions = {},
  ) {
    this.db = databaseOf(connection);
    this.generations = new ProjectionGenerations(this.db);
    this.refreshMs = options.refreshMs ?? 1_000;
  }

  /** The generation readers use now. Before the projection's first start: 1 (empty). */
  async generation(): Promise<number> {
    if (this.cached && Date.now() < this.cached.until) return this.cached.generation;
    this.reading ??= this.generations
      .read(this.projection.name)
      .then((pointer: GenerationPointer | null) => {
        const generation = pointer?.active.generation ?? 1;
        this.cached = { generation, until: Date.now() + this.refreshMs };
        return generation;
      })
      .finally(() => {
        this.reading = undefined;
      });
    return this.reading;
  }

  /** Reads the pointer on the next call (e.g. right after a swap in this process). */
  refresh(): void {
    this.cached = undefined;
  }

  async physicalName(collection: C): Promise<string> {
    this.assertDeclared(collection);
    return physicalCollectionName(collection, await this.generation());
  }

  async collection<T extends mongo.Document = mongo.Document>(
    collection: C,
  ): Promise<mongo.Collection<T>> {
    return this.db.collection<T>(await this.physicalName(collection));
  }

  /**
   * A mongoose model over the active generation (one model per generation, cached by mongoose).
   * The schema is for reading: the projection owns the indexes, so autoIndex/autoCreate are off.
   */
  async model<T>(collection: C, schema: Schema<T>): Promise<Model<T>> {
    const physical = await this.physicalName(collection);
    const existing = this.connection.models[physical] as Model<T> | undefined;
    if (existing) return existing;
    schema.set('autoIndex', false);
    schema.set('autoCreate', false);
    return this.connection.model<T>(physical, schema, physical);
  }

  private assertDeclared(collection: string): void {
    if (!this.projection.collections.some((spec) => spec.name === collection)) {
      throw new Error(`Projection ${this.projection.name} has no collection ${collection}`);
    }
  }
}
