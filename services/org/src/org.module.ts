import { type DynamicModule, Module } from '@nestjs/common';
import { ChapterCommandHandlers } from './application/chapters/chapter-command.handlers';
import { ChaptersHttpController } from './application/chapters/chapters.http.controller';
import { GuildCommandHandlers } from './application/guilds/guild-command.handlers';
import { GuildsHttpController } from './application/guilds/guilds.http.controller';
import { MembershipsHttpController } from './application/memberships/memberships.http.controller';
import { OrgFactsReader } from './application/org-facts.reader';
import { OrgTreeHttpController } from './application/org-tree/org-tree.http.controller';
import { OrgUnitsHttpController } from './application/org-units/org-units.http.controller';
import { OrganisationCommandHandlers } from './application/organisation/organisation-command.handlers';
import { OrganisationHttpController } from './application/organisation/organisation.http.controller';
import { PeopleHttpController } from './application/people/people.http.controller';
import { PersonCommandHandlers } from './application/people/person-command.handlers';
import { orgPersonRegistry } from './application/people/person-registry.provider';
import { PersonQueries } from './application/people/person.queries';
import { SquadCommandHandlers } from './application/squads/squad-command.handlers';
import { SquadsHttpController } from './application/squads/squads.http.controller';
import { TribeCommandHandlers } from './application/tribes/tribe-command.handlers';
import { TribeUnitsCount } from './application/tribes/tribe-units.count';
import { TribesHttpController } from './application/tribes/tribes.http.controller';
import { orgEventRelay } from './infrastructure/org-event-relay';
import { orgInfrastructureProviders } from './infrastructure/org-infrastructure.providers';
import type { OrgConfiguration } from './org-configuration';
import { orgProjectionFleet } from './read-models/org-projections';
import { OrgReadModels } from './read-models/org-read-models';

/** The org bounded context: organisation, people, tribes, squads, chapters, guilds and their history. */
@Module({})
export class OrgModule {
  static forRoot(config: OrgConfiguration): DynamicModule {
    return {
      module: OrgModule,
      controllers: [
        OrganisationHttpController,
        PeopleHttpController,
        TribesHttpController,
        SquadsHttpController,
        ChaptersHttpController,
        GuildsHttpController,
        MembershipsHttpController,
        OrgTreeHttpController,
        OrgUnitsHttpController,
      ],
      providers: [
        ...orgInfrastructureProviders(config),
        OrgFactsReader,
        OrganisationCommandHandlers,
        PersonCommandHandlers,
        TribeCommandHandlers,
        TribeUnitsCount,
        SquadCommandHandlers,
        ChapterCommandHandlers,
        GuildCommandHandlers,
        PersonQueries,
        OrgReadModels,
        orgPersonRegistry,
        orgProjectionFleet,
        orgEventRelay,
      ],
    };
  }
}
