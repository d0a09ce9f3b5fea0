import {
  Body,
  Controller,
  Delete,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Put,
  Res,
} from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CallerRevision as Revision } from '@rhythm/event-sourcing';
import { CurrentActor, type AuthenticatedActor } from '@rhythm/identity';
import type { Response } from 'express';
import { accepted, type CommandAccepted } from '../http/command-accepted.response';
import { ExpectedRevision } from '../http/expected-revision.decorator';
import { OrgCommandResponses, UuidPathParams } from '../http/org-api.decorators';
import { PersonRefDto, ReasonDto, RenameDto } from '../http/shared.dto';
import { GuildCommandHandlers } from './guild-command.handlers';
import { FormGuildDto } from './guilds.dto';

const uuid = new ParseUUIDPipe();

@ApiTags('guilds')
@UuidPathParams('guildId', 'personId')
@Controller('guilds')
export class GuildsHttpController {
  constructor(private readonly guilds: GuildCommandHandlers) {}

  @Post()
  @ApiOperation({ summary: 'Form a guild' })
  @OrgCommandResponses(true)
  async form(
    @CurrentActor() actor: AuthenticatedActor,
    @Body() body: FormGuildDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandAccepted> {
    const outcome = await this.guilds.form(actor, body);
    return accepted(response, outcome, `/guilds/${outcome.id}`);
  }

  @Put(':guildId/name')
  @HttpCode(200)
  @ApiOperation({ summary: 'Rename a guild' })
  @OrgCommandResponses()
  async rename(
    @CurrentActor() actor: AuthenticatedActor,
    @Param('guildId', uuid) id: string,
    @Body() body: RenameDto,
    @ExpectedRevision() expected: Revision,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandAccepted> {
    return accepted(response, await this.guilds.rename(actor, id, body.name, expected));
  }

  @Post(':guildId/coordinators')
  @HttpCode(200)
  @ApiOperation({ summary: 'Add a guild coordinator (a guild may have several)' })
  @OrgCommandResponses()
  async addCoordinator(
    @CurrentActor() actor: AuthenticatedActor,
    @Param('guildId', uuid) id: string,
    @Body() body: PersonRefDto,
    @ExpectedRevision() expected: Revision,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandAccepted> {
    return accepted(response, await this.guilds.addCoordinator(actor, id, body.personId, expected));
  }

  @Delete(':guildId/coordinators/:personId')
  @HttpCode(200)
  @ApiOperation({ summary: 'Remove a guild coordinator' })
  @OrgCommandResponses()
  async removeCoordinator(
    @CurrentActor() actor: AuthenticatedActor,
    @Param('guildId', uuid) id: string,
    @Param('personId', uuid) personId: string,
    @ExpectedRevision() expected: Revision,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandAccepted> {
    return accepted(response, await this.guilds.removeCoordinator(actor, id, personId, expected));
  }

  @Post(':guildId/dissolve')
  @HttpCode(200)
  @ApiOperation({ summary: 'Dissolve a guild: every membership and coordinator role ends' })
  @OrgCommandResponses()
  async dissolve(
    @CurrentActor() actor: AuthenticatedActor,
    @Param('guildId', uuid) id: string,
    @Body() body: ReasonDto,
    @ExpectedRevision() expected: Revision,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandAccepted> {
    return accepted(response, await this.guilds.dissolve(actor, id, body.reason, expected));
  }
}
