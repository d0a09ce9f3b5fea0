import type { TenantId } from '@rhythm/projections';
import type { Connection, mongo } from 'mongoose';
import type { Owner, Unit } from '../goals-domain';
import type {
  DirectoryRecord,
  OrgIntegrationEvent,
  PersonRecord,
  UnitRecord,
} from './org-directory.evolve';

/** Collection names in the goals read store. */
export const orgDirectoryCollections = {
  facts: 'org_directory_facts',
  units: 'org_directory_units',
  people: 'org_directory_people',
} as const;

/** An org event as received, kept so that a record can be folded again from its whole stream. */
type FactDocument = Readonly<{
  _id: string;
  tenantId: string;
  subjectKind: Owner['kind'];
  subjectId: string;
  streamRevision: number;
  event: OrgIntegrationEvent;
}>;

/** The fold guard: the last stream revision in the record and how many events it folded. */
type Folded = Readonly<{ tenantId: string; revision: number; folded: number }>;
type UnitDocument = UnitRecord & Folded;
type PersonDocument = PersonRecord & Folded;

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
    ...(name === undefined || name === null ? {} : { name }),
    ...(squadId === undefined || squadId === null ? {} : { squadId }),
    ...(chapterId === undefined || chapterId === null ? {} : { chapterId }),
    ...(chapterTribeId === undefined || chapterTribeId === null ? {} : { chapterTribeId }),
    guildIds: [...guildIds],
  }) satisfies PersonRecord;

/**
 * The org directory's documents in the goals read store. Every method takes the tenant first and
 * every filter carries it. Arrays hold plain strings only (FerretDB v1 cannot match or update
 * inside arrays of documents), and records are replaced whole, never patched by position.
 */
export class OrgDirectoryStore {
  private readonly facts: mongo.Collection<FactDocument>;
  private readonly units: mongo.Collection<UnitDocument>;
  private readonly people: mongo.Collection<PersonDocument>;

  constructor(connection: Connection) {
    this.facts = connection.collection<FactDocument>(orgDirectoryCollections.facts);
    this.units = connection.collection<UnitDocument>(orgDirectoryCollections.units);
    this.people = connection.collection<PersonDocument>(orgDirectoryCollections.people);
  }

  async ensureIndexes(): Promise<void> {
    // Folding a subject's stream again; a second event at one stream revision is refused.
    await this.facts.createIndex(
      { tenantId: 1, subjectKind: 1, subjectId: 1, streamRevision: 1 },
      { unique: true, name: 'subject_stream' },
    );
    // unit(), ownerExists(), saving a record; one record per unit.
    await this.units.createIndex({ tenantId: 1, kind: 1, id: 1 }, { unique: true, name: 'unit' });
    // Squads and chapters of a tribe (its members).
    await this.units.createIndex({ tenantId: 1, tribeId: 1 }, { name: 'tribe' });
    // The units a person leads (actorFor, person).
    await this.units.createIndex({ tenantId: 1, leadIds: 1 }, { name: 'leads' });
    // person(), ownerExists(), saving a record; one record per person.
    await this.people.createIndex({ tenantId: 1, id: 1 }, { unique: true, name: 'person' });
    // Members of a squad, a chapter, a guild, a tribe (through its chapters).
    await this.people.createIndex({ tenantId: 1, squadId: 1 }, { name: 'squad' });
    await this.people.createIndex({ tenantId: 1, chapterId: 1 }, { name: 'chapter' });
    await this.people.createIndex({ tenantId: 1, chapterTribeId: 1 }, { name: 'chapter_tribe' });
    await this.people.createIndex({ tenantId: 1, guildIds: 1 }, { name: 'guilds' });
  }

  /** Keeps the event of a subject's stream; false when it was kept before (a redelivery). */
  async keepFact(tenantId: TenantId, subject: Owner, event: OrgIntegrationEvent): Promise<boolean> {
    try {
      await this.facts.insertOne({
        _id: event.eventId,
        tenantId,
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

  async factsOf(tenantId: TenantId, subject: Owner): Promise<OrgIntegrationEvent[]> {
    const facts = await this.facts
      .find({ tenantId, subjectKind: subject.kind, subjectId: subject.id })
      .toArray();
    return facts.map((fact) => fact.event);
  }

  async recordOf(tenantId: TenantId, subject: Owner): Promise<StoredRecord | undefined> {
    if (subject.kind === 'person') {
      const found = await this.people.findOne({ tenantId, id: subject.id });
      return found
        ? { record: personRecordOf(found), revision: found.revision, folded: found.folded }
        : undefined;
    }
    const found = await this.units.findOne({ tenantId, kind: subject.kind, id: subject.id });
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
    try {
      if (record.kind === 'person') {
        await this.people.replaceOne(
          { tenantId, id: record.id, folded: { $lt: folded } },
          { ...record, tenantId, revision, folded },
          { upsert: true },
        );
      } else {
        await this.units.replaceOne(
          { tenantId, kind: record.kind, id: record.id, folded: { $lt: folded } },
          { ...record, tenantId, revision, folded },
          { upsert: true },
        );
      }
    } catch (error) {
      // The upsert met the unique index: a fold at least as complete is already there.
      if (!isDuplicateKey(error)) throw error;
    }
  }

  async person(tenantId: TenantId, personId: string): Promise<PersonRecord | undefined> {
    const found = await this.people.findOne({ tenantId, id: personId });
    return found ? personRecordOf(found) : undefined;
  }

  async unit(tenantId: TenantId, unit: Unit): Promise<UnitRecord | undefined> {
    const found = await this.units.findOne({ tenantId, kind: unit.kind, id: unit.id });
    return found ? unitRecordOf(found) : undefined;
  }

  /** Units with these ids, of any kind (the caller matches kinds): one query. */
  async unitsAmong(tenantId: TenantId, unitIds: readonly string[]): Promise<UnitRecord[]> {
    if (unitIds.length === 0) return [];
    const found = await this.units.find({ tenantId, id: { $in: [...unitIds] } }).toArray();
    return found.map(unitRecordOf);
  }

  /** People with these ids: one query. */
  async peopleAmong(tenantId: TenantId, personIds: readonly string[]): Promise<PersonRecord[]> {
    if (personIds.length === 0) return [];
    const found = await this.people.find({ tenantId, id: { $in: [...personIds] } }).toArray();
    return found.map(personRecordOf);
  }

  /**
   * The units a person's view needs: their squad, chapter and guilds, and what they lead. Asked
   * as equalities side by side, which FerretDB v1 serves from an index; one `$or` made it read and
   * decode every unit of the tenant on every command (ADR 0023).
   */
  async unitsAround(tenantId: TenantId, person: PersonRecord): Promise<UnitRecord[]> {
    const around: mongo.Filter<UnitDocument>[] = [{ tenantId, leadIds: person.id }];
    if (person.squadId !== undefined) around.push({ tenantId, kind: 'squad', id: person.squadId });
    if (person.chapterId !== undefined) {
      around.push({ tenantId, kind: 'chapter', id: person.chapterId });
    }
    for (const guildId of new Set(person.guildIds)) {
      around.push({ tenantId, kind: 'guild', id: guildId });
    }
    const found = await Promise.all(around.map((filter) => this.units.find(filter).toArray()));
    const units = new Map<string, UnitRecord>();
    for (const unit of found.flat()) units.set(`${unit.kind}:${unit.id}`, unitRecordOf(unit));
    return [...units.values()];
  }

  /** Squads and chapters (active or not) that belong to the tribe now. */
  async unitsOfTribe(tenantId: TenantId, tribeId: string): Promise<UnitRecord[]> {
    const found = await this.units.find({ tenantId, tribeId }).toArray();
    return found.map(unitRecordOf);
  }

  /** People still in the organisation who may belong to the unit (belongsTo decides). */
  async candidateMembers(
    tenantId: TenantId,
    unit: Unit,
    squadsOfTribe: readonly string[] = [],
  ): Promise<PersonRecord[]> {
    const inOrganisation = { tenantId, joined: true, left: false };
    const filter: mongo.Filter<PersonDocument> = (() => {
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
    const found = await this.people.find(filter).toArray();
    return found.map(personRecordOf);
  }

  /** Which of these people have left the organisation. */
  async leftAmong(tenantId: TenantId, personIds: readonly string[]): Promise<Set<string>> {
    if (personIds.length === 0) return new Set();
    const found = await this.people
      .find({ tenantId, id: { $in: [...personIds] }, left: true }, { projection: { id: 1 } })
      .toArray();
    return new Set(found.map((person) => person.id));
  }

  /** The owner is known, formed (joined) and neither dissolved nor gone. */
  async isActive(tenantId: TenantId, owner: Owner): Promise<boolean> {
    const found =
      owner.kind === 'person'
        ? await this.people.findOne(
            { tenantId, id: owner.id, joined: true, left: false },
            { projection: { _id: 1 } },
          )
        : await this.units.findOne(
            { tenantId, kind: owner.kind, id: owner.id, formed: true, dissolved: false },
            { projection: { _id: 1 } },
          );
    return found !== null;
  }
}
