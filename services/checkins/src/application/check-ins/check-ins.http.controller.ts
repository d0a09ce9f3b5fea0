import { Body, Controller, Get, HttpCode, Param, Post, Put, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CallerRevision } from '@rhythm/event-sourcing';
import { CurrentActor, type AuthenticatedActor } from '@rhythm/identity';
import { accepted, ExpectedRevision } from '@rhythm/operability';
import type { Response } from 'express';
import { CheckinsQueryResponses, KeyResultCheckInsResponse } from '../http/checkins.responses';
import type { CheckInNote } from '../../checkins-domain';
import {
  CheckInRecorded,
  CheckinsCommandAccepted,
  CheckinsCommandResponses,
  uuidParam,
} from '../http/checkins-api.decorators';
import {
  AcknowledgeDto,
  CorrectCheckInDto,
  RecordCheckInDto,
  type CheckInNoteDto,
} from '../http/checkins.dto';
import { CheckinsQueries } from '../queries/checkins.queries';
import { CheckInCommandHandlers } from './check-in-command.handlers';

const noteOf = (note: CheckInNoteDto | undefined): CheckInNote => ({
  progress: note?.progress ?? '',
  obstacles: note?.obstacles ?? '',
  nextSteps: note?.nextSteps ?? '',
});

/** Check-ins on a key result: its history, a new one, a correction, a lead's acknowledgement. */
@ApiTags('check-ins')
@Controller('objectives/:objectiveId/key-results/:keyResultId/check-ins')
export class CheckInsHttpController {
  constructor(
    private readonly checkIns: CheckInCommandHandlers,
    private readonly queries: CheckinsQueries,
  ) {}

  @Get()
  @CheckinsQueryResponses(KeyResultCheckInsResponse)
  @ApiOperation({
    summary: "The key result's check-ins, newest first; `previous` is the one to show when writing",
  })
  history(
    @CurrentActor() actor: AuthenticatedActor,
    @Param('objectiveId', uuidParam) objectiveId: string,
    @Param('keyResultId', uuidParam) keyResultId: string,
  ) {
    return this.queries.history(actor, objectiveId, keyResultId);
  }

  @Post()
  @ApiOperation({
    summary: 'Check in: the value now, a confidence 0–10, a note (progress, obstacles, next steps)',
  })
  @CheckinsCommandResponses(true, CheckInRecorded)
  async record(
    @CurrentActor() actor: AuthenticatedActor,
    @Param('objectiveId', uuidParam) objectiveId: string,
    @Param('keyResultId', uuidParam) keyResultId: string,
    @Body() body: RecordCheckInDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CheckInRecorded> {
    const outcome = await this.checkIns.record(actor, objectiveId, keyResultId, {
      ...(body.checkInId === undefined ? {} : { checkInId: body.checkInId }),
      value: body.value,
      confidence: body.confidence,
      note: noteOf(body.note),
      ...(body.blockerIds === undefined ? {} : { blockerIds: body.blockerIds }),
    });
    return accepted(
      response,
      outcome,
      `/objectives/${objectiveId}/key-results/${keyResultId}/check-ins`,
      { checkInId: outcome.checkInId },
    );
  }

  @Put(':checkInId')
  @ApiOperation({
    summary: 'Correct a check-in (its author only, with a reason); both stay in history',
  })
  @CheckinsCommandResponses()
  async correct(
    @CurrentActor() actor: AuthenticatedActor,
    @Param('objectiveId', uuidParam) objectiveId: string,
    @Param('keyResultId', uuidParam) keyResultId: string,
    @Param('checkInId', uuidParam) checkInId: string,
    @Body() body: CorrectCheckInDto,
    @ExpectedRevision() expected: CallerRevision,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CheckinsCommandAccepted> {
    const outcome = await this.checkIns.correct(
      actor,
      objectiveId,
      keyResultId,
      checkInId,
      {
        value: body.value,
        confidence: body.confidence,
        note: noteOf(body.note),
        reason: body.reason,
      },
      expected,
    );
    return accepted(response, outcome);
  }

  @Post(':checkInId/acknowledge')
  @HttpCode(200)
  @ApiOperation({ summary: 'Acknowledge a check-in (one of the leads of the day it was recorded)' })
  @CheckinsCommandResponses()
  async acknowledge(
    @CurrentActor() actor: AuthenticatedActor,
    @Param('objectiveId', uuidParam) objectiveId: string,
    @Param('keyResultId', uuidParam) keyResultId: string,
    @Param('checkInId', uuidParam) checkInId: string,
    @Body() body: AcknowledgeDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CheckinsCommandAccepted> {
    const outcome = await this.checkIns.acknowledge(
      actor,
      objectiveId,
      keyResultId,
      checkInId,
      body.comment,
    );
    return accepted(response, outcome);
  }
}
