import {
  Body,
  Controller,
  Get,
  Param,
  ParseIntPipe,
  Put,
  Query,
  Res,
  DefaultValuePipe,
} from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { CallerRevision } from '@rhythm/event-sourcing';
import { CurrentActor, type AuthenticatedActor } from '@rhythm/identity';
import { accepted, ExpectedRevision, RequestInvalid } from '@rhythm/operability';
import type { Response } from 'express';
import {
  AgendaResponse,
  CheckinsQueryResponses,
  FeedPageResponse,
} from '../http/checkins.responses';
import type { Unit } from '../../checkins-domain';
import { CadenceCommandHandlers } from '../cadence/cadence-command.handlers';
import {
  CheckinsCommandAccepted,
  CheckinsCommandResponses,
  uuidParam,
} from '../http/checkins-api.decorators';
import { SetCadenceDto } from '../http/checkins.dto';
import { CheckinsQueries } from '../queries/checkins.queries';

const unitKinds = ['tribe', 'squad', 'chapter', 'guild'] as const;
const unitIdPattern = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,199}$/;

const unitOf = (kind: string, id: string): Unit => {
  const problems: Record<string, string> = {};
  if (!(unitKinds as readonly string[]).includes(kind)) {
    problems.unitKind = `must be one of ${unitKinds.join(', ')}`;
  }
  if (!unitIdPattern.test(id)) problems.unitId = 'must be an id of the organisation';
  if (Object.keys(problems).length > 0) throw new RequestInvalid(problems);
  return { kind: kind as Unit['kind'], id };
};

const beforePattern = /^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/;

/** One person's agenda, the feeds, and each unit's cadence. */
@ApiTags('rhythm')
@Controller()
export class AgendaHttpController {
  constructor(
    private readonly queries: CheckinsQueries,
    private readonly cadences: CadenceCommandHandlers,
  ) {}

  @Get('me/agenda')
  @CheckinsQueryResponses(AgendaResponse)
  @ApiOperation({
    summary:
      'What I owe and what I must look at: check-ins due and overdue, check-ins and blockers awaiting my acknowledgement, overdue key results I was told of, blockers waiting on me',
  })
  agenda(@CurrentActor() actor: AuthenticatedActor) {
    return this.queries.agenda(actor);
  }

  @Get('feeds/objectives/:objectiveId')
  @CheckinsQueryResponses(FeedPageResponse)
  @ApiOperation({ summary: "An objective's feed of check-ins and blockers, newest first, paged" })
  @ApiQuery({ name: 'before', required: false, description: 'The `next` of the previous page' })
  @ApiQuery({
    name: 'limit',
    required: false,
    schema: { type: 'integer', minimum: 1, maximum: 100 },
  })
  objectiveFeed(
    @CurrentActor() actor: AuthenticatedActor,
    @Param('objectiveId', uuidParam) objectiveId: string,
    @Query('before') before: string | undefined,
    @Query('limit', new DefaultValuePipe(20), ParseIntPipe) limit: number,
  ) {
    return this.queries.feed(actor, { kind: 'objective', objectiveId }, pageOf(before, limit));
  }

  @Get('feeds/:unitKind/:unitId')
  @CheckinsQueryResponses(FeedPageResponse)
  @ApiOperation({
    summary:
      "A unit's feed (a guild's: also the objectives it follows), newest first, paged; private objectives only for those who may see them",
  })
  @ApiQuery({ name: 'before', required: false })
  @ApiQuery({
    name: 'limit',
    required: false,
    schema: { type: 'integer', minimum: 1, maximum: 100 },
  })
  unitFeed(
    @CurrentActor() actor: AuthenticatedActor,
    @Param('unitKind') unitKind: string,
    @Param('unitId') unitId: string,
    @Query('before') before: string | undefined,
    @Query('limit', new DefaultValuePipe(20), ParseIntPipe) limit: number,
  ) {
    return this.queries.feed(
      actor,
      { kind: 'unit', unit: unitOf(unitKind, unitId) },
      pageOf(before, limit),
    );
  }

  @Put('cadences/:unitKind/:unitId')
  @ApiOperation({ summary: "Set a unit's cadence (its lead or an admin): every 1, 2 or 4 weeks" })
  @CheckinsCommandResponses()
  async setCadence(
    @CurrentActor() actor: AuthenticatedActor,
    @Param('unitKind') unitKind: string,
    @Param('unitId') unitId: string,
    @Body() body: SetCadenceDto,
    @ExpectedRevision() expected: CallerRevision,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CheckinsCommandAccepted> {
    const outcome = await this.cadences.set(
      actor,
      unitOf(unitKind, unitId),
      {
        everyWeeks: body.everyWeeks,
        weekday: body.weekday,
        time: body.time,
        timeZone: body.timeZone,
        startsOn: body.startsOn,
      },
      expected,
    );
    return accepted(response, outcome);
  }
}

const pageOf = (before: string | undefined, limit: number) => {
  const problems: Record<string, string> = {};
  if (before !== undefined && !beforePattern.test(before))
    problems.before = 'must be a `next` of a page';
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) problems.limit = 'must be 1 to 100';
  if (Object.keys(problems).length > 0) throw new RequestInvalid(problems);
  return { ...(before === undefined ? {} : { before }), limit };
};
