import { Body, Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, type AuthenticatedActor } from '@rhythm/identity';
import { accepted } from '@rhythm/operability';
import type { Response } from 'express';
import { BlockerResponse, CheckinsQueryResponses } from '../http/checkins.responses';
import type { BlockerTarget, WaitsOn } from '../../checkins-domain';
import {
  CheckinsCommandAccepted,
  CheckinsCommandResponses,
  uuidParam,
} from '../http/checkins-api.decorators';
import {
  RaiseBlockerDto,
  ResolveBlockerDto,
  type BlockerTargetDto,
  type WaitsOnDto,
} from '../http/checkins.dto';
import { CheckinsQueries } from '../queries/checkins.queries';
import { BlockerCommandHandlers } from './blocker-command.handlers';

const targetOf = (target: BlockerTargetDto): BlockerTarget =>
  target.kind === 'key-result'
    ? { kind: 'key-result', objectiveId: target.objectiveId, keyResultId: target.keyResultId! }
    : { kind: 'objective', objectiveId: target.objectiveId };

const waitsOnOf = (waitsOn: WaitsOnDto): WaitsOn => {
  switch (waitsOn.kind) {
    case 'person':
      return { kind: 'person', personId: waitsOn.personId! };
    case 'unit':
      return { kind: 'unit', unit: { kind: waitsOn.unitKind!, id: waitsOn.unitId! } };
    default:
      return { kind: 'outside', name: waitsOn.name! };
  }
};

/** Blockers as first-class items: raised, routed to the unit's lead, escalated, resolved. */
@ApiTags('blockers')
@Controller()
export class BlockersHttpController {
  constructor(
    private readonly blockers: BlockerCommandHandlers,
    private readonly queries: CheckinsQueries,
  ) {}

  @Post('blockers')
  @ApiOperation({ summary: 'Raise a blocker on a key result or an objective, and who it waits on' })
  @CheckinsCommandResponses(true)
  async raise(
    @CurrentActor() actor: AuthenticatedActor,
    @Body() body: RaiseBlockerDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CheckinsCommandAccepted> {
    const outcome = await this.blockers.raise(actor, {
      ...(body.blockerId === undefined ? {} : { blockerId: body.blockerId }),
      target: targetOf(body.target),
      description: body.description,
      waitsOn: waitsOnOf(body.waitsOn),
      ...(body.checkInId === undefined ? {} : { checkInId: body.checkInId }),
      ...(body.escalateAfter === undefined ? {} : { escalateAfter: body.escalateAfter }),
    });
    return accepted(response, outcome, `/blockers/${outcome.id}`);
  }

  @Get('blockers/:blockerId')
  @CheckinsQueryResponses(BlockerResponse)
  @ApiOperation({ summary: 'A blocker: who raised it, who owned it when, its times' })
  blocker(
    @CurrentActor() actor: AuthenticatedActor,
    @Param('blockerId', uuidParam) blockerId: string,
  ) {
    return this.queries.blocker(actor, blockerId);
  }

  @Get('objectives/:objectiveId/blockers')
  @CheckinsQueryResponses([BlockerResponse])
  @ApiOperation({ summary: "An objective's blockers, newest first" })
  ofObjective(
    @CurrentActor() actor: AuthenticatedActor,
    @Param('objectiveId', uuidParam) objectiveId: string,
  ) {
    return this.queries.blockersOf(actor, objectiveId);
  }

  @Post('blockers/:blockerId/acknowledge')
  @HttpCode(200)
  @ApiOperation({ summary: 'The lead it is routed to has seen it' })
  @CheckinsCommandResponses()
  async acknowledge(
    @CurrentActor() actor: AuthenticatedActor,
    @Param('blockerId', uuidParam) blockerId: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CheckinsCommandAccepted> {
    return accepted(response, await this.blockers.acknowledge(actor, blockerId));
  }

  @Post('blockers/:blockerId/escalate')
  @HttpCode(200)
  @ApiOperation({
    summary:
      "One level up: a squad's or chapter's to its tribe lead, a guild's to its coordinators",
  })
  @CheckinsCommandResponses()
  async escalate(
    @CurrentActor() actor: AuthenticatedActor,
    @Param('blockerId', uuidParam) blockerId: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CheckinsCommandAccepted> {
    return accepted(response, await this.blockers.escalate(actor, blockerId));
  }

  @Post('blockers/:blockerId/resolve')
  @HttpCode(200)
  @ApiOperation({ summary: 'Resolve it with a note' })
  @CheckinsCommandResponses()
  async resolve(
    @CurrentActor() actor: AuthenticatedActor,
    @Param('blockerId', uuidParam) blockerId: string,
    @Body() body: ResolveBlockerDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CheckinsCommandAccepted> {
    return accepted(response, await this.blockers.resolve(actor, blockerId, body.note));
  }
}
