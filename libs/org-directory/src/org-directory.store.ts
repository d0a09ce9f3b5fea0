import {
  TenantScopedCollection,
  type TenantFilter,
  type TenantId,
  type WithoutTenant,
} from '@rhythm/projections';
import type { Connection, mongo } from 'mongoose';
import type {
  DirectoryRecord,
  OrgIntegrationEvent,
  PersonRecord,
  UnitRecord,
} from './org-directory.evolve';
import type { OrgSubject, OrgUnit } from './org-directory.entries';

/** Collection names in the service's read store (each service has a database of its own). */
export const orgDirectoryCollections = {
  facts: 'org_directory_facts',
  units: 'org_directory_units',
  people: 'org_directory_people',
  /** One per tenant: how many events the directory applied, for in-process copies (ADR 0044). */
  marks: 'org_directory_marks',
} as const;

/** An org event as received, kept so that a record can be folded again from its whole stream. */
type FactDocument = Readonly<{
  _id: string;
  tenantId: string;
  subjectKind: OrgSubject['kind'];
  subjectId: string;
  streamRevision: number;
  event: OrgIntegrationEvent;
}>;

/** The fold guard: the last stream revision in the record and how many events it folded. */
type Folded = Readonly<{ tenantId: string; revision: number; folded: number }>;
type UnitDocument = UnitRecord & Folded;
type PersonDocument = PersonRecord & Folded;
type MarkDocument = Readonly<{ tenantId: string; changes: number }>;

/** Above this many equalities, the units around people are read in one query of the tenant. */
export const unitEqualitiesUpTo = 32;

export type StoredRecord = Readonly<{
  record: DirectoryRecord;
  revision: number;
  folded: number;
}>;

const isDuplicateKey = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 11000;

/** Plain data back from a stored document (guard fields and _id dropped). */
const unitRecordOf = ({ kind, id, formed, dissolved, name, tribeId, leadIds }: UnitDocument) =>
  ({
    kind,
    id,
    formed,
    dissolved,
    ...(name === undefined || name === null ? {} : { name }),
    ...(tribeId === undefined || tribeId === null ? {} : { tribeId }),
    leadIds: [...leadIds],
  }) satisfies UnitRecord;

const personRecordOf = ({
  id,
  joined,
  left,
  erased,
  name,
  squadId,
  chapterId,
  chapterTribeId,
  guildIds,
}: PersonDocument) =>
  ({
    kind: 'person',
    id,
    joined,
    left,
    ...(erased === true ? { erased } : {}),
    ...(name === undefined || name === null ? {} : { name }),
    ...(squadId === undefined || squadId === null ? {} : { squadId }),
    ...(chapterId === undefined || chapterId === null ? {} : { chapterId }),
    ...(chapterTribeId === undefined || chapterTribeId === null ? {} : { chapterTribeId }),
    guildIds: [...guildIds],
  }) satisfies PersonRecord;

/**
 * The org directory's documents in the service's read store, each collection seen through one tenant
 * at a time (`TenantScopedCollection`): every method takes the tenant first, and no query can
 * leave it out. Arrays hold plain strings only (FerretDB v1 cannot match or update inside arrays
 * of documents), and records are replaced whole, never patched by position.
 *
 * Keys: a fact is stored under its tenant and event id (ADR 0025), so two organisations' events
 * never meet on `_id`. Facts stored before that keep their bare event id; they are read the same
 * way (by tenant and subject), and a redelivery of one is refused by the unique `subject_stream`
 * index, so no migration is needed. Units and people keep generated ids; their unique indexes
 * start with the tenant.
 */
export class OrgDirectoryStore {
  private readonly collections: Readonly<{
    facts: mongo.Collection;
    units: mongo.Collection;
    people: mongo.Collection;
    marks: mongo.Collection;
  }>;
  private readonly facts: TenantScopedCollection<FactDocument>;
  private readonly units: TenantScopedCollection<UnitDocument>;
  private readonly people: TenantScopedCollection<PersonDocument>;
  private readonly marks: TenantScopedCollection<MarkDocument>;

  constructor(connection: Connection) {
    this.collections = {
      facts: connection.collection(orgDirectoryCollections.facts),
      units: connection.collection(orgDirectoryCollections.units),
      people: connection.collection(orgDirectoryCollections.people),
      marks: connection.collection(orgDirectoryCollections.marks),
    };
    this.facts = new TenantScopedCollection(this.collections.facts);
    this.units = new TenantScopedCollection(this.collections.units);
    this.people = new TenantScopedCollection(this.collections.people);
    this.marks = new TenantScopedCollection(this.collections.marks);
  }

  async ensureIndexes(): Promise<void> {
    const { facts, units, people, marks } = this.collections;
    // Folding a subject's stream again; a second event at one stream revision is refused.
    await facts.createIndex(
      { tenantId: 1, subjectKind: 1, subjectId: 1, streamRevision: 1 },
      { unique: true, name: 'subject_stream' },
    );
    // unit(), ownerExists(), saving a record; one record per unit.
    await units.createIndex({ tenantId: 1, kind: 1, id: 1 }, { unique: true, name: 'unit' });
    // Squads and chapters of a tribe (its members).
    await units.createIndex({ tenantId: 1, tribeId: 1 }, { name: 'tribe' });
    // The units a person leads (person, people).
    await units.createIndex({ tenantId: 1, leadIds: 1 }, { name: 'leads' });
    // person(), ownerExists(), saving a record; one record per person.
    await people.createIndex({ tenantId: 1, id: 1 }, { unique: true, name: 'person' });
    // Members of a squad, a chapter, a guild, a tribe (through its chapters).
    await people.createIndex({ tenantId: 1, squadId: 1 }, { name: 'squad' });
    await people.createIndex({ tenantId: 1, chapterId: 1 }, { name: 'chapter' });
    await people.createIndex({ tenantId: 1, chapterTribeId: 1 }, { name: 'chapter_tribe' });
    await people.createIndex({ tenantId: 1, guildIds: 1 }, { name: 'guilds' });
    // markOf(): one per tenant, read by every replica's in-process directory.
    await marks.createIndex({ tenantId: 1 }, { unique: true, name: 'tenant' });
  }

  /**
   * Counts one more change of the tenant's directory, after its record is saved: a replica that
   * reads another count than the one it loaded with knows its copy is stale.
   */
  async bumpMark(tenantId: TenantId): Promise<void> {
    try {
      await this.collections.marks.updateOne(
        { tenantId },
        { $inc: { changes: 1 } },
        { upsert: true },
      );
    } catch (error) {
      // Two first changes of a tenant at once: one upsert inserted, the other counts again.
      if (!isDuplicateKey(error)) throw error;
      await this.collections.marks.updateOne({ tenantId }, { $inc: { changes: 1 } });
    }
  }

  /** How many changes the tenant's directory counted; 0 before the first. One indexed read. */
  async markOf(tenantId: TenantId): Promise<number> {
    const found = await this.marks.findOne(tenantId, {}, { projection: { changes: 1 } });
    return found?.changes ?? 0;
  }

  /** Every unit record of the tenant (an in-process copy loads them at once). */
  async allUnits(tenantId: TenantId): Promise<UnitRecord[]> {
    return (await this.units.find(tenantId)).map(unitRecordOf);
  }

  /** Every person record of the tenant. */
  async allPeople(tenantId: TenantId): Promise<PersonRecord[]> {
    return (await this.people.find(tenantId)).map(personRecordOf);
  }

  /** Keeps the event of a subject's stream; false when it was kept before (a redelivery). */
  async keepFact(
    tenantId: TenantId,
    subject: OrgSubject,
    event: OrgIntegrationEvent,
  ): Promise<boolean> {
    try {
      await this.facts.insertOne(tenantId, {
        _id: event.eventId,
        subjectKind: subject.kind,
        subjectId: subject.id,
        streamRevision: event.streamRevision,
        event,
      });
      return true;
    } catch (error) {
      if (isDuplicateKey(error)) return false;
      throw error;
    }
  }

  async factsOf(tenantId: TenantId, subject: OrgSubject): Promise<OrgIntegrationEvent[]> {
    const facts = await this.facts.find(tenantId, {
      subjectKind: subject.kind,
      subjectId: subject.id,
    });
    return facts.map((fact) => fact.event);
  }

  /**
   * Replaces each kept event of a subject's stream by what `change` makes of it (an erasure
   * scrubs them). Matched by stream revision, which also finds facts kept under a bare event id.
   */
  async rewriteFacts(
    tenantId: TenantId,
    subject: OrgSubject,
    change: (event: OrgIntegrationEvent) => OrgIntegrationEvent,
  ): Promise<void> {
    const filter = { subjectKind: subject.kind, subjectId: subject.id };
    for (const fact of await this.facts.find(tenantId, filter)) {
      // Without _id: the replaced document keeps its own, whichever key form it was stored with.
      const replacement: Omit<FactDocument, '_id' | 'tenantId'> = {
        subjectKind: fact.subjectKind,
        subjectId: fact.subjectId,
        streamRevision: fact.streamRevision,
        event: change(fact.event),
      };
      await this.facts.replaceOne(
        tenantId,
        { ...filter, streamRevision: fact.streamRevision },
        replacement as WithoutTenant<FactDocument>,
      );
    }
  }

  async recordOf(tenantId: TenantId, subject: OrgSubject): Promise<StoredRecord | undefined> {
    if (subject.kind === 'person') {
      const found = await this.people.findOne(tenantId, { id: subject.id });
      return found
        ? { record: personRecordOf(found), revision: found.revision, folded: found.folded }
        : undefined;
    }
    const found = await this.units.findOne(tenantId, { kind: subject.kind, id: subject.id });
    return found
      ? { record: unitRecordOf(found), revision: found.revision, folded: found.folded }
      : undefined;
  }

  /**
   * Replaces the record unless one that folded as many events or more is stored: two consumers
   * on one stream for a moment (a rebalance) cannot put an older fold back.
   */
  async save(tenantId: TenantId, stored: StoredRecord): Promise<void> {
    const { record, revision, folded } = stored;
    const older = { folded: { $lt: folded } };
    try {
      if (record.kind === 'person') {
        await this.people.replaceOne(
          tenantId,
          { id: record.id, ...older },
          { ...record, revision, folded },
          { upsert: true },
        );
      } else {
        await this.units.replaceOne(
          tenantId,
          { kind: record.kind, id: record.id, ...older },
          { ...record, revision, folded },
          { upsert: true },
        );
      }
    } catch (error) {
      // The upsert met the unique index: a fold at least as complete is already there.
      if (!isDuplicateKey(error)) throw error;
    }
  }

  async person(tenantId: TenantId, personId: string): Promise<PersonRecord | undefined> {
    const found = await this.people.findOne(tenantId, { id: personId });
    return found ? personRecordOf(found) : undefined;
  }

  async unit(tenantId: TenantId, unit: OrgUnit): Promise<UnitRecord | undefined> {
    const found = await this.units.findOne(tenantId, { kind: unit.kind, id: unit.id });
    return found ? unitRecordOf(found) : undefined;
  }

  /** Units with these ids, of any kind (the caller matches kinds): an equality each. */
  async unitsAmong(tenantId: TenantId, unitIds: readonly string[]): Promise<UnitRecord[]> {
    if (unitIds.length === 0) return [];
    const found = await this.units.findWhereIn(tenantId, 'id', unitIds);
    return found.map(unitRecordOf);
  }

  /** People with these ids: an equality each (FerretDB pushes no `$in` down). */
  async peopleAmong(tenantId: TenantId, personIds: readonly string[]): Promise<PersonRecord[]> {
    if (personIds.length === 0) return [];
    const found = await this.people.findWhereIn(tenantId, 'id', personIds);
    return found.map(personRecordOf);
  }

  /**
   * The units the views of these people need: their squads, chapters and guilds, and what they
   * lead. Asked as equalities side by side, which FerretDB v1 serves from an index; one `$or` made
   * it read and decode every unit of the tenant on every command (ADR 0023). Beyond
   * `unitEqualitiesUpTo` equalities (many people at once), one query reads the tenant's units.
   */
  async unitsAround(tenantId: TenantId, people: readonly PersonRecord[]): Promise<UnitRecord[]> {
    const around = new Map<string, TenantFilter<UnitDocument>>();
    const ask = (filter: TenantFilter<UnitDocument>) => around.set(JSON.stringify(filter), filter);
    for (const person of people) {
      ask({ leadIds: person.id });
      if (person.squadId !== undefined) ask({ kind: 'squad', id: person.squadId });
      if (person.chapterId !== undefined) ask({ kind: 'chapter', id: person.chapterId });
      for (const guildId of person.guildIds) ask({ kind: 'guild', id: guildId });
    }
    if (around.size === 0) return [];
    const filters = around.size <= unitEqualitiesUpTo ? [...around.values()] : [{}];
    const found = await Promise.all(filters.map((filter) => this.units.find(tenantId, filter)));
    const units = new Map<string, UnitRecord>();
    for (const unit of found.flat()) units.set(`${unit.kind}:${unit.id}`, unitRecordOf(unit));
    return [...units.values()];
  }

  /** Squads and chapters (active or not) that belong to the tribe now. */
  async unitsOfTribe(tenantId: TenantId, tribeId: string): Promise<UnitRecord[]> {
    const found = await this.units.find(tenantId, { tribeId });
    return found.map(unitRecordOf);
  }

  /** People still in the organisation who may belong to the unit (belongsTo decides). */
  async candidateMembers(
    tenantId: TenantId,
    unit: OrgUnit,
    squadsOfTribe: readonly string[] = [],
  ): Promise<PersonRecord[]> {
    const inOrganisation = { joined: true, left: false };
    const filter: TenantFilter<PersonDocument> = (() => {
      switch (unit.kind) {
        case 'company':
          return inOrganisation;
        case 'tribe':
          return {
            ...inOrganisation,
            $or: [{ squadId: { $in: [...squadsOfTribe] } }, { chapterTribeId: unit.id }],
          };
        case 'squad':
          return { ...inOrganisation, squadId: unit.id };
        case 'chapter':
          return { ...inOrganisation, chapterId: unit.id };
        case 'guild':
          return { ...inOrganisation, guildIds: unit.id };
      }
    })();
    const found = await this.people.find(tenantId, filter);
    return found.map(personRecordOf);
  }

  /** Which of these people have left the organisation. */
  async leftAmong(tenantId: TenantId, personIds: readonly string[]): Promise<Set<string>> {
    if (personIds.length === 0) return new Set();
    const found = await this.people.findWhereIn(
      tenantId,
      'id',
      personIds,
      { left: true },
      { projection: { id: 1 } },
    );
    return new Set(found.map((person) => person.id));
  }

  /** The owner is known, formed (joined) and neither dissolved nor gone. */
  async isActive(tenantId: TenantId, owner: OrgSubject): Promise<boolean> {
    const only = { projection: { _id: 1 } } as const;
    const found =
      owner.kind === 'person'
        ? await this.people.findOne(tenantId, { id: owner.id, joined: true, left: false }, only)
        : await this.units.findOne(
            tenantId,
            { kind: owner.kind, id: owner.id, formed: true, dissolved: false },
            only,
          );
    return found !== null;
  }
}
