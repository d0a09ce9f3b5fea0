import { Body, Controller, Delete, Get, Param, Post, Put, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, type AuthenticatedActor } from '@rhythm/identity';
import { accepted } from '@rhythm/operability';
import type { Response } from 'express';
import {
  CheckinsCommandAccepted,
  CheckinsCommandResponses,
  uuidParam,
} from '../http/checkins-api.decorators';
import { PostInsightDto, ReviseInsightDto } from '../http/checkins.dto';
import { CheckinsQueryResponses } from '../http/checkins.responses';
import { InsightCommandHandlers } from './insight-command.handlers';
import { InsightQueries } from './insight.queries';
import { InsightResponse } from './insight.responses';

/** Guilds share what they see with the squads they support: insights on followed objectives. */
@ApiTags('insights')
@Controller()
export class InsightsHttpController {
  constructor(
    private readonly insights: InsightCommandHandlers,
    private readonly queries: InsightQueries,
  ) {}

  @Post('objectives/:objectiveId/insights')
  @ApiOperation({
    summary:
      "Post a guild's insight on an objective the guild follows (a member or coordinator of the guild)",
  })
  @CheckinsCommandResponses(true)
  async post(
    @CurrentActor() actor: AuthenticatedActor,
    @Param('objectiveId', uuidParam) objectiveId: string,
    @Body() body: PostInsightDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CheckinsCommandAccepted> {
    const outcome = await this.insights.post(actor, objectiveId, {
      ...(body.insightId === undefined ? {} : { insightId: body.insightId }),
      guildId: body.guildId,
      title: body.title,
      body: body.body,
    });
    return accepted(response, outcome, `/insights/${outcome.id}`);
  }

  @Get('objectives/:objectiveId/insights')
  @CheckinsQueryResponses([InsightResponse])
  @ApiOperation({ summary: "An objective's guild insights, newest first" })
  ofObjective(
    @CurrentActor() actor: AuthenticatedActor,
    @Param('objectiveId', uuidParam) objectiveId: string,
  ) {
    return this.queries.ofObjective(actor, objectiveId);
  }

  @Get('insights/:insightId')
  @CheckinsQueryResponses(InsightResponse)
  @ApiOperation({ summary: 'A guild insight' })
  insight(
    @CurrentActor() actor: AuthenticatedActor,
    @Param('insightId', uuidParam) insightId: string,
  ) {
    return this.queries.insight(actor, insightId);
  }

  @Put('insights/:insightId')
  @ApiOperation({
    summary: 'Revise an insight (its author only); the words before stay in history',
  })
  @CheckinsCommandResponses()
  async revise(
    @CurrentActor() actor: AuthenticatedActor,
    @Param('insightId', uuidParam) insightId: string,
    @Body() body: ReviseInsightDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CheckinsCommandAccepted> {
    const outcome = await this.insights.revise(actor, insightId, {
      title: body.title,
      body: body.body,
    });
    return accepted(response, outcome);
  }

  @Delete('insights/:insightId')
  @ApiOperation({
    summary: 'Withdraw an insight (its author only): a tombstone, its thread with it',
  })
  @CheckinsCommandResponses()
  async withdraw(
    @CurrentActor() actor: AuthenticatedActor,
    @Param('insightId', uuidParam) insightId: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CheckinsCommandAccepted> {
    return accepted(response, await this.insights.withdraw(actor, insightId));
  }
}
