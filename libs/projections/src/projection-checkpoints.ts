import type { mongo } from 'mongoose';
import { isDuplicateKey } from './read-store';

/**
 * `projection_checkpoints`: how far each projection's active generation has applied the store,
 * `{ _id: <projection>, generation, position: '<bigint as decimal>', updatedAt }`. A generation
 * being rebuilt keeps its own under `<projection>#g<generation>` until the swap promotes it.
 * Saving is guarded by generation, so a runner left on a swapped-out generation cannot overwrite
 * the new one's checkpoint: it learns it was superseded instead.
 */
export class ProjectionCheckpoints {
  static readonly collectionName = 'projection_checkpoints';
  private readonly checkpoints: mongo.Collection<CheckpointDocument>;

  constructor(db: mongo.Db) {
    this.checkpoints = db.collection<CheckpointDocument>(ProjectionCheckpoints.collectionName);
  }

  /** Position after which the generation continues; undefined means from the beginning. */
  async load(projection: string, generation: number): Promise<bigint | undefined> {
    const active = await this.checkpoints.findOne({ _id: projection, generation });
    const found =
      active ?? (await this.checkpoints.findOne({ _id: buildingId(projection, generation) }));
    return found?.position == null ? undefined : BigInt(found.position);
  }

  async save(
    projection: string,
    generation: number,
    position: bigint,
  ): Promise<'saved' | 'superseded'> {
    try {
      await this.checkpoints.updateOne(
        { _id: projection, generation },
        { $set: { position: position.toString(), updatedAt: new Date() } },
        { upsert: true },
      );
      return 'saved';
    } catch (error) {
      // The document exists for another generation: a rebuild has swapped.
      if (isDuplicateKey(error)) return 'superseded';
      throw error;
    }
  }

  async saveBuilding(projection: string, generation: number, position: bigint): Promise<void> {
    await this.checkpoints.updateOne(
      { _id: buildingId(projection, generation) },
      { $set: { generation, position: position.toString(), updatedAt: new Date() } },
      { upsert: true },
    );
  }

  /** Makes a rebuilt generation's checkpoint the projection's checkpoint. */
  async promote(
    projection: string,
    generation: number,
    position: bigint | undefined,
  ): Promise<void> {
    await this.checkpoints.replaceOne(
      { _id: projection },
      { generation, position: position?.toString() ?? null, updatedAt: new Date() },
      { upsert: true },
    );
    await this.checkpoints.deleteOne({ _id: buildingId(projection, generation) });
  }

  async forget(projection: string, generation: number): Promise<void> {
    await this.checkpoints.deleteOne({ _id: buildingId(projection, generation) });
  }

  /** The checkpoints of a projection that is no longer run (retired), of every generation. */
  async forgetProjection(projection: string, generations: readonly number[]): Promise<void> {
    await this.checkpoints.deleteMany({
      _id: {
        $in: [projection, ...generations.map((generation) => buildingId(projection, generation))],
      },
    });
  }

  async read(projection: string): Promise<CheckpointDocument | null> {
    return this.checkpoints.findOne({ _id: projection });
  }
}

export type CheckpointDocument = {
  _id: string;
  generation: number;
  /** A bigint as decimal text (JSON and every driver read it without loss); null: nothing yet. */
  position: string | null;
  updatedAt: Date;
};

const buildingId = (projection: string, generation: number): string =>
  `${projection}#g${generation}`;
