import type { mongo } from 'mongoose';
import type { IndexSpec, ReadModelCollectionSpec } from './projection';

/**
 * `projection_generations`: one pointer document per projection naming the generation readers use
 * (`active`), the one a rebuild is writing beside it (`building`), and the one a swap retired and
 * will drop once readers have moved (`retiring`). A logical collection `squads` of generation 3
 * lives in the physical collection `squads__g3`. Flipping `active` is one single-document update,
 * which is atomic on MongoDB and FerretDB alike (no transaction needed).
 */
export type GenerationPointer = {
  _id: string;
  active: Readonly<{ generation: number; version: number; since: Date }>;
  building?: Readonly<{ generation: number; version: number; startedAt: Date; heartbeatAt: Date }>;
  retiring?: Readonly<{ generation: number; dropAfter: Date }>;
  updatedAt: Date;
};

/** A projection's name and the logical names of its collections. */
type CollectionsOf = Readonly<{
  name: string;
  collections: readonly Readonly<{ name: string }>[];
}>;

type ProjectionShape = Readonly<{
  name: string;
  version: number;
  collections: readonly ReadModelCollectionSpec[];
}>;

export const physicalCollectionName = (logical: string, generation: number): string =>
  `${logical}__g${generation}`;

export class RebuildInProgress extends Error {
  constructor(
    readonly projection: string,
    readonly generation: number,
  ) {
    super(`Projection ${projection} is already being rebuilt into generation ${generation}`);
    this.name = 'RebuildInProgress';
  }
}

/** Another rebuild took the claim over (this one stopped sending heartbeats for too long). */
export class RebuildAbandoned extends Error {
  constructor(projection: string, generation: number) {
    super(`The rebuild of ${projection} into generation ${generation} lost its claim`);
    this.name = 'RebuildAbandoned';
  }
}

/** Every query filters by tenant: an index on it serves the queries no declared index covers. */
const tenantIndex: IndexSpec = {
  keys: { tenantId: 1 },
  serves: 'every tenant-scoped query without a more specific index (TenantScopedRepository)',
};

export class ProjectionGenerations {
  static readonly collectionName = 'projection_generations';
  private readonly pointers: mongo.Collection<GenerationPointer>;

  constructor(private readonly db: mongo.Db) {
    this.pointers = db.collection<GenerationPointer>(ProjectionGenerations.collectionName);
  }

  read(projection: string): Promise<GenerationPointer | null> {
    return this.pointers.findOne({ _id: projection });
  }

  /** The pointer, created with an empty generation 1 on a projection's first start. */
  async ensure(projection: ProjectionShape): Promise<GenerationPointer> {
    const existing = await this.read(projection.name);
    if (existing) return existing;
    await this.prepare(projection, 1, { fresh: false });
    const now = new Date();
    await this.pointers
      .insertOne({
        _id: projection.name,
        active: { generation: 1, version: projection.version, since: now },
        updatedAt: now,
      })
      .catch((error: unknown) => {
        // Another runner created it first.
        if ((error as { code?: unknown }).code !== 11000) throw error;
      });
    return (await this.read(projection.name))!;
  }

  /** Claims the next generation for a rebuild and creates its empty collections. */
  async claimBuild(
    projection: ProjectionShape,
    staleAfterMs: number,
  ): Promise<Readonly<{ generation: number; previous: GenerationPointer }>> {
    for (let attempt = 1; ; attempt++) {
      const pointer = await this.ensure(projection);
      const now = new Date();
      const stale = new Date(now.getTime() - staleAfterMs);
      if (pointer.building && pointer.building.heartbeatAt > stale) {
        throw new RebuildInProgress(projection.name, pointer.building.generation);
      }
      const generation =
        Math.max(
          pointer.active.generation,
          pointer.building?.generation ?? 0,
          pointer.retiring?.generation ?? 0,
        ) + 1;
      // Only if the pointer is still as read: the number must not be one another swap just used.
      const claimed = await this.pointers.updateOne(
        {
          _id: projection.name,
          'active.generation': pointer.active.generation,
          ...(pointer.building
            ? {
                'building.generation': pointer.building.generation,
                'building.heartbeatAt': { $lt: stale },
              }
            : { building: { $exists: false } }),
        },
        {
          $set: {
            building: { generation, version: projection.version, startedAt: now, heartbeatAt: now },
            updatedAt: now,
          },
        },
      );
      if (claimed.matchedCount === 1) {
        await this.dropUnused(projection);
        await this.prepare(projection, generation, { fresh: true });
        return { generation, previous: pointer };
      }
      if (attempt >= 3) {
        const current = await this.read(projection.name);
        throw new RebuildInProgress(projection.name, current?.building?.generation ?? generation);
      }
    }
  }

  async heartbeat(projection: string, generation: number): Promise<void> {
    const result = await this.pointers.updateOne(
      { _id: projection, 'building.generation': generation },
      { $set: { 'building.heartbeatAt': new Date() } },
    );
    if (result.matchedCount === 0) throw new RebuildAbandoned(projection, generation);
  }

  /** Gives a failed rebuild's claim back and drops what it built. */
  async abandon(projection: ProjectionShape, generation: number): Promise<void> {
    await this.pointers.updateOne(
      { _id: projection.name, 'building.generation': generation },
      { $unset: { building: '' }, $set: { updatedAt: new Date() } },
    );
    await this.dropUnused(projection);
  }

  /** The swap: readers resolve the new generation from now on. Returns the retired one. */
  async activate(
    projection: ProjectionShape,
    generation: number,
    dropOldAfterMs: number,
  ): Promise<number> {
    const pointer = await this.read(projection.name);
    if (!pointer) throw new RebuildAbandoned(projection.name, generation);
    const now = new Date();
    const result = await this.pointers.updateOne(
      { _id: projection.name, 'building.generation': generation },
      {
        $set: {
          active: { generation, version: projection.version, since: now },
          retiring: {
            generation: pointer.active.generation,
            dropAfter: new Date(now.getTime() + dropOldAfterMs),
          },
          updatedAt: now,
        },
        $unset: { building: '' },
      },
    );
    if (result.matchedCount === 0) throw new RebuildAbandoned(projection.name, generation);
    return pointer.active.generation;
  }

  /**
   * Drops physical collections of generations nobody uses: not active, not being built, and not
   * retired so recently that readers may still hold them. Also removes what a runner left behind
   * by writing to a generation after it was dropped.
   */
  async dropUnused(projection: ProjectionShape): Promise<number[]> {
    const pointer = await this.read(projection.name);
    if (!pointer) return [];
    const keep = new Set([pointer.active.generation]);
    if (pointer.building) keep.add(pointer.building.generation);
    if (pointer.retiring && pointer.retiring.dropAfter.getTime() > Date.now()) {
      keep.add(pointer.retiring.generation);
    }
    const dropped = new Set<number>();
    for (const { generation, physical } of await this.physicalCollections(projection)) {
      if (keep.has(generation)) continue;
      await this.db.dropCollection(physical).catch(ignoreMissingCollection);
      dropped.add(generation);
    }
    return [...dropped].sort((a, b) => a - b);
  }

  /**
   * Removes a projection that is no longer run (retired): the physical collections of every
   * generation and its pointer. Returns the generations it found, pointer included.
   */
  async forgetProjection(projection: CollectionsOf): Promise<number[]> {
    const pointer = await this.read(projection.name);
    const generations = new Set(
      [
        pointer?.active.generation,
        pointer?.building?.generation,
        pointer?.retiring?.generation,
      ].filter((generation) => generation !== undefined),
    );
    for (const { generation, physical } of await this.physicalCollections(projection)) {
      await this.db.dropCollection(physical).catch(ignoreMissingCollection);
      generations.add(generation);
    }
    await this.pointers.deleteOne({ _id: projection.name });
    return [...generations].sort((a, b) => a - b);
  }

  /** Physical collections of this projection's logical collections, of every generation. */
  async physicalCollections(
    projection: Pick<CollectionsOf, 'collections'>,
  ): Promise<Array<Readonly<{ logical: string; generation: number; physical: string }>>> {
    const names = (await this.db.listCollections({}, { nameOnly: true }).toArray()).map(
      (collection) => collection.name,
    );
    const found: Array<{ logical: string; generation: number; physical: string }> = [];
    for (const { name: logical } of projection.collections) {
      const pattern = new RegExp(`^${logical}__g(\\d+)$`);
      for (const physical of names) {
        const match = pattern.exec(physical);
        if (match) found.push({ logical, generation: Number(match[1]), physical });
      }
    }
    return found;
  }

  private async prepare(
    projection: ProjectionShape,
    generation: number,
    options: Readonly<{ fresh: boolean }>,
  ): Promise<void> {
    for (const collection of projection.collections) {
      const physical = physicalCollectionName(collection.name, generation);
      if (options.fresh) await this.db.dropCollection(physical).catch(ignoreMissingCollection);
      await this.db.createCollection(physical).catch((error: unknown) => {
        if ((error as { code?: unknown }).code !== 48) throw error; // NamespaceExists
      });
      const declared = collection.indexes ?? [];
      const indexes = declared.some((index) => Object.keys(index.keys)[0] === 'tenantId')
        ? declared
        : [tenantIndex, ...declared];
      await this.db.collection(physical).createIndexes(
        indexes.map((index) => ({
          key: { ...index.keys },
          ...(index.unique ? { unique: true } : {}),
        })),
      );
    }
  }
}

const ignoreMissingCollection = (error: unknown): void => {
  if ((error as { code?: unknown }).code !== 26) throw error; // NamespaceNotFound
};
