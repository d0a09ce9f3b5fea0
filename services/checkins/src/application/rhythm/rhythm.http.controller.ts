import { randomUUID } from 'node:crypto';
import { Body, Controller, Delete, Get, Param, Post, Put, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, type AuthenticatedActor } from '@rhythm/identity';
import { accepted, RequestInvalid } from '@rhythm/operability';
import type { Response } from 'express';
import {
  CheckinsQueryResponses,
  ConfidenceThresholdsResponse,
  OutOfOfficeResponse,
} from '../http/checkins.responses';
import {
  CheckinsCommandAccepted,
  CheckinsCommandResponses,
  uuidParam,
} from '../http/checkins-api.decorators';
import { CheckinsQueries } from '../queries/checkins.queries';
import { ConfidenceThresholdsDto, OutOfOfficeDto } from './rhythm.dto';
import { RhythmCommandHandlers } from './rhythm-command.handlers';

const personIdPattern = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const personIdOf = (personId: string): string => {
  if (!personIdPattern.test(personId)) {
    throw new RequestInvalid({ personId: 'must be a person id of the organisation' });
  }
  return personId;
};

/** The organisation's confidence thresholds, and who is out of office when. */
@ApiTags('rhythm')
@Controller()
export class RhythmHttpController {
  constructor(
    private readonly rhythm: RhythmCommandHandlers,
    private readonly queries: CheckinsQueries,
  ) {}

  @Get('settings/confidence-thresholds')
  @CheckinsQueryResponses(ConfidenceThresholdsResponse)
  @ApiOperation({ summary: 'How confidences read: on track from, at risk from (below: off track)' })
  thresholds(@CurrentActor() actor: AuthenticatedActor) {
    return this.rhythm.thresholds(actor.tenantId);
  }

  @Put('settings/confidence-thresholds')
  @ApiOperation({
    summary: "Set the organisation's thresholds (an admin); earlier check-ins keep their band",
  })
  @CheckinsCommandResponses()
  async setThresholds(
    @CurrentActor() actor: AuthenticatedActor,
    @Body() body: ConfidenceThresholdsDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CheckinsCommandAccepted> {
    const outcome = await this.rhythm.setThresholds(actor, {
      onTrackFrom: body.onTrackFrom,
      atRiskFrom: body.atRiskFrom,
    });
    return accepted(response, outcome);
  }

  @Get('people/:personId/out-of-office')
  @CheckinsQueryResponses(OutOfOfficeResponse)
  @ApiOperation({ summary: "A person's spans out of office" })
  outOfOffice(@CurrentActor() actor: AuthenticatedActor, @Param('personId') personId: string) {
    return this.queries.absencesOf(actor, personIdOf(personId));
  }

  @Post('people/:personId/out-of-office')
  @ApiOperation({
    summary:
      'Out of office [from, until): the cadence pauses, nothing escalates, the streak carries over (the person, their lead or an admin)',
  })
  @CheckinsCommandResponses(true)
  async declare(
    @CurrentActor() actor: AuthenticatedActor,
    @Param('personId') personId: string,
    @Body() body: OutOfOfficeDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CheckinsCommandAccepted & Readonly<{ absenceId: string }>> {
    const absenceId = body.absenceId ?? randomUUID();
    const outcome = await this.rhythm.declareOutOfOffice(actor, personIdOf(personId), {
      absenceId,
      from: body.from,
      until: body.until,
    });
    return accepted(response, outcome, undefined, { absenceId });
  }

  @Delete('people/:personId/out-of-office/:absenceId')
  @ApiOperation({ summary: 'Back after all: the span is cancelled' })
  @CheckinsCommandResponses()
  async cancel(
    @CurrentActor() actor: AuthenticatedActor,
    @Param('personId') personId: string,
    @Param('absenceId', uuidParam) absenceId: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CheckinsCommandAccepted> {
    return accepted(
      response,
      await this.rhythm.cancelOutOfOffice(actor, personIdOf(personId), absenceId),
    );
  }
}
