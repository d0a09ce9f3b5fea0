import { assertNever, type RecordedEvent } from '@rhythm/event-sourcing';
import { erasedPersonName } from '@rhythm/contracts';
import { defineProjection, type ProjectionContext } from '@rhythm/projections';
import { orgStreamPrefixes, type OrgEvent } from '../org-domain';
import { orgStructureEventTypes, type OrgUnitKind } from './org-structure.projection';

/**
 * What an interval of the timeline says about a subject (a unit, a person or the organisation):
 * - existence: it exists (value: what does not change — purpose, a chapter's tribe);
 * - name: its name;
 * - tribe: a squad's tribe (from SquadMoved's effectiveAt, not from when the move was recorded);
 * - lead: the tribe lead, product owner or chapter lead (value: person id);
 * - coordinator: one of a guild's coordinators (value: person id; several open at once).
 */
export type TimelineAttribute = 'existence' | 'name' | 'tribe' | 'lead' | 'coordinator';

export type TimelineInterval = {
  _id: string;
  tenantId: string;
  subjectId: string;
  kind: OrgUnitKind | 'person';
  attribute: TimelineAttribute;
  value: unknown;
  validFrom: Date;
  /** Exclusive; null while still valid. */
  validTo: Date | null;
};

export type MembershipKind = 'squad' | 'chapter' | 'guild';

export type MembershipInterval = {
  _id: string;
  tenantId: string;
  personId: string;
  unitId: string;
  kind: MembershipKind;
  validFrom: Date;
  validTo: Date | null;
  /** Why it ended: a person event's cause, or 'unit-dissolved'. */
  endedBy: string | null;
};

type Collections = 'org_timeline' | 'org_membership_intervals';

/**
 * The organisation over time as validity intervals, queried by date ("as it stood on ..."):
 * every change closes the interval it ends and opens the next, so a point in time is a range
 * query, not a replay. Writes come from many streams of one ordered feed: 'position' guards; a
 * close that already happened matches nothing on replay.
 */
export const orgHistoryProjection = defineProjection({
  name: 'org_history',
  // 2: documents keyed by tenant and id (ADR 0025). 3: no e-mail in a person's existence, and an
  // erased person's names give way to the placeholder (ADR 0034).
  version: 3,
  handles: orgStructureEventTypes,
  streamPrefixes: orgStreamPrefixes,
  collections: [
    {
      name: 'org_timeline',
      guard: 'position',
      indexes: [
        // OrgHistoryRepository.snapshotAt: intervals valid at a date.
        { keys: { tenantId: 1, validFrom: 1 }, serves: 'the org as of a date' },
        // Closing a subject's open interval of one attribute.
        { keys: { tenantId: 1, subjectId: 1, validTo: 1 }, serves: 'open intervals of a subject' },
      ],
    },
    {
      name: 'org_membership_intervals',
      guard: 'position',
      indexes: [
        { keys: { tenantId: 1, validFrom: 1 }, serves: 'memberships as of a date' },
        // OrgHistoryRepository.membershipsOf, and closing a person's membership.
        {
          keys: { tenantId: 1, personId: 1, validFrom: 1 },
          serves: "a person's membership history",
        },
        // Dissolution ends every open membership of the unit.
        { keys: { tenantId: 1, unitId: 1, validTo: 1 }, serves: 'open memberships of a unit' },
      ],
    },
  ],
  apply: (event: RecordedEvent<OrgEvent>, context) => {
    const timeline = new TimelineWriter(context, event);
    const memberships = new MembershipWriter(context, event);
    const at = timeline.at;
    switch (event.type) {
      case 'OrganisationEstablished': {
        const id = event.data.organisationId;
        timeline.open(id, 'organisation', 'existence', {}, at);
        return timeline.open(id, 'organisation', 'name', event.data.name, at);
      }
      case 'OrganisationRenamed':
        return timeline.change(event.data.organisationId, 'organisation', 'name', event.data.name);
      case 'PersonJoinedOrganisation': {
        const id = event.data.personId;
        // No e-mail: the history answers who was where, and nobody reads an address from it.
        timeline.open(id, 'person', 'existence', {}, at);
        return timeline.open(id, 'person', 'name', event.data.name, at);
      }
      case 'PersonProfileUpdated':
        return timeline.change(event.data.personId, 'person', 'name', event.data.name);
      case 'PersonLeftOrganisation':
        // Their memberships ended in the events just before this one.
        return timeline.end(event.data.personId);
      case 'PersonErased':
        // Every name they ever had, in every interval, gives way to the placeholder.
        return timeline.rewrite(event.data.personId, 'name', erasedPersonName);
      case 'PersonJoinedSquad':
        return memberships.open(event.data.personId, event.data.squadId, 'squad');
      case 'PersonMovedToSquad':
        memberships.close(event.data.personId, event.data.fromSquadId, 'moved');
        return memberships.open(event.data.personId, event.data.toSquadId, 'squad');
      case 'PersonLeftSquad':
        return memberships.close(event.data.personId, event.data.squadId, event.data.cause);
      case 'PersonJoinedChapter':
        return memberships.open(event.data.personId, event.data.chapterId, 'chapter');
      case 'PersonLeftChapter':
        return memberships.close(event.data.personId, event.data.chapterId, event.data.cause);
      case 'PersonJoinedGuild':
        return memberships.open(event.data.personId, event.data.guildId, 'guild');
      case 'PersonLeftGuild':
        return memberships.close(event.data.personId, event.data.guildId, event.data.cause);
      case 'TribeFormed': {
        const id = event.data.tribeId;
        timeline.open(id, 'tribe', 'existence', { purpose: event.data.mission }, at);
        return timeline.open(id, 'tribe', 'name', event.data.name, at);
      }
      case 'TribeRenamed':
        return timeline.change(event.data.tribeId, 'tribe', 'name', event.data.name);
      case 'TribeLeadAppointed':
        return timeline.change(event.data.tribeId, 'tribe', 'lead', event.data.personId);
      case 'TribeDissolved':
        return timeline.end(event.data.tribeId);
      case 'SquadFormed': {
        const id = event.data.squadId;
        const formedAt = new Date(event.data.formedAt);
        timeline.open(id, 'squad', 'existence', { purpose: event.data.mission }, formedAt);
        timeline.open(id, 'squad', 'name', event.data.name, formedAt);
        return timeline.open(id, 'squad', 'tribe', event.data.tribeId, formedAt);
      }
      case 'SquadRenamed':
        return timeline.change(event.data.squadId, 'squad', 'name', event.data.name);
      case 'ProductOwnerAppointed':
        return timeline.change(event.data.squadId, 'squad', 'lead', event.data.personId);
      case 'SquadMoved':
        // From the effective time, which may lie before the move was recorded.
        return timeline.change(
          event.data.squadId,
          'squad',
          'tribe',
          event.data.toTribeId,
          new Date(event.data.effectiveAt),
        );
      case 'SquadDissolved':
        timeline.end(event.data.squadId);
        return memberships.endAllOf(event.data.squadId);
      case 'ChapterFormed': {
        const id = event.data.chapterId;
        const value = { purpose: event.data.craft, tribeId: event.data.tribeId };
        timeline.open(id, 'chapter', 'existence', value, at);
        return timeline.open(id, 'chapter', 'name', event.data.name, at);
      }
      case 'ChapterRenamed':
        return timeline.change(event.data.chapterId, 'chapter', 'name', event.data.name);
      case 'ChapterLeadAppointed':
        return timeline.change(event.data.chapterId, 'chapter', 'lead', event.data.personId);
      case 'ChapterDissolved':
        timeline.end(event.data.chapterId);
        return memberships.endAllOf(event.data.chapterId);
      case 'GuildFormed': {
        const id = event.data.guildId;
        timeline.open(id, 'guild', 'existence', { purpose: event.data.interest }, at);
        return timeline.open(id, 'guild', 'name', event.data.name, at);
      }
      case 'GuildRenamed':
        return timeline.change(event.data.guildId, 'guild', 'name', event.data.name);
      case 'GuildCoordinatorAdded':
        return timeline.open(
          event.data.guildId,
          'guild',
          'coordinator',
          event.data.personId,
          at,
          event.data.personId,
        );
      case 'GuildCoordinatorRemoved':
        return timeline.close(event.data.guildId, 'coordinator', at, event.data.personId);
      case 'GuildDissolved':
        timeline.end(event.data.guildId);
        return memberships.endAllOf(event.data.guildId);
      default:
        return assertNever(event);
    }
  },
});

/** Interval ids derive from the event's position: a replay addresses the same document. */
class TimelineWriter {
  readonly at: Date;

  constructor(
    private readonly context: ProjectionContext<Collections>,
    private readonly event: RecordedEvent,
  ) {
    this.at = new Date(event.metadata.occurredAt);
  }

  open(
    subjectId: string,
    kind: TimelineInterval['kind'],
    attribute: TimelineAttribute,
    value: unknown,
    from: Date,
    discriminator = '',
  ): void {
    const id = `${subjectId}:${attribute}:${this.event.globalPosition}${discriminator && `:${discriminator}`}`;
    this.context.upsert('org_timeline', id, {
      $set: { subjectId, kind, attribute, value, validFrom: from, validTo: null },
    });
  }

  close(subjectId: string, attribute: TimelineAttribute, at: Date, value?: unknown): void {
    this.context.updateMany(
      'org_timeline',
      { subjectId, attribute, validTo: null, ...(value === undefined ? {} : { value }) },
      { $set: { validTo: at } },
    );
  }

  /** Ends the current value of an attribute and starts the next, at `from` (default: now). */
  change(
    subjectId: string,
    kind: TimelineInterval['kind'],
    attribute: TimelineAttribute,
    value: unknown,
    from: Date = this.at,
  ): void {
    this.close(subjectId, attribute, from);
    this.open(subjectId, kind, attribute, value, from);
  }

  /** Every interval of the subject's attribute says `value` from now on, whenever it was valid. */
  rewrite(subjectId: string, attribute: TimelineAttribute, value: unknown): void {
    this.context.updateMany('org_timeline', { subjectId, attribute }, { $set: { value } });
  }

  /** The subject stops existing: every interval still open about it ends. */
  end(subjectId: string): void {
    this.context.updateMany(
      'org_timeline',
      { subjectId, validTo: null },
      { $set: { validTo: this.at } },
    );
  }
}

class MembershipWriter {
  private readonly at: Date;

  constructor(
    private readonly context: ProjectionContext<Collections>,
    private readonly event: RecordedEvent,
  ) {
    this.at = new Date(event.metadata.occurredAt);
  }

  open(personId: string, unitId: string, kind: MembershipKind): void {
    this.context.upsert(
      'org_membership_intervals',
      `${personId}:${unitId}:${this.event.globalPosition}`,
      { $set: { personId, unitId, kind, validFrom: this.at, validTo: null, endedBy: null } },
    );
  }

  close(personId: string, unitId: string, endedBy: string): void {
    this.context.updateMany(
      'org_membership_intervals',
      { personId, unitId, validTo: null },
      { $set: { validTo: this.at, endedBy } },
    );
  }

  /** A unit's dissolution ends every membership of it (ADR 0010). */
  endAllOf(unitId: string): void {
    this.context.updateMany(
      'org_membership_intervals',
      { unitId, validTo: null },
      { $set: { validTo: this.at, endedBy: 'unit-dissolved' } },
    );
  }
}
