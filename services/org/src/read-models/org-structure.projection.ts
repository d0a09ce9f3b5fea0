import { assertNever, type RecordedEvent } from '@rhythm/event-sourcing';
import { erasedPersonName } from '@rhythm/contracts';
import { defineProjection } from '@rhythm/projections';
import { orgStreamPrefixes, type OrgEvent } from '../org-domain';

export type OrgUnitKind = 'organisation' | 'tribe' | 'squad' | 'chapter' | 'guild';

/** The current state of one unit (or of the organisation itself, under the tenant id). */
export type OrgUnitDocument = {
  _id: string;
  tenantId: string;
  kind: OrgUnitKind;
  name: string;
  status: 'active' | 'dissolved';
  /** Tribe mission, squad mission, chapter craft or guild interest. */
  purpose?: string;
  /** A squad's current tribe, a chapter's tribe. */
  tribeId?: string | null;
  /** Tribe lead, product owner or chapter lead. */
  leadId?: string | null;
  /** Guild coordinators, keyed by person id (a map: FerretDB v1 cannot $pull by match). */
  coordinators?: Record<string, true>;
  formedAt: Date;
  dissolvedAt?: Date;
};

export type OrgPersonDocument = {
  _id: string;
  tenantId: string;
  name: string;
  /** Empty once the person is erased. */
  email: string;
  status: 'in-organisation' | 'left';
  squadId: string | null;
  chapterId: string | null;
  /** Guild ids, keyed: guild memberships are a set. */
  guilds: Record<string, true>;
  joinedAt: Date;
  leftAt?: Date;
};

export const orgStructureEventTypes = [
  'OrganisationEstablished',
  'OrganisationRenamed',
  'PersonJoinedOrganisation',
  'PersonProfileUpdated',
  'PersonLeftOrganisation',
  'PersonErased',
  'PersonJoinedSquad',
  'PersonMovedToSquad',
  'PersonLeftSquad',
  'PersonJoinedChapter',
  'PersonLeftChapter',
  'PersonJoinedGuild',
  'PersonLeftGuild',
  'TribeFormed',
  'TribeRenamed',
  'TribeLeadAppointed',
  'TribeDissolved',
  'SquadFormed',
  'SquadRenamed',
  'ProductOwnerAppointed',
  'SquadMoved',
  'SquadDissolved',
  'ChapterFormed',
  'ChapterRenamed',
  'ChapterLeadAppointed',
  'ChapterDissolved',
  'GuildFormed',
  'GuildRenamed',
  'GuildCoordinatorAdded',
  'GuildCoordinatorRemoved',
  'GuildDissolved',
] as const satisfies readonly OrgEvent['type'][];

/**
 * The organisation as it is now: one document per unit, one per person with their current
 * memberships. Serves the org tree, profiles and the tribe-dissolution count. Both collections
 * are written by events of many streams from this context's one ordered feed: 'position' guards.
 */
export const orgStructureProjection = defineProjection({
  name: 'org_structure',
  // 2: documents keyed by tenant and id (ADR 0025). 3: an erased person's name and e-mail go
  // (ADR 0034); the rebuild reads their events with the key gone.
  version: 3,
  handles: orgStructureEventTypes,
  streamPrefixes: orgStreamPrefixes,
  collections: [
    {
      name: 'org_units',
      guard: 'position',
      indexes: [
        // OrgStructureRepository.activeUnits: the units of the tree.
        { keys: { tenantId: 1, status: 1, kind: 1 }, serves: 'active units by kind (org tree)' },
        // TribeUnits.count: a tribe's active squads and chapters before it is dissolved.
        { keys: { tenantId: 1, tribeId: 1, status: 1 }, serves: 'active units of a tribe' },
      ],
    },
    {
      name: 'org_people',
      guard: 'position',
      indexes: [
        // OrgStructureRepository.peopleInOrganisation: the people of the tree.
        { keys: { tenantId: 1, status: 1 }, serves: 'people in the organisation (org tree)' },
        // SquadDissolved / ChapterDissolved end the memberships of that unit.
        { keys: { tenantId: 1, squadId: 1 }, serves: 'members of a squad' },
        { keys: { tenantId: 1, chapterId: 1 }, serves: 'members of a chapter' },
      ],
    },
  ],
  apply: (event: RecordedEvent<OrgEvent>, context) => {
    const at = new Date(event.metadata.occurredAt);
    const unit = (id: string, fields: Partial<OrgUnitDocument>) =>
      context.update('org_units', id, { $set: fields });
    const person = (id: string, fields: Partial<OrgPersonDocument>) =>
      context.update('org_people', id, { $set: fields });
    const formed = (id: string, fields: Partial<OrgUnitDocument>) =>
      context.upsert('org_units', id, { $set: { ...fields, status: 'active', formedAt: at } });
    const dissolved = (id: string) => unit(id, { status: 'dissolved', dissolvedAt: at });

    switch (event.type) {
      case 'OrganisationEstablished':
        return formed(event.data.organisationId, { kind: 'organisation', name: event.data.name });
      case 'OrganisationRenamed':
        return unit(event.data.organisationId, { name: event.data.name });
      case 'PersonJoinedOrganisation':
        return context.upsert('org_people', event.data.personId, {
          $set: {
            name: event.data.name,
            email: event.data.email,
            status: 'in-organisation',
            squadId: null,
            chapterId: null,
            guilds: {},
            joinedAt: at,
          },
        });
      case 'PersonProfileUpdated':
        return person(event.data.personId, { name: event.data.name, email: event.data.email });
      case 'PersonLeftOrganisation':
        return person(event.data.personId, { status: 'left', leftAt: at });
      case 'PersonErased':
        return person(event.data.personId, { name: erasedPersonName, email: '' });
      case 'PersonJoinedSquad':
        return person(event.data.personId, { squadId: event.data.squadId });
      case 'PersonMovedToSquad':
        return person(event.data.personId, { squadId: event.data.toSquadId });
      case 'PersonLeftSquad':
        return person(event.data.personId, { squadId: null });
      case 'PersonJoinedChapter':
        return person(event.data.personId, { chapterId: event.data.chapterId });
      case 'PersonLeftChapter':
        return person(event.data.personId, { chapterId: null });
      case 'PersonJoinedGuild':
        return context.update('org_people', event.data.personId, {
          $set: { [`guilds.${event.data.guildId}`]: true },
        });
      case 'PersonLeftGuild':
        return context.update('org_people', event.data.personId, {
          $unset: { [`guilds.${event.data.guildId}`]: '' },
        });
      case 'TribeFormed':
        return formed(event.data.tribeId, {
          kind: 'tribe',
          name: event.data.name,
          purpose: event.data.mission,
          leadId: null,
        });
      case 'TribeRenamed':
        return unit(event.data.tribeId, { name: event.data.name });
      case 'TribeLeadAppointed':
        return unit(event.data.tribeId, { leadId: event.data.personId });
      case 'TribeDissolved':
        return dissolved(event.data.tribeId);
      case 'SquadFormed':
        return formed(event.data.squadId, {
          kind: 'squad',
          name: event.data.name,
          purpose: event.data.mission,
          tribeId: event.data.tribeId,
          leadId: null,
        });
      case 'SquadRenamed':
        return unit(event.data.squadId, { name: event.data.name });
      case 'ProductOwnerAppointed':
        return unit(event.data.squadId, { leadId: event.data.personId });
      case 'SquadMoved':
        return unit(event.data.squadId, { tribeId: event.data.toTribeId });
      case 'SquadDissolved':
        dissolved(event.data.squadId);
        // The dissolution ends every membership of the squad (ADR 0010).
        return context.updateMany(
          'org_people',
          { squadId: event.data.squadId },
          { $set: { squadId: null } },
        );
      case 'ChapterFormed':
        return formed(event.data.chapterId, {
          kind: 'chapter',
          name: event.data.name,
          purpose: event.data.craft,
          tribeId: event.data.tribeId,
          leadId: null,
        });
      case 'ChapterRenamed':
        return unit(event.data.chapterId, { name: event.data.name });
      case 'ChapterLeadAppointed':
        return unit(event.data.chapterId, { leadId: event.data.personId });
      case 'ChapterDissolved':
        dissolved(event.data.chapterId);
        return context.updateMany(
          'org_people',
          { chapterId: event.data.chapterId },
          { $set: { chapterId: null } },
        );
      case 'GuildFormed':
        return context.upsert('org_units', event.data.guildId, {
          $set: {
            kind: 'guild',
            name: event.data.name,
            purpose: event.data.interest,
            coordinators: {},
            status: 'active',
            formedAt: at,
          },
        });
      case 'GuildRenamed':
        return unit(event.data.guildId, { name: event.data.name });
      case 'GuildCoordinatorAdded':
        return context.update('org_units', event.data.guildId, {
          $set: { [`coordinators.${event.data.personId}`]: true },
        });
      case 'GuildCoordinatorRemoved':
        return context.update('org_units', event.data.guildId, {
          $unset: { [`coordinators.${event.data.personId}`]: '' },
        });
      case 'GuildDissolved': {
        const membership = `guilds.${event.data.guildId}`;
        dissolved(event.data.guildId);
        return context.updateMany(
          'org_people',
          { [membership]: true },
          { $unset: { [membership]: '' } },
        );
      }
      default:
        return assertNever(event);
    }
  },
});
