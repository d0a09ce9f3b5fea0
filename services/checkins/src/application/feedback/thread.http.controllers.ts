import { Body, Controller, Delete, Get, Inject, Param, Post, Put, Res } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { CurrentActor, type AuthenticatedActor } from '@rhythm/identity';
import { accepted, RequestInvalid } from '@rhythm/operability';
import { isUUID } from 'class-validator';
import type { Response } from 'express';
import { reactionProblem, reactions, type Reaction } from '../../checkins-domain';
import { CheckinsCommandAccepted, CheckinsCommandResponses } from '../http/checkins-api.decorators';
import { EditCommentDto, PostCommentDto } from '../http/checkins.dto';
import { CheckinsQueryResponses } from '../http/checkins.responses';
import { threadPath, type ThreadAddress } from './thread-address';
import { ThreadCommandHandlers } from './thread-command.handlers';
import { ThreadQueries } from './thread.queries';
import { ThreadResponse } from './thread.responses';

type Params = Readonly<Record<string, string>>;

/** Ids in a thread's paths are UUIDs, as everywhere in the API: anything else is a 400. */
const uuidsOf = <Name extends string>(params: Params, names: readonly Name[]) => {
  const problems = Object.fromEntries(
    names.filter((name) => !isUUID(params[name])).map((name) => [name, 'must be a UUID']),
  );
  if (Object.keys(problems).length > 0) throw new RequestInvalid(problems);
  return Object.fromEntries(names.map((name) => [name, params[name]])) as Record<Name, string>;
};

const reactionOf = (params: Params): Reaction => {
  const problem = reactionProblem(params.reaction);
  if (problem !== undefined) throw new RequestInvalid({ reaction: problem });
  return params.reaction as Reaction;
};

const commentIdOf = (params: Params): string => uuidsOf(params, ['commentId']).commentId;

const commentIdParam = ApiParam({ name: 'commentId', format: 'uuid' });
const reactionParam = ApiParam({ name: 'reaction', enum: reactions });

/**
 * The routes of a thread, the same under a check-in, a blocker and an insight: each controller
 * below says only where its target sits in the API.
 */
abstract class ThreadRoutes {
  constructor(
    @Inject(ThreadCommandHandlers) private readonly threads: ThreadCommandHandlers,
    @Inject(ThreadQueries) private readonly queries: ThreadQueries,
  ) {}

  /** The target named by the path, its ids checked. */
  protected abstract addressOf(params: Params): ThreadAddress;

  @Get('comments')
  @CheckinsQueryResponses(ThreadResponse)
  @ApiOperation({
    summary:
      'The thread: reactions to the target and its comments in order, deleted ones as tombstones without text',
  })
  thread(@CurrentActor() actor: AuthenticatedActor, @Param() params: Params) {
    return this.queries.thread(actor, this.addressOf(params));
  }

  @Post('comments')
  @ApiOperation({ summary: 'Comment (anyone who may see the objective)' })
  @CheckinsCommandResponses(true)
  async post(
    @CurrentActor() actor: AuthenticatedActor,
    @Param() params: Params,
    @Body() body: PostCommentDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CheckinsCommandAccepted> {
    const address = this.addressOf(params);
    const outcome = await this.threads.post(actor, address, {
      ...(body.commentId === undefined ? {} : { commentId: body.commentId }),
      text: body.text,
    });
    return accepted(response, outcome, `${threadPath(address)}/comments`);
  }

  @Put('comments/:commentId')
  @commentIdParam
  @ApiOperation({ summary: 'Edit a comment (its author only); the text before stays in history' })
  @CheckinsCommandResponses()
  async edit(
    @CurrentActor() actor: AuthenticatedActor,
    @Param() params: Params,
    @Body() body: EditCommentDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CheckinsCommandAccepted> {
    const address = this.addressOf(params);
    const outcome = await this.threads.edit(actor, address, commentIdOf(params), body.text);
    return accepted(response, outcome);
  }

  @Delete('comments/:commentId')
  @commentIdParam
  @ApiOperation({
    summary: "Delete a comment (its author, the objective's lead or an admin): a tombstone",
  })
  @CheckinsCommandResponses()
  async delete(
    @CurrentActor() actor: AuthenticatedActor,
    @Param() params: Params,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CheckinsCommandAccepted> {
    const address = this.addressOf(params);
    const outcome = await this.threads.delete(actor, address, commentIdOf(params));
    return accepted(response, outcome);
  }

  @Put('reactions/:reaction')
  @reactionParam
  @ApiOperation({ summary: 'React to the target, once of each kind' })
  @CheckinsCommandResponses()
  async react(
    @CurrentActor() actor: AuthenticatedActor,
    @Param() params: Params,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CheckinsCommandAccepted> {
    const address = this.addressOf(params);
    const outcome = await this.threads.react(actor, address, { reaction: reactionOf(params) });
    return accepted(response, outcome);
  }

  @Delete('reactions/:reaction')
  @reactionParam
  @ApiOperation({ summary: 'Take back one of my reactions to the target' })
  @CheckinsCommandResponses()
  async unreact(
    @CurrentActor() actor: AuthenticatedActor,
    @Param() params: Params,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CheckinsCommandAccepted> {
    const address = this.addressOf(params);
    const outcome = await this.threads.unreact(actor, address, { reaction: reactionOf(params) });
    return accepted(response, outcome);
  }

  @Put('comments/:commentId/reactions/:reaction')
  @commentIdParam
  @reactionParam
  @ApiOperation({ summary: 'React to a comment, once of each kind' })
  @CheckinsCommandResponses()
  async reactToComment(
    @CurrentActor() actor: AuthenticatedActor,
    @Param() params: Params,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CheckinsCommandAccepted> {
    const address = this.addressOf(params);
    const outcome = await this.threads.react(actor, address, {
      reaction: reactionOf(params),
      commentId: commentIdOf(params),
    });
    return accepted(response, outcome);
  }

  @Delete('comments/:commentId/reactions/:reaction')
  @commentIdParam
  @reactionParam
  @ApiOperation({ summary: 'Take back one of my reactions to a comment' })
  @CheckinsCommandResponses()
  async unreactToComment(
    @CurrentActor() actor: AuthenticatedActor,
    @Param() params: Params,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CheckinsCommandAccepted> {
    const address = this.addressOf(params);
    const outcome = await this.threads.unreact(actor, address, {
      reaction: reactionOf(params),
      commentId: commentIdOf(params),
    });
    return accepted(response, outcome);
  }
}

const uuid = (name: string) => ApiParam({ name, format: 'uuid' });

@ApiTags('feedback')
@Controller('objectives/:objectiveId/key-results/:keyResultId/check-ins/:checkInId')
@uuid('objectiveId')
@uuid('keyResultId')
@uuid('checkInId')
export class CheckInThreadHttpController extends ThreadRoutes {
  protected addressOf(params: Params): ThreadAddress {
    return {
      kind: 'check-in',
      ...uuidsOf(params, ['objectiveId', 'keyResultId', 'checkInId']),
    };
  }
}

@ApiTags('feedback')
@Controller('blockers/:blockerId')
@uuid('blockerId')
export class BlockerThreadHttpController extends ThreadRoutes {
  protected addressOf(params: Params): ThreadAddress {
    return { kind: 'blocker', ...uuidsOf(params, ['blockerId']) };
  }
}

@ApiTags('feedback')
@Controller('insights/:insightId')
@uuid('insightId')
export class InsightThreadHttpController extends ThreadRoutes {
  protected addressOf(params: Params): ThreadAddress {
    return { kind: 'insight', ...uuidsOf(params, ['insightId']) };
  }
}
