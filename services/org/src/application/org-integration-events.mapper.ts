import {
  chapterDissolvedV1,
  chapterFormedV1,
  chapterLeadAppointedV1,
  chapterRenamedV1,
  guildCoordinatorAddedV1,
  guildCoordinatorRemovedV1,
  guildDissolvedV1,
  guildFormedV1,
  guildRenamedV1,
  organisationEstablishedV1,
  organisationRenamedV1,
  personJoinedChapterV1,
  personJoinedGuildV1,
  personJoinedSquadV1,
  personJoinedV1,
  personLeftChapterV1,
  personLeftGuildV1,
  personErasedV1,
  personLeftSquadV1,
  personLeftV1,
  personProfileUpdatedV1,
  productOwnerAppointedV1,
  squadDissolvedV1,
  squadFormedV1,
  squadMovedV1,
  squadRenamedV1,
  tribeDissolvedV1,
  tribeFormedV1,
  tribeLeadAppointedV1,
  tribeRenamedV1,
  type IntegrationEnvelope,
} from '@rhythm/contracts';
import { assertNever, type RecordedEvent } from '@rhythm/event-sourcing';
import type { OrgEvent } from '../org-domain';

/**
 * Domain events are the org context's private language; integration events are its public,
 * versioned promise (libs/contracts/src/org, docs/events/org.md). This is the one place where the
 * first becomes the second. Differences on purpose: emails stay private; a move between squads is
 * published as a join that names the previous squad. Personal data arrives here opened, or as the
 * erased person's placeholders once their key is gone (ADR 0034): the relay maps what it reads.
 */
export const toOrgIntegrationEvent = (recorded: RecordedEvent<OrgEvent>): IntegrationEnvelope => {
  const event = recorded as OrgEvent & RecordedEvent;
  switch (event.type) {
    case 'OrganisationEstablished':
      return organisationEstablishedV1.envelope(recorded, event.data);
    case 'OrganisationRenamed':
      return organisationRenamedV1.envelope(recorded, event.data);
    case 'PersonJoinedOrganisation':
      return personJoinedV1.envelope(recorded, {
        personId: event.data.personId,
        name: event.data.name,
      });
    case 'PersonProfileUpdated':
      return personProfileUpdatedV1.envelope(recorded, {
        personId: event.data.personId,
        name: event.data.name,
      });
    case 'PersonLeftOrganisation':
      return personLeftV1.envelope(recorded, event.data);
    case 'PersonErased':
      return personErasedV1.envelope(recorded, event.data);
    case 'PersonJoinedSquad':
      return personJoinedSquadV1.envelope(recorded, { ...event.data, previousSquadId: null });
    case 'PersonMovedToSquad':
      return personJoinedSquadV1.envelope(recorded, {
        personId: event.data.personId,
        squadId: event.data.toSquadId,
        previousSquadId: event.data.fromSquadId,
      });
    case 'PersonLeftSquad':
      return personLeftSquadV1.envelope(recorded, event.data);
    case 'PersonJoinedChapter':
      return personJoinedChapterV1.envelope(recorded, event.data);
    case 'PersonLeftChapter':
      return personLeftChapterV1.envelope(recorded, event.data);
    case 'PersonJoinedGuild':
      return personJoinedGuildV1.envelope(recorded, event.data);
    case 'PersonLeftGuild':
      return personLeftGuildV1.envelope(recorded, event.data);
    case 'TribeFormed':
      return tribeFormedV1.envelope(recorded, event.data);
    case 'TribeRenamed':
      return tribeRenamedV1.envelope(recorded, event.data);
    case 'TribeLeadAppointed':
      return tribeLeadAppointedV1.envelope(recorded, event.data);
    case 'TribeDissolved':
      return tribeDissolvedV1.envelope(recorded, event.data);
    case 'SquadFormed':
      return squadFormedV1.envelope(recorded, event.data);
    case 'SquadRenamed':
      return squadRenamedV1.envelope(recorded, event.data);
    case 'ProductOwnerAppointed':
      return productOwnerAppointedV1.envelope(recorded, event.data);
    case 'SquadMoved':
      return squadMovedV1.envelope(recorded, event.data);
    case 'SquadDissolved':
      return squadDissolvedV1.envelope(recorded, event.data);
    case 'ChapterFormed':
      return chapterFormedV1.envelope(recorded, event.data);
    case 'ChapterRenamed':
      return chapterRenamedV1.envelope(recorded, event.data);
    case 'ChapterLeadAppointed':
      return chapterLeadAppointedV1.envelope(recorded, event.data);
    case 'ChapterDissolved':
      return chapterDissolvedV1.envelope(recorded, event.data);
    case 'GuildFormed':
      return guildFormedV1.envelope(recorded, event.data);
    case 'GuildRenamed':
      return guildRenamedV1.envelope(recorded, event.data);
    case 'GuildCoordinatorAdded':
      return guildCoordinatorAddedV1.envelope(recorded, event.data);
    case 'GuildCoordinatorRemoved':
      return guildCoordinatorRemovedV1.envelope(recorded, event.data);
    case 'GuildDissolved':
      return guildDissolvedV1.envelope(recorded, event.data);
    default:
      return assertNever(event);
  }
};
