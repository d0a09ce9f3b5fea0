import { TenantId, TenantScopedCollection, type TenantFilter } from '@rhythm/projections';
import type { Connection, mongo } from 'mongoose';
import type { DirectoryCycle, DirectoryObjective } from './goals-directory.evolve';

/** Collection names in the service's read store. */
export const goalsDirectoryCollections = {
  cycles: 'goals_directory_cycles',
  objectives: 'goals_directory_objectives',
} as const;

/** The fold guard: the goals stream's revision last folded into the record. */
type Folded = Readonly<{ tenantId: string; _id: string; revision: number }>;
type CycleDocument = Folded & Readonly<{ record: DirectoryCycle }>;
type ObjectiveDocument = Folded &
  Readonly<{
    record: DirectoryObjective;
    cycleId: string;
    status: DirectoryObjective['status'];
    /** Flat, for FerretDB v1, which cannot match inside arrays of documents. */
    keyResultOwnerIds: readonly string[];
    /** `kind:id` of the owner, and the guilds following: what a unit's feed asks by. */
    ownerKey: string;
    followerGuildIds: readonly string[];
  }>;

export type Stored<R> = Readonly<{ record: R; revision: number }>;

const ownerKeyOf = (owner: Readonly<{ kind: string; id: string }>) => `${owner.kind}:${owner.id}`;

const byId = <T extends { _id: string; tenantId: string }>(id: string) =>
  ({ _id: id }) as unknown as TenantFilter<T>;

/**
 * The goals directory's documents in a service's read store, each collection seen through one
 * tenant at a time (`TenantScopedCollection`: two organisations may hold the same ids). Records
 * are replaced whole with the revision of the goals stream folded last.
 */
export class GoalsDirectoryStore {
  private readonly raw: Readonly<{ cycles: mongo.Collection; objectives: mongo.Collection }>;
  private readonly cycles: TenantScopedCollection<CycleDocument>;
  private readonly objectives: TenantScopedCollection<ObjectiveDocument>;

  constructor(connection: Connection) {
    this.raw = {
      cycles: connection.collection(goalsDirectoryCollections.cycles),
      objectives: connection.collection(goalsDirectoryCollections.objectives),
    };
    this.cycles = new TenantScopedCollection(this.raw.cycles);
    this.objectives = new TenantScopedCollection(this.raw.objectives);
  }

  async ensureIndexes(): Promise<void> {
    await this.raw.objectives.createIndex({ tenantId: 1, status: 1 });
    await this.raw.objectives.createIndex({ tenantId: 1, cycleId: 1 });
    await this.raw.objectives.createIndex({ tenantId: 1, keyResultOwnerIds: 1 });
    await this.raw.objectives.createIndex({ tenantId: 1, ownerKey: 1, status: 1 });
    await this.raw.objectives.createIndex({ tenantId: 1, followerGuildIds: 1, status: 1 });
    // Records saved before the owner and guild keys were kept get them now, once.
    const unkeyed = await this.raw.objectives.find({ ownerKey: { $exists: false } }).toArray();
    for (const document of unkeyed as unknown as ObjectiveDocument[]) {
      await this.saveObjective(TenantId.of(document.tenantId), {
        record: document.record,
        revision: document.revision,
      });
    }
  }

  async cycle(tenantId: TenantId, cycleId: string): Promise<Stored<DirectoryCycle> | undefined> {
    const found = await this.cycles.findOne(tenantId, byId<CycleDocument>(cycleId));
    return found ? { record: found.record, revision: found.revision } : undefined;
  }

  async saveCycle(tenantId: TenantId, stored: Stored<DirectoryCycle>): Promise<void> {
    const id = stored.record.cycleId;
    await this.cycles.replaceOne(
      tenantId,
      byId<CycleDocument>(id),
      { _id: id, record: stored.record, revision: stored.revision },
      { upsert: true },
    );
  }

  async objective(
    tenantId: TenantId,
    objectiveId: string,
  ): Promise<Stored<DirectoryObjective> | undefined> {
    const found = await this.objectives.findOne(tenantId, byId<ObjectiveDocument>(objectiveId));
    return found ? { record: found.record, revision: found.revision } : undefined;
  }

  async saveObjective(tenantId: TenantId, stored: Stored<DirectoryObjective>): Promise<void> {
    const { record, revision } = stored;
    await this.objectives.replaceOne(
      tenantId,
      byId<ObjectiveDocument>(record.objectiveId),
      {
        _id: record.objectiveId,
        record,
        revision,
        cycleId: record.cycleId,
        status: record.status,
        keyResultOwnerIds: [
          ...new Set(record.keyResults.filter((kr) => !kr.dropped).map((kr) => kr.ownerId)),
        ],
        ownerKey: ownerKeyOf(record.owner),
        followerGuildIds: [...record.followerGuildIds],
      },
      { upsert: true },
    );
  }

  /** Active objectives of the organisation: what the cadence scheduler sweeps. */
  async activeObjectives(tenantId: TenantId): Promise<DirectoryObjective[]> {
    const found = await this.objectives.find(tenantId, {
      status: 'active',
    });
    return found.map((document) => document.record);
  }

  /** Active objectives with a key result the person owns: what they owe check-ins on. */
  async objectivesWithKeyResultsOf(
    tenantId: TenantId,
    personId: string,
  ): Promise<DirectoryObjective[]> {
    const found = await this.objectives.find(tenantId, {
      keyResultOwnerIds: personId,
      status: 'active',
    });
    return found.map((document) => document.record);
  }

  async objectivesOf(
    tenantId: TenantId,
    objectiveIds: readonly string[],
  ): Promise<DirectoryObjective[]> {
    const found = await Promise.all(objectiveIds.map((id) => this.objective(tenantId, id)));
    return found.flatMap((stored) => (stored ? [stored.record] : []));
  }

  /** Every objective of a cycle, whatever its status: what its close concerns. */
  async objectivesOfCycle(tenantId: TenantId, cycleId: string): Promise<DirectoryObjective[]> {
    const found = await this.objectives.find(tenantId, { cycleId });
    return found.map((document) => document.record);
  }

  /** Active objectives a unit owns or, for a guild, follows: a unit's feed. */
  async activeObjectivesOfUnit(
    tenantId: TenantId,
    unit: Readonly<{ kind: string; id: string }>,
  ): Promise<DirectoryObjective[]> {
    const [owned, followed] = await Promise.all([
      this.objectives.find(tenantId, {
        ownerKey: ownerKeyOf(unit),
        status: 'active',
      }),
      unit.kind === 'guild'
        ? this.objectives.find(tenantId, {
            followerGuildIds: unit.id,
            status: 'active',
          })
        : Promise.resolve([]),
    ]);
    const byId = new Map(
      [...owned, ...followed].map((document) => [document._id, document.record]),
    );
    return [...byId.values()];
  }

  /** Every organisation the directory has objectives of: the scheduler's round. */
  async tenants(): Promise<string[]> {
    const tenants = await this.raw.objectives.distinct('tenantId', { status: 'active' });
    return tenants.map(String).sort();
  }
}
