import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Res,
} from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CallerRevision as Revision } from '@rhythm/event-sourcing';
import { CurrentActor, OrganisationSetup, type AuthenticatedActor } from '@rhythm/identity';
import type { Response } from 'express';
import { accepted, type CommandAccepted } from '../http/command-accepted.response';
import { ExpectedRevision } from '../http/expected-revision.decorator';
import { OrgCommandResponses, OrgQuery, UuidPathParams } from '../http/org-api.decorators';
import { ReasonDto } from '../http/shared.dto';
import { JoinOrganisationDto, UpdateProfileDto } from './people.dto';
import { PersonCommandHandlers } from './person-command.handlers';
import { PersonQueries } from './person.queries';
import {
  MembershipPeriodResponse,
  PersonListEntryResponse,
  PersonProfileResponse,
} from './person.responses';

const personId = new ParseUUIDPipe();

@ApiTags('people')
@UuidPathParams('personId')
@Controller('people')
export class PeopleHttpController {
  constructor(
    private readonly people: PersonCommandHandlers,
    private readonly queries: PersonQueries,
  ) {}

  @Post()
  @OrganisationSetup()
  @ApiOperation({ summary: 'A person joins the organisation' })
  @OrgCommandResponses(true)
  async join(
    @CurrentActor() actor: AuthenticatedActor,
    @Body() body: JoinOrganisationDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandAccepted> {
    const outcome = await this.people.join(actor, body);
    return accepted(response, outcome, `/people/${outcome.id}`);
  }

  @Patch(':personId')
  @ApiOperation({ summary: 'Update a profile (the person themselves, or an admin)' })
  @OrgCommandResponses()
  async updateProfile(
    @CurrentActor() actor: AuthenticatedActor,
    @Param('personId', personId) id: string,
    @Body() body: UpdateProfileDto,
    @ExpectedRevision() expected: Revision,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandAccepted> {
    return accepted(response, await this.people.updateProfile(actor, id, body, expected));
  }

  @Post(':personId/leave')
  @HttpCode(200)
  @OrganisationSetup()
  @ApiOperation({ summary: 'A person leaves the organisation; their memberships end' })
  @OrgCommandResponses()
  async leave(
    @CurrentActor() actor: AuthenticatedActor,
    @Param('personId', personId) id: string,
    @Body() body: ReasonDto,
    @ExpectedRevision() expected: Revision,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandAccepted> {
    return accepted(response, await this.people.leave(actor, id, body.reason, expected));
  }

  @Delete(':personId/personal-data')
  @HttpCode(200)
  @ApiOperation({
    summary: "Erase a person's personal data (the person themselves, or an admin)",
    description:
      'GDPR art. 17 (docs/security.md "Personal data"): their name becomes "Erased person", their ' +
      'e-mail and other personal texts are gone from every answer, read model and message ' +
      'published from now on; a person still in the organisation leaves it. Repeating it changes ' +
      'nothing.',
  })
  @OrgCommandResponses()
  async erasePersonalData(
    @CurrentActor() actor: AuthenticatedActor,
    @Param('personId', personId) id: string,
    @ExpectedRevision() expected: Revision,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandAccepted> {
    return accepted(response, await this.people.erasePersonalData(actor, id, expected));
  }

  @Get()
  // An admin who is not (yet) a person of it may list them too, as an HR system or the
  // gateway's development sign-in does (docs/adr/0032).
  @OrganisationSetup()
  @OrgQuery(
    'The people in the organisation by name, with the units each leads (no e-mail addresses)',
    [PersonListEntryResponse],
    { notFound: false },
  )
  list(@CurrentActor() actor: AuthenticatedActor): Promise<PersonListEntryResponse[]> {
    return this.queries.inOrganisation(actor.tenantId);
  }

  @Get(':personId')
  @OrgQuery(
    "A person's profile with their current squad, chapter and guilds",
    PersonProfileResponse,
  )
  profile(
    @CurrentActor() actor: AuthenticatedActor,
    @Param('personId', personId) id: string,
  ): Promise<PersonProfileResponse> {
    return this.queries.profile(actor, id);
  }

  @Get(':personId/memberships')
  @OrgQuery("A person's membership history: every squad, chapter and guild period", [
    MembershipPeriodResponse,
  ])
  memberships(
    @CurrentActor() actor: AuthenticatedActor,
    @Param('personId', personId) id: string,
  ): Promise<MembershipPeriodResponse[]> {
    return this.queries.memberships(actor.tenantId, id);
  }
}
