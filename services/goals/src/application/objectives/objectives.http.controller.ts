import { Body, Controller, HttpCode, Param, Patch, Post, Put, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CallerRevision as Revision } from '@rhythm/event-sourcing';
import { CurrentActor, type AuthenticatedActor } from '@rhythm/identity';
import type { Response } from 'express';
import {
  accepted,
  ReviewNoteRecorded,
  type CommandAccepted,
} from '../http/command-accepted.response';
import { ownerOf } from '../http/drafts';
import { ExpectedRevision } from '../http/expected-revision.decorator';
import { GoalsCommandResponses, PathParams } from '../http/goals-api.decorators';
import { uuidParam } from '../http/goals-ids';
import { ReasonDto } from '../http/shared.dto';
import { ObjectiveCommandHandlers } from './objective-command.handlers';
import {
  ChangeObjectiveOwnerDto,
  ChangeVisibilityDto,
  DefineObjectiveDto,
  ObjectiveFromTemplateDto,
  RenameObjectiveDto,
  RetrospectiveDto,
  ReviewNoteDto,
} from './objectives.dto';

/** Objectives: set by the owner's lead (or the person), changed with a reason, reviewed, scored. */
@ApiTags('objectives')
@PathParams({ objectiveId: 'uuid' })
@Controller('objectives')
export class ObjectivesHttpController {
  constructor(private readonly objectives: ObjectiveCommandHandlers) {}

  @Post()
  @ApiOperation({ summary: 'Define an objective (a draft: add key results, then activate it)' })
  @GoalsCommandResponses(true)
  async define(
    @CurrentActor() actor: AuthenticatedActor,
    @Body() body: DefineObjectiveDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandAccepted> {
    const outcome = await this.objectives.define(actor, {
      cycleId: body.cycleId,
      title: body.title,
      kind: body.kind,
      owner: ownerOf(body.owner),
      ...(body.description === undefined ? {} : { description: body.description }),
      ...(body.visibility === undefined ? {} : { visibility: body.visibility }),
    });
    return accepted(response, outcome, `/objectives/${outcome.id}`);
  }

  @Post('from-template')
  @ApiOperation({
    summary: 'Define an objective from a template, with the key results the team keeps',
  })
  @GoalsCommandResponses(true)
  async fromTemplate(
    @CurrentActor() actor: AuthenticatedActor,
    @Body() body: ObjectiveFromTemplateDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandAccepted> {
    const outcome = await this.objectives.fromTemplate(actor, {
      templateId: body.templateId,
      language: body.language ?? 'en',
      cycleId: body.cycleId,
      owner: ownerOf(body.owner),
      ...(body.kind === undefined ? {} : { kind: body.kind }),
      ...(body.visibility === undefined ? {} : { visibility: body.visibility }),
      keyResults: body.keyResults.map(({ index, baseline, owner }) => ({ index, baseline, owner })),
    });
    return accepted(response, outcome, `/objectives/${outcome.id}`);
  }

  @Post(':objectiveId/activate')
  @HttpCode(200)
  @ApiOperation({ summary: 'Activate a draft with 1–5 key results: progress may now be recorded' })
  @GoalsCommandResponses()
  async activate(
    @CurrentActor() actor: AuthenticatedActor,
    @Param('objectiveId', uuidParam) objectiveId: string,
    @ExpectedRevision() expected: Revision,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandAccepted> {
    return accepted(response, await this.objectives.activate(actor, objectiveId, expected));
  }

  @Patch(':objectiveId')
  @ApiOperation({ summary: 'Change the title (and description) of an objective' })
  @GoalsCommandResponses()
  async rename(
    @CurrentActor() actor: AuthenticatedActor,
    @Param('objectiveId', uuidParam) objectiveId: string,
    @Body() body: RenameObjectiveDto,
    @ExpectedRevision() expected: Revision,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandAccepted> {
    return accepted(response, await this.objectives.rename(actor, objectiveId, body, expected));
  }

  @Put(':objectiveId/owner')
  @ApiOperation({ summary: 'Hand the objective to another owner' })
  @GoalsCommandResponses()
  async changeOwner(
    @CurrentActor() actor: AuthenticatedActor,
    @Param('objectiveId', uuidParam) objectiveId: string,
    @Body() body: ChangeObjectiveOwnerDto,
    @ExpectedRevision() expected: Revision,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandAccepted> {
    const outcome = await this.objectives.changeOwner(
      actor,
      objectiveId,
      { owner: ownerOf(body.owner), ...(body.reason === undefined ? {} : { reason: body.reason }) },
      expected,
    );
    return accepted(response, outcome);
  }

  @Put(':objectiveId/visibility')
  @ApiOperation({ summary: 'Make the objective public or private (owners and leads only)' })
  @GoalsCommandResponses()
  async changeVisibility(
    @CurrentActor() actor: AuthenticatedActor,
    @Param('objectiveId', uuidParam) objectiveId: string,
    @Body() body: ChangeVisibilityDto,
    @ExpectedRevision() expected: Revision,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandAccepted> {
    return accepted(
      response,
      await this.objectives.changeVisibility(actor, objectiveId, body, expected),
    );
  }

  @Post(':objectiveId/review-notes')
  @ApiOperation({ summary: 'Record a mid-cycle or end-of-cycle review note' })
  @GoalsCommandResponses(true, ReviewNoteRecorded)
  async recordReviewNote(
    @CurrentActor() actor: AuthenticatedActor,
    @Param('objectiveId', uuidParam) objectiveId: string,
    @Body() body: ReviewNoteDto,
    @ExpectedRevision() expected: Revision,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandAccepted & { noteId: string }> {
    const outcome = await this.objectives.recordReviewNote(actor, objectiveId, body, expected);
    return accepted(response, outcome, undefined, { noteId: outcome.noteId });
  }

  @Post(':objectiveId/score')
  @HttpCode(200)
  @ApiOperation({
    summary:
      "Score one active objective of a closed cycle under the cycle's rule (admins; closing the cycle scores them all)",
  })
  @GoalsCommandResponses()
  async score(
    @CurrentActor() actor: AuthenticatedActor,
    @Param('objectiveId', uuidParam) objectiveId: string,
    @ExpectedRevision() expected: Revision,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandAccepted> {
    return accepted(response, await this.objectives.score(actor, objectiveId, expected));
  }

  @Put(':objectiveId/retrospective')
  @ApiOperation({ summary: 'Record the retrospective: what went well, what was learned' })
  @GoalsCommandResponses()
  async recordRetrospective(
    @CurrentActor() actor: AuthenticatedActor,
    @Param('objectiveId', uuidParam) objectiveId: string,
    @Body() body: RetrospectiveDto,
    @ExpectedRevision() expected: Revision,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandAccepted> {
    return accepted(
      response,
      await this.objectives.recordRetrospective(actor, objectiveId, body, expected),
    );
  }

  @Post(':objectiveId/abandon')
  @HttpCode(200)
  @ApiOperation({ summary: 'Abandon the objective, with a reason' })
  @GoalsCommandResponses()
  async abandon(
    @CurrentActor() actor: AuthenticatedActor,
    @Param('objectiveId', uuidParam) objectiveId: string,
    @Body() body: ReasonDto,
    @ExpectedRevision() expected: Revision,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandAccepted> {
    return accepted(
      response,
      await this.objectives.abandon(actor, objectiveId, body.reason, expected),
    );
  }
}
