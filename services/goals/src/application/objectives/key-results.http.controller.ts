import { Body, Controller, Delete, HttpCode, Param, Patch, Post, Put, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CallerRevision as Revision } from '@rhythm/event-sourcing';
import { CurrentActor, type AuthenticatedActor } from '@rhythm/identity';
import type { Response } from 'express';
import { accepted, KeyResultAdded, type CommandAccepted } from '../http/command-accepted.response';
import { keyResultDraftOf } from '../http/drafts';
import { ExpectedRevision } from '../http/expected-revision.decorator';
import { GoalsCommandResponses, PathParams } from '../http/goals-api.decorators';
import { uuidParam } from '../http/goals-ids';
import { OptionalReasonDto } from '../http/shared.dto';
import { ObjectiveCommandHandlers } from './objective-command.handlers';
import {
  AddKeyResultDto,
  AdjustTargetDto,
  ChangeKeyResultOwnerDto,
  OverrideScoreDto,
  RecordProgressDto,
  RenameKeyResultDto,
  ReweighKeyResultDto,
} from './objectives.dto';

/**
 * Key results of an objective. Their revision is the objective's: one aggregate holds the
 * objective and its key results (ADR 0020), so If-Match takes the objective's ETag.
 */
@ApiTags('key results')
@PathParams({ objectiveId: 'uuid', keyResultId: 'uuid' })
@Controller('objectives/:objectiveId/key-results')
export class KeyResultsHttpController {
  constructor(private readonly objectives: ObjectiveCommandHandlers) {}

  @Post()
  @ApiOperation({ summary: 'Add a key result (1–5 per objective)' })
  @GoalsCommandResponses(true, KeyResultAdded)
  async add(
    @CurrentActor() actor: AuthenticatedActor,
    @Param('objectiveId', uuidParam) objectiveId: string,
    @Body() body: AddKeyResultDto,
    @ExpectedRevision() expected: Revision,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandAccepted & { keyResultId: string }> {
    const outcome = await this.objectives.addKeyResult(
      actor,
      objectiveId,
      {
        ...keyResultDraftOf(body),
        ...(body.reason === undefined ? {} : { reason: body.reason }),
      },
      expected,
    );
    return accepted(
      response,
      outcome,
      `/objectives/${objectiveId}/key-results/${outcome.keyResultId}`,
      { keyResultId: outcome.keyResultId },
    );
  }

  @Patch(':keyResultId')
  @ApiOperation({ summary: 'Change the title of a key result' })
  @GoalsCommandResponses()
  async rename(
    @CurrentActor() actor: AuthenticatedActor,
    @Param('objectiveId', uuidParam) objectiveId: string,
    @Param('keyResultId', uuidParam) keyResultId: string,
    @Body() body: RenameKeyResultDto,
    @ExpectedRevision() expected: Revision,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandAccepted> {
    return accepted(
      response,
      await this.objectives.renameKeyResult(actor, objectiveId, keyResultId, body, expected),
    );
  }

  @Put(':keyResultId/target')
  @ApiOperation({
    summary: 'Adjust the target; lowering it on an active objective needs a reason (400 without)',
  })
  @GoalsCommandResponses()
  async adjustTarget(
    @CurrentActor() actor: AuthenticatedActor,
    @Param('objectiveId', uuidParam) objectiveId: string,
    @Param('keyResultId', uuidParam) keyResultId: string,
    @Body() body: AdjustTargetDto,
    @ExpectedRevision() expected: Revision,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandAccepted> {
    return accepted(
      response,
      await this.objectives.adjustTarget(actor, objectiveId, keyResultId, body, expected),
    );
  }

  @Put(':keyResultId/owner')
  @ApiOperation({ summary: 'Make another person accountable for the key result' })
  @GoalsCommandResponses()
  async changeOwner(
    @CurrentActor() actor: AuthenticatedActor,
    @Param('objectiveId', uuidParam) objectiveId: string,
    @Param('keyResultId', uuidParam) keyResultId: string,
    @Body() body: ChangeKeyResultOwnerDto,
    @ExpectedRevision() expected: Revision,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandAccepted> {
    return accepted(
      response,
      await this.objectives.changeKeyResultOwner(actor, objectiveId, keyResultId, body, expected),
    );
  }

  @Put(':keyResultId/weight')
  @ApiOperation({ summary: 'Change the weight of a key result in its objective' })
  @GoalsCommandResponses()
  async reweigh(
    @CurrentActor() actor: AuthenticatedActor,
    @Param('objectiveId', uuidParam) objectiveId: string,
    @Param('keyResultId', uuidParam) keyResultId: string,
    @Body() body: ReweighKeyResultDto,
    @ExpectedRevision() expected: Revision,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandAccepted> {
    return accepted(
      response,
      await this.objectives.reweighKeyResult(actor, objectiveId, keyResultId, body, expected),
    );
  }

  @Delete(':keyResultId')
  @ApiOperation({
    summary: 'Drop a key result; on an active objective the body must give a reason',
  })
  @GoalsCommandResponses()
  async drop(
    @CurrentActor() actor: AuthenticatedActor,
    @Param('objectiveId', uuidParam) objectiveId: string,
    @Param('keyResultId', uuidParam) keyResultId: string,
    @Body() body: OptionalReasonDto,
    @ExpectedRevision() expected: Revision,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandAccepted> {
    return accepted(
      response,
      await this.objectives.dropKeyResult(actor, objectiveId, keyResultId, body.reason, expected),
    );
  }

  @Post(':keyResultId/progress')
  @HttpCode(200)
  @ApiOperation({ summary: 'Record progress: the current value of the key result' })
  @GoalsCommandResponses()
  async recordProgress(
    @CurrentActor() actor: AuthenticatedActor,
    @Param('objectiveId', uuidParam) objectiveId: string,
    @Param('keyResultId', uuidParam) keyResultId: string,
    @Body() body: RecordProgressDto,
    @ExpectedRevision() expected: Revision,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandAccepted> {
    return accepted(
      response,
      await this.objectives.recordProgress(actor, objectiveId, keyResultId, body, expected),
    );
  }

  @Put(':keyResultId/score')
  @ApiOperation({ summary: 'Override the computed score (0.0–1.0) during review, with a reason' })
  @GoalsCommandResponses()
  async overrideScore(
    @CurrentActor() actor: AuthenticatedActor,
    @Param('objectiveId', uuidParam) objectiveId: string,
    @Param('keyResultId', uuidParam) keyResultId: string,
    @Body() body: OverrideScoreDto,
    @ExpectedRevision() expected: Revision,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandAccepted> {
    return accepted(
      response,
      await this.objectives.overrideScore(actor, objectiveId, keyResultId, body, expected),
    );
  }
}
