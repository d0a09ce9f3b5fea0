import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post, Put, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CallerRevision as Revision } from '@rhythm/event-sourcing';
import { CurrentActor, type AuthenticatedActor } from '@rhythm/identity';
import type { Response } from 'express';
import { accepted, type CommandAccepted } from '../http/command-accepted.response';
import { ExpectedRevision } from '../http/expected-revision.decorator';
import { OrgCommandResponses, UuidPathParams } from '../http/org-api.decorators';
import { PersonRefDto, ReasonDto, RenameDto } from '../http/shared.dto';
import { TribeCommandHandlers } from './tribe-command.handlers';
import { FormTribeDto } from './tribes.dto';

const tribeId = new ParseUUIDPipe();

@ApiTags('tribes')
@UuidPathParams('tribeId')
@Controller('tribes')
export class TribesHttpController {
  constructor(private readonly tribes: TribeCommandHandlers) {}

  @Post()
  @ApiOperation({ summary: 'Form a tribe' })
  @OrgCommandResponses(true)
  async form(
    @CurrentActor() actor: AuthenticatedActor,
    @Body() body: FormTribeDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandAccepted> {
    const outcome = await this.tribes.form(actor, body);
    return accepted(response, outcome, `/tribes/${outcome.id}`);
  }

  @Put(':tribeId/name')
  @HttpCode(200)
  @ApiOperation({ summary: 'Rename a tribe' })
  @OrgCommandResponses()
  async rename(
    @CurrentActor() actor: AuthenticatedActor,
    @Param('tribeId', tribeId) id: string,
    @Body() body: RenameDto,
    @ExpectedRevision() expected: Revision,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandAccepted> {
    return accepted(response, await this.tribes.rename(actor, id, body.name, expected));
  }

  @Put(':tribeId/lead')
  @HttpCode(200)
  @ApiOperation({ summary: 'Appoint the tribe lead (replaces the current one)' })
  @OrgCommandResponses()
  async appointLead(
    @CurrentActor() actor: AuthenticatedActor,
    @Param('tribeId', tribeId) id: string,
    @Body() body: PersonRefDto,
    @ExpectedRevision() expected: Revision,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandAccepted> {
    return accepted(response, await this.tribes.appointLead(actor, id, body.personId, expected));
  }

  @Post(':tribeId/dissolve')
  @HttpCode(200)
  @ApiOperation({ summary: 'Dissolve a tribe that has no squads or chapters left' })
  @OrgCommandResponses()
  async dissolve(
    @CurrentActor() actor: AuthenticatedActor,
    @Param('tribeId', tribeId) id: string,
    @Body() body: ReasonDto,
    @ExpectedRevision() expected: Revision,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandAccepted> {
    return accepted(response, await this.tribes.dissolve(actor, id, body.reason, expected));
  }
}
