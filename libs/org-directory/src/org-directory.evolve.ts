import {
  erasedPersonalText,
  erasedPersonName,
  orgIntegrationEvents,
  type IntegrationEnvelope,
  type IntegrationEventData,
  type IntegrationEventDefinition,
} from '@rhythm/contracts';
import { assertNever } from '@rhythm/event-sourcing';
import type { OrgSubject, OrgUnitKind } from './org-directory.entries';

type OrgDefinition = (typeof orgIntegrationEvents)[number];

/** An org integration event as the directory applies it: validated, at its latest version. */
export type OrgIntegrationEvent = OrgDefinition extends infer D
  ? D extends IntegrationEventDefinition
    ? IntegrationEnvelope<D['type'], IntegrationEventData<D>>
    : never
  : never;

export const isOrgIntegrationEvent = (
  envelope: IntegrationEnvelope,
): envelope is OrgIntegrationEvent =>
  orgIntegrationEvents.some((definition) => definition.matches(envelope));

/**
 * A unit as its own stream tells it: the organisation (kind company), a tribe, squad, chapter or
 * guild. Nothing here comes from another stream, so the order between streams cannot matter.
 */
export type UnitRecord = Readonly<{
  kind: OrgUnitKind;
  id: string;
  /** False until its formed (or established) event is seen: then it does not exist yet. */
  formed: boolean;
  dissolved: boolean;
  name?: string;
  /** Squads and chapters: their tribe (a squad's changes when it moves). */
  tribeId?: string;
  /** Tribe lead, product owner, chapter lead, or the guild's coordinators. */
  leadIds: readonly string[];
}>;

/** A person as their own stream tells it: whether the units they joined still exist is read later. */
export type PersonRecord = Readonly<{
  kind: 'person';
  id: string;
  joined: boolean;
  left: boolean;
  /** Their personal data was erased (org.person-erased): their name is the placeholder for good. */
  erased?: boolean;
  name?: string;
  squadId?: string;
  chapterId?: string;
  /** The chapter's tribe as the joined-chapter event gave it, until the chapter itself is seen. */
  chapterTribeId?: string;
  guildIds: readonly string[];
}>;

export type DirectoryRecord = UnitRecord | PersonRecord;

/** The unit or person whose stream an org event belongs to. */
export const subjectOf = (event: OrgIntegrationEvent): OrgSubject => {
  switch (event.type) {
    case 'org.organisation-established':
    case 'org.organisation-renamed':
      return { kind: 'company', id: event.data.organisationId };
    case 'org.person-joined':
    case 'org.person-profile-updated':
    case 'org.person-left':
    case 'org.person-erased':
    case 'org.person-joined-squad':
    case 'org.person-left-squad':
    case 'org.person-joined-chapter':
    case 'org.person-left-chapter':
    case 'org.person-joined-guild':
    case 'org.person-left-guild':
      return { kind: 'person', id: event.data.personId };
    case 'org.tribe-formed':
    case 'org.tribe-renamed':
    case 'org.tribe-lead-appointed':
    case 'org.tribe-dissolved':
      return { kind: 'tribe', id: event.data.tribeId };
    case 'org.squad-formed':
    case 'org.squad-renamed':
    case 'org.product-owner-appointed':
    case 'org.squad-moved':
    case 'org.squad-dissolved':
      return { kind: 'squad', id: event.data.squadId };
    case 'org.chapter-formed':
    case 'org.chapter-renamed':
    case 'org.chapter-lead-appointed':
    case 'org.chapter-dissolved':
      return { kind: 'chapter', id: event.data.chapterId };
    case 'org.guild-formed':
    case 'org.guild-renamed':
    case 'org.guild-coordinator-added':
    case 'org.guild-coordinator-removed':
    case 'org.guild-dissolved':
      return { kind: 'guild', id: event.data.guildId };
    default:
      return assertNever(event);
  }
};

/** What the directory knows of a subject before any of its events. */
export const initialRecord = (subject: OrgSubject): DirectoryRecord =>
  subject.kind === 'person'
    ? { kind: 'person', id: subject.id, joined: false, left: false, guildIds: [] }
    : { kind: subject.kind, id: subject.id, formed: false, dissolved: false, leadIds: [] };

const onUnit = (record: DirectoryRecord, change: (unit: UnitRecord) => UnitRecord) =>
  record.kind === 'person' ? record : change(record);

const onPerson = (record: DirectoryRecord, change: (person: PersonRecord) => PersonRecord) =>
  record.kind === 'person' ? change(record) : record;

const withAdded = (ids: readonly string[], id: string) => (ids.includes(id) ? ids : [...ids, id]);
const without = (ids: readonly string[], id: string) => ids.filter((each) => each !== id);

/** An erased person keeps the placeholder, whatever late event still names them. */
const renamed = (person: PersonRecord, name: string) => (person.erased ? person.name : name);

const withoutChapter = ({ chapterId: _c, chapterTribeId: _t, ...person }: PersonRecord) => person;

/** One event of the record's own stream. Events of another subject leave it as it is. */
export const evolve = (record: DirectoryRecord, event: OrgIntegrationEvent): DirectoryRecord => {
  switch (event.type) {
    case 'org.organisation-established':
    case 'org.tribe-formed':
    case 'org.guild-formed':
      return onUnit(record, (unit) => ({ ...unit, formed: true, name: event.data.name }));
    case 'org.squad-formed':
    case 'org.chapter-formed':
      return onUnit(record, (unit) => ({
        ...unit,
        formed: true,
        name: event.data.name,
        tribeId: event.data.tribeId,
      }));
    case 'org.organisation-renamed':
    case 'org.tribe-renamed':
    case 'org.squad-renamed':
    case 'org.chapter-renamed':
    case 'org.guild-renamed':
      return onUnit(record, (unit) => ({ ...unit, name: event.data.name }));
    case 'org.tribe-lead-appointed':
    case 'org.product-owner-appointed':
    case 'org.chapter-lead-appointed':
      // One lead at a time: the appointment replaces whoever led before.
      return onUnit(record, (unit) => ({ ...unit, leadIds: [event.data.personId] }));
    case 'org.guild-coordinator-added':
      return onUnit(record, (unit) => ({
        ...unit,
        leadIds: withAdded(unit.leadIds, event.data.personId),
      }));
    case 'org.guild-coordinator-removed':
      return onUnit(record, (unit) => ({
        ...unit,
        leadIds: without(unit.leadIds, event.data.personId),
      }));
    case 'org.squad-moved':
      return onUnit(record, (unit) => ({ ...unit, tribeId: event.data.toTribeId }));
    case 'org.tribe-dissolved':
    case 'org.squad-dissolved':
    case 'org.chapter-dissolved':
    case 'org.guild-dissolved':
      // Memberships and lead roles end with the unit; no per-person event follows.
      return onUnit(record, (unit) => ({ ...unit, dissolved: true, leadIds: [] }));
    case 'org.person-joined':
      return onPerson(record, (person) => ({
        ...person,
        joined: true,
        name: renamed(person, event.data.name),
      }));
    case 'org.person-profile-updated':
      return onPerson(record, (person) => ({ ...person, name: renamed(person, event.data.name) }));
    case 'org.person-left':
      // Their memberships ended in the events just before; this makes sure nothing lingers.
      return onPerson(record, ({ squadId: _s, ...person }) => ({
        ...withoutChapter(person),
        left: true,
        guildIds: [],
      }));
    case 'org.person-erased':
      // Gone for good: whatever came before, they are nameless and in no unit.
      return onPerson(record, ({ squadId: _s, ...person }) => ({
        ...withoutChapter(person),
        left: true,
        erased: true,
        name: erasedPersonName,
        guildIds: [],
      }));
    case 'org.person-joined-squad':
      return onPerson(record, (person) => ({ ...person, squadId: event.data.squadId }));
    case 'org.person-left-squad':
      // A stale leave (they moved on already) keeps the squad they are in now.
      return onPerson(record, ({ squadId, ...person }) =>
        squadId === undefined || squadId === event.data.squadId ? person : { ...person, squadId },
      );
    case 'org.person-joined-chapter':
      return onPerson(record, (person) => ({
        ...person,
        chapterId: event.data.chapterId,
        chapterTribeId: event.data.tribeId,
      }));
    case 'org.person-left-chapter':
      return onPerson(record, (person) =>
        person.chapterId === event.data.chapterId ? withoutChapter(person) : person,
      );
    case 'org.person-joined-guild':
      return onPerson(record, (person) => ({
        ...person,
        guildIds: withAdded(person.guildIds, event.data.guildId),
      }));
    case 'org.person-left-guild':
      return onPerson(record, (person) => ({
        ...person,
        guildIds: without(person.guildIds, event.data.guildId),
      }));
    default:
      return assertNever(event);
  }
};

/**
 * An event of an erased person's stream as the directory may keep it: their name, their reason for
 * leaving and the reason the change was recorded for give way to the contract's placeholders.
 */
export const withoutPersonalData = (event: OrgIntegrationEvent): OrgIntegrationEvent => {
  const { reason: _reason, ...kept } = event;
  switch (kept.type) {
    case 'org.person-joined':
    case 'org.person-profile-updated':
      return { ...kept, data: { ...kept.data, name: erasedPersonName } };
    case 'org.person-left':
      return { ...kept, data: { ...kept.data, reason: erasedPersonalText } };
    default:
      return kept;
  }
};

/** Whether an event belongs to a person whose data was erased, by the record of their stream. */
export const isErased = (record: DirectoryRecord | undefined): boolean =>
  record?.kind === 'person' && record.erased === true;

/**
 * A subject's record from the events of its stream, in stream order whatever order they arrived
 * in: a late event (a dead letter replayed, say) is folded where it belongs.
 */
export const foldStream = (
  subject: OrgSubject,
  events: readonly OrgIntegrationEvent[],
): DirectoryRecord =>
  [...events]
    .sort((a, b) => a.streamRevision - b.streamRevision)
    .reduce(evolve, initialRecord(subject));
