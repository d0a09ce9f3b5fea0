import * as chapters from './chapter.integration-events';
import * as guilds from './guild.integration-events';
import * as organisation from './organisation.integration-events';
import * as people from './person.integration-events';
import * as squads from './squad.integration-events';
import * as tribes from './tribe.integration-events';

export * from './organisation.integration-events';
export * from './person.integration-events';
export * from './tribe.integration-events';
export * from './squad.integration-events';
export * from './chapter.integration-events';
export * from './guild.integration-events';
export { orgIntegrationEventExamples } from './org-integration-event.examples';

/** Every integration event the org context publishes on `rhythm.org.events`, in catalog order. */
export const orgIntegrationEvents = [
  organisation.organisationEstablishedV1,
  organisation.organisationRenamedV1,
  people.personJoinedV1,
  people.personProfileUpdatedV1,
  people.personLeftV1,
  people.personErasedV1,
  people.personJoinedSquadV1,
  people.personLeftSquadV1,
  people.personJoinedChapterV1,
  people.personLeftChapterV1,
  people.personJoinedGuildV1,
  people.personLeftGuildV1,
  tribes.tribeFormedV1,
  tribes.tribeRenamedV1,
  tribes.tribeLeadAppointedV1,
  tribes.tribeDissolvedV1,
  squads.squadFormedV1,
  squads.squadRenamedV1,
  squads.productOwnerAppointedV1,
  squads.squadMovedV1,
  squads.squadDissolvedV1,
  chapters.chapterFormedV1,
  chapters.chapterRenamedV1,
  chapters.chapterLeadAppointedV1,
  chapters.chapterDissolvedV1,
  guilds.guildFormedV1,
  guilds.guildRenamedV1,
  guilds.guildCoordinatorAddedV1,
  guilds.guildCoordinatorRemovedV1,
  guilds.guildDissolvedV1,
] as const;
