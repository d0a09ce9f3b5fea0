import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import { CurrentActor, Public, type AuthenticatedActor } from '@rhythm/identity';
import { RequestInvalid } from '@rhythm/operability';
import type { Unit } from '@rhythm/goals-domain';
import { PathParams } from '../application/http/goals-api.decorators';
import { uuidParam } from '../application/http/goals-ids';
import { BoardCommandHandlers, type BoardMade } from './board-command.handlers';
import { BoardViews, type BoardView } from './board-views';
import { CreateBoardDto, type BoardScopeDto } from './boards.dto';
import type { BoardDocument } from './boards.projection';
import { BoardMadeResponse, BoardResponse, BoardViewResponse } from './boards.responses';

const scopeOf = (scope: BoardScopeDto, tenantId: string): Unit => {
  if (scope.kind === 'company') return { kind: 'company', id: scope.unitId ?? tenantId };
  if (scope.unitId === undefined) {
    throw new RequestInvalid({ 'scope.unitId': `is required for a ${scope.kind}` });
  }
  return { kind: scope.kind, id: scope.unitId };
};

const boardOf = ({ _id: _, tenantId: __, ...board }: BoardDocument) => board;

/** TV boards: made and revoked by a unit's lead or an admin, read by anyone with the link. */
@ApiTags('boards')
@PathParams({ boardId: 'uuid' })
@Controller('boards')
export class BoardsHttpController {
  constructor(
    private readonly boards: BoardCommandHandlers,
    private readonly views: BoardViews,
  ) {}

  @Post()
  @ApiBearerAuth()
  @ApiOperation({
    summary: "Make a TV board of a unit's or the company's public OKRs of a cycle",
    description: "Answers the signed link token, once. The unit's lead or an admin only.",
  })
  @ApiCreatedResponse({ type: BoardMadeResponse })
  @ApiForbiddenResponse({ description: 'The caller does not lead the unit and is no admin' })
  @ApiNotFoundResponse({ description: 'No such unit or cycle in this organisation' })
  create(
    @CurrentActor() actor: AuthenticatedActor,
    @Body() body: CreateBoardDto,
  ): Promise<BoardMade> {
    return this.boards.create(actor, {
      scope: scopeOf(body.scope, actor.tenantId),
      cycleId: body.cycleId,
      ...(body.title === undefined ? {} : { title: body.title }),
    });
  }

  @Get()
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'The boards of the organisation the caller may manage (all of them for an admin)',
  })
  @ApiOkResponse({ type: [BoardResponse] })
  async list(@CurrentActor() actor: AuthenticatedActor): Promise<ReturnType<typeof boardOf>[]> {
    return (await this.boards.list(actor)).map(boardOf);
  }

  @Delete(':boardId')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Revoke a board: its link answers 404 from now on (idempotent)' })
  @ApiNoContentResponse({ description: 'Revoked (or already revoked)' })
  @ApiNotFoundResponse({ description: 'No such board, or one the caller may not manage' })
  async revoke(
    @CurrentActor() actor: AuthenticatedActor,
    @Param('boardId', uuidParam) boardId: string,
  ): Promise<void> {
    await this.boards.revoke(actor, boardId);
  }

  @Get('view/:token')
  @Public()
  @ApiOperation({
    summary: 'A board as an office screen shows it, by its link, without signing in',
    description:
      'Public objectives of the units shown only; no people. Revoked, unknown and altered links ' +
      'answer the same 404. Built at most every 5 s per board; poll no faster.',
  })
  @ApiOkResponse({ type: BoardViewResponse })
  @ApiNotFoundResponse({ description: 'No such board (revoked, unknown or altered link)' })
  @ApiTooManyRequestsResponse({ description: 'This board is read too often' })
  view(@Param('token') token: string): Promise<BoardView> {
    return this.views.view(token);
  }
}
