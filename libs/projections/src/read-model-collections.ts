import type { Connection, mongo } from 'mongoose';
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

  /**
   * The raw collection, as stored: keys with their tenant, every tenant's documents. Read it
   * through a TenantScopedRepository, which adds the tenant and translates ids (ADR 0025).
   */
  async collection<T extends mongo.Document = mongo.Document>(
    collection: C,
  ): Promise<mongo.Collection<T>> {
    return this.db.collection<T>(await this.physicalName(collection));
  }

  private assertDeclared(collection: string): void {
    if (!this.projection.collections.some((spec) => spec.name === collection)) {
      throw new Error(`Projection ${this.projection.name} has no collection ${collection}`);
    }
  }
}
