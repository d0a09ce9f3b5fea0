import { Body, Controller, HttpCode, Param, Post, Put, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CallerRevision as Revision } from '@rhythm/event-sourcing';
import { CurrentActor, type AuthenticatedActor } from '@rhythm/identity';
import type { Response } from 'express';
import { accepted, CycleClosed, type CommandAccepted } from '../http/command-accepted.response';
import { scoringRuleOf } from '../http/drafts';
import { ExpectedRevision } from '../http/expected-revision.decorator';
import { GoalsCommandResponses, PathParams } from '../http/goals-api.decorators';
import { cycleIdParam } from '../http/goals-ids';
import { ReasonDto } from '../http/shared.dto';
import { CycleCommandHandlers } from './cycle-command.handlers';
import { ChangeScoringRuleDto, PlanCycleDto, RescheduleCycleDto } from './cycles.dto';

/** Cycles and their lifecycle, planning → active → review → closed: for admins and OKR champions. */
@ApiTags('cycles')
@PathParams({ cycleId: 'cycleId' })
@Controller('cycles')
export class CyclesHttpController {
  constructor(private readonly cycles: CycleCommandHandlers) {}

  @Post()
  @ApiOperation({ summary: 'Plan a cycle (e.g. a quarter) with its dates and scoring rule' })
  @GoalsCommandResponses(true)
  async plan(
    @CurrentActor() actor: AuthenticatedActor,
    @Body() body: PlanCycleDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandAccepted> {
    const outcome = await this.cycles.plan(actor, {
      ...(body.cycleId === undefined ? {} : { cycleId: body.cycleId }),
      name: body.name,
      startsOn: body.startsOn,
      endsOn: body.endsOn,
      ...(body.scoringRule === undefined ? {} : { scoringRule: scoringRuleOf(body.scoringRule) }),
    });
    return accepted(response, outcome, `/cycles/${outcome.id}`);
  }

  @Put(':cycleId/schedule')
  @ApiOperation({ summary: 'Move the dates of a planned or running cycle' })
  @GoalsCommandResponses()
  async reschedule(
    @CurrentActor() actor: AuthenticatedActor,
    @Param('cycleId', cycleIdParam) cycleId: string,
    @Body() body: RescheduleCycleDto,
    @ExpectedRevision() expected: Revision,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandAccepted> {
    return accepted(response, await this.cycles.reschedule(actor, cycleId, body, expected));
  }

  @Put(':cycleId/scoring-rule')
  @ApiOperation({ summary: 'Change the scoring rule (until the cycle closes)' })
  @GoalsCommandResponses()
  async changeScoringRule(
    @CurrentActor() actor: AuthenticatedActor,
    @Param('cycleId', cycleIdParam) cycleId: string,
    @Body() body: ChangeScoringRuleDto,
    @ExpectedRevision() expected: Revision,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandAccepted> {
    const outcome = await this.cycles.changeScoringRule(
      actor,
      cycleId,
      {
        scoringRule: scoringRuleOf(body.scoringRule),
        ...(body.reason === undefined ? {} : { reason: body.reason }),
      },
      expected,
    );
    return accepted(response, outcome);
  }

  @Post(':cycleId/activate')
  @HttpCode(200)
  @ApiOperation({ summary: 'Start the cycle: planning → active' })
  @GoalsCommandResponses()
  async activate(
    @CurrentActor() actor: AuthenticatedActor,
    @Param('cycleId', cycleIdParam) cycleId: string,
    @ExpectedRevision() expected: Revision,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandAccepted> {
    return accepted(response, await this.cycles.activate(actor, cycleId, expected));
  }

  @Post(':cycleId/review')
  @HttpCode(200)
  @ApiOperation({ summary: 'Start the end-of-cycle review: active → review' })
  @GoalsCommandResponses()
  async startReview(
    @CurrentActor() actor: AuthenticatedActor,
    @Param('cycleId', cycleIdParam) cycleId: string,
    @ExpectedRevision() expected: Revision,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandAccepted> {
    return accepted(response, await this.cycles.startReview(actor, cycleId, expected));
  }

  @Post(':cycleId/reopen')
  @HttpCode(200)
  @ApiOperation({ summary: 'Back from review to active, with a reason' })
  @GoalsCommandResponses()
  async reopen(
    @CurrentActor() actor: AuthenticatedActor,
    @Param('cycleId', cycleIdParam) cycleId: string,
    @Body() body: ReasonDto,
    @ExpectedRevision() expected: Revision,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandAccepted> {
    return accepted(response, await this.cycles.reopen(actor, cycleId, body.reason, expected));
  }

  @Post(':cycleId/close')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Close the cycle for good: review → closed; every active objective is then scored',
  })
  @GoalsCommandResponses(false, CycleClosed)
  async close(
    @CurrentActor() actor: AuthenticatedActor,
    @Param('cycleId', cycleIdParam) cycleId: string,
    @ExpectedRevision() expected: Revision,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandAccepted & { scoredObjectives: number }> {
    const outcome = await this.cycles.close(actor, cycleId, expected);
    return accepted(response, outcome, undefined, { scoredObjectives: outcome.scoredObjectives });
  }
}
