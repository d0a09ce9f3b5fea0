import { Body, Controller, HttpCode, Post, Put, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CallerRevision as Revision } from '@rhythm/event-sourcing';
import { CurrentActor, OrganisationSetup, type AuthenticatedActor } from '@rhythm/identity';
import type { Response } from 'express';
import { accepted, type CommandAccepted } from '../http/command-accepted.response';
import { ExpectedRevision } from '../http/expected-revision.decorator';
import { OrgCommandResponses } from '../http/org-api.decorators';
import { RenameDto } from '../http/shared.dto';
import { OrganisationCommandHandlers } from './organisation-command.handlers';
import { EstablishOrganisationDto } from './organisation.dto';

@ApiTags('organisation')
@Controller('organisation')
export class OrganisationHttpController {
  constructor(private readonly organisation: OrganisationCommandHandlers) {}

  @Post()
  @OrganisationSetup()
  @ApiOperation({ summary: "Establish the caller's organisation (the tenant of the token)" })
  @OrgCommandResponses(true)
  async establish(
    @CurrentActor() actor: AuthenticatedActor,
    @Body() body: EstablishOrganisationDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandAccepted> {
    return accepted(response, await this.organisation.establish(actor, body.name), '/org/tree');
  }

  @Put('name')
  @HttpCode(200)
  @OrganisationSetup()
  @ApiOperation({ summary: 'Rename the organisation' })
  @OrgCommandResponses()
  async rename(
    @CurrentActor() actor: AuthenticatedActor,
    @Body() body: RenameDto,
    @ExpectedRevision() expected: Revision,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandAccepted> {
    return accepted(response, await this.organisation.rename(actor, body.name, expected));
  }
}
