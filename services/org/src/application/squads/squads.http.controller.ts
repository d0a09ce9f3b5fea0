import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post, Put, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CallerRevision as Revision } from '@rhythm/event-sourcing';
import { CurrentActor, type AuthenticatedActor } from '@rhythm/identity';
import type { Response } from 'express';
import { accepted, type CommandAccepted } from '../http/command-accepted.response';
import { ExpectedRevision } from '../http/expected-revision.decorator';
import { OrgCommandResponses, UuidPathParams } from '../http/org-api.decorators';
import { PersonRefDto, ReasonDto, RenameDto } from '../http/shared.dto';
import { SquadCommandHandlers } from './squad-command.handlers';
import { FormSquadDto, MoveSquadDto } from './squads.dto';

const squadId = new ParseUUIDPipe();

@ApiTags('squads')
@UuidPathParams('squadId')
@Controller('squads')
export class SquadsHttpController {
  constructor(private readonly squads: SquadCommandHandlers) {}

  @Post()
  @ApiOperation({ summary: 'Form a squad in a tribe' })
  @OrgCommandResponses(true)
  async form(
    @CurrentActor() actor: AuthenticatedActor,
    @Body() body: FormSquadDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandAccepted> {
    const outcome = await this.squads.form(actor, body);
    return accepted(response, outcome, `/squads/${outcome.id}`);
  }

  @Put(':squadId/name')
  @HttpCode(200)
  @ApiOperation({ summary: 'Rename a squad' })
  @OrgCommandResponses()
  async rename(
    @CurrentActor() actor: AuthenticatedActor,
    @Param('squadId', squadId) id: string,
    @Body() body: RenameDto,
    @ExpectedRevision() expected: Revision,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandAccepted> {
    return accepted(response, await this.squads.rename(actor, id, body.name, expected));
  }

  @Put(':squadId/product-owner')
  @HttpCode(200)
  @ApiOperation({ summary: "Appoint the squad's product owner (replaces the current one)" })
  @OrgCommandResponses()
  async appointProductOwner(
    @CurrentActor() actor: AuthenticatedActor,
    @Param('squadId', squadId) id: string,
    @Body() body: PersonRefDto,
    @ExpectedRevision() expected: Revision,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandAccepted> {
    return accepted(
      response,
      await this.squads.appointProductOwner(actor, id, body.personId, expected),
    );
  }

  @Post(':squadId/move')
  @HttpCode(200)
  @ApiOperation({ summary: 'Move a squad to another tribe, from an effective time' })
  @OrgCommandResponses()
  async move(
    @CurrentActor() actor: AuthenticatedActor,
    @Param('squadId', squadId) id: string,
    @Body() body: MoveSquadDto,
    @ExpectedRevision() expected: Revision,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandAccepted> {
    const outcome = await this.squads.move(
      actor,
      id,
      {
        toTribeId: body.toTribeId,
        ...(body.effectiveAt === undefined ? {} : { effectiveAt: new Date(body.effectiveAt) }),
      },
      expected,
    );
    return accepted(response, outcome);
  }

  @Post(':squadId/dissolve')
  @HttpCode(200)
  @ApiOperation({ summary: 'Dissolve a squad: every membership of it ends' })
  @OrgCommandResponses()
  async dissolve(
    @CurrentActor() actor: AuthenticatedActor,
    @Param('squadId', squadId) id: string,
    @Body() body: ReasonDto,
    @ExpectedRevision() expected: Revision,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandAccepted> {
    return accepted(response, await this.squads.dissolve(actor, id, body.reason, expected));
  }
}
