import { Body, Controller, Delete, Param, Post, Put, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CallerRevision as Revision } from '@rhythm/event-sourcing';
import { CurrentActor, type AuthenticatedActor } from '@rhythm/identity';
import type { Response } from 'express';
import { accepted, type CommandAccepted } from '../http/command-accepted.response';
import { ExpectedRevision } from '../http/expected-revision.decorator';
import { GoalsCommandResponses, PathParams } from '../http/goals-api.decorators';
import { orgIdParam, uuidParam } from '../http/goals-ids';
import { OptionalReasonDto } from '../http/shared.dto';
import { ObjectiveCommandHandlers } from './objective-command.handlers';
import { AlignObjectiveDto } from './objectives.dto';

/**
 * How an objective connects to the rest of the organisation: the objectives it contributes to
 * (alignment, across units, never in a loop), the guilds that follow it, the people who contribute.
 */
@ApiTags('alignment and engagement')
@PathParams({
  objectiveId: 'uuid',
  parentObjectiveId: 'uuid',
  guildId: 'orgId',
  personId: 'orgId',
})
@Controller('objectives/:objectiveId')
export class ObjectiveEngagementHttpController {
  constructor(private readonly objectives: ObjectiveCommandHandlers) {}

  @Post('alignments')
  @ApiOperation({ summary: 'Align: this objective contributes to a parent objective' })
  @GoalsCommandResponses(true)
  async align(
    @CurrentActor() actor: AuthenticatedActor,
    @Param('objectiveId', uuidParam) objectiveId: string,
    @Body() body: AlignObjectiveDto,
    @ExpectedRevision() expected: Revision,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandAccepted> {
    const outcome = await this.objectives.align(
      actor,
      objectiveId,
      body.parentObjectiveId,
      expected,
    );
    return accepted(
      response,
      outcome,
      `/objectives/${objectiveId}/alignments/${body.parentObjectiveId}`,
    );
  }

  @Delete('alignments/:parentObjectiveId')
  @ApiOperation({ summary: 'No longer contribute to a parent objective (reason in the body)' })
  @GoalsCommandResponses()
  async unalign(
    @CurrentActor() actor: AuthenticatedActor,
    @Param('objectiveId', uuidParam) objectiveId: string,
    @Param('parentObjectiveId', uuidParam) parentObjectiveId: string,
    @Body() body: OptionalReasonDto,
    @ExpectedRevision() expected: Revision,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandAccepted> {
    return accepted(
      response,
      await this.objectives.unalign(actor, objectiveId, parentObjectiveId, body.reason, expected),
    );
  }

  @Put('followers/:guildId')
  @ApiOperation({ summary: 'A guild follows the objective (its coordinators, or an admin)' })
  @GoalsCommandResponses()
  async follow(
    @CurrentActor() actor: AuthenticatedActor,
    @Param('objectiveId', uuidParam) objectiveId: string,
    @Param('guildId', orgIdParam) guildId: string,
    @ExpectedRevision() expected: Revision,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandAccepted> {
    return accepted(response, await this.objectives.follow(actor, objectiveId, guildId, expected));
  }

  @Delete('followers/:guildId')
  @ApiOperation({ summary: 'A guild stops following the objective' })
  @GoalsCommandResponses()
  async unfollow(
    @CurrentActor() actor: AuthenticatedActor,
    @Param('objectiveId', uuidParam) objectiveId: string,
    @Param('guildId', orgIdParam) guildId: string,
    @ExpectedRevision() expected: Revision,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandAccepted> {
    return accepted(
      response,
      await this.objectives.unfollow(actor, objectiveId, guildId, expected),
    );
  }

  @Put('contributors/:personId')
  @ApiOperation({
    summary: 'List a person as contributor (e.g. a chapter member aligning their work to it)',
  })
  @GoalsCommandResponses()
  async addContributor(
    @CurrentActor() actor: AuthenticatedActor,
    @Param('objectiveId', uuidParam) objectiveId: string,
    @Param('personId', orgIdParam) personId: string,
    @ExpectedRevision() expected: Revision,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandAccepted> {
    return accepted(
      response,
      await this.objectives.addContributor(actor, objectiveId, personId, expected),
    );
  }

  @Delete('contributors/:personId')
  @ApiOperation({ summary: 'Remove a contributor' })
  @GoalsCommandResponses()
  async removeContributor(
    @CurrentActor() actor: AuthenticatedActor,
    @Param('objectiveId', uuidParam) objectiveId: string,
    @Param('personId', orgIdParam) personId: string,
    @ExpectedRevision() expected: Revision,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandAccepted> {
    return accepted(
      response,
      await this.objectives.removeContributor(actor, objectiveId, personId, expected),
    );
  }
}
