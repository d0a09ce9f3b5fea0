import { Body, Controller, Delete, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiProperty, ApiTags } from '@nestjs/swagger';
import { CurrentActor, type AuthenticatedActor } from '@rhythm/identity';
import { accepted, CommandAccepted, CommandAnswers, RequestInvalid } from '@rhythm/operability';
import type { Response } from 'express';
import { kudosReactions, type KudosReaction } from '../../recognition-domain';
import { uuidParam } from '../http/recognition-params';
import { CommentOnKudosDto, GiveKudosDto, ReactDto } from '../http/recognition.dto';
import { KudosCommandHandlers } from './kudos-command.handlers';

export class KudosCommented extends CommandAccepted {
  @ApiProperty({ format: 'uuid' }) commentId!: string;
}

const unknownKudos = 'The kudos, a person, unit or goal it names is unknown';

const reactionOf = (reaction: string): KudosReaction => {
  if ((kudosReactions as readonly string[]).includes(reaction)) return reaction as KudosReaction;
  throw new RequestInvalid({ reaction: `must be one of ${kudosReactions.join(', ')}` });
};

/** Kudos: a person thanks people or a unit, others react and comment, the giver may withdraw. */
@ApiTags('kudos')
@Controller('kudos')
export class KudosHttpController {
  constructor(private readonly kudos: KudosCommandHandlers) {}

  @Post()
  @ApiOperation({
    summary: 'Give kudos to people and/or a unit, with a message, values and maybe a goal',
    description:
      'Never to oneself; at most the organisation’s kudos per hour (409 says when the next one ' +
      'can be given); values among the organisation’s (GET /settings).',
  })
  @CommandAnswers({ created: true, unknown: unknownKudos })
  async give(
    @CurrentActor() actor: AuthenticatedActor,
    @Body() body: GiveKudosDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandAccepted> {
    const outcome = await this.kudos.give(actor, {
      ...(body.kudosId === undefined ? {} : { kudosId: body.kudosId }),
      to: {
        personIds: body.to.personIds,
        ...(body.to.unit === undefined ? {} : { unit: { ...body.to.unit } }),
      },
      message: body.message,
      ...(body.values === undefined ? {} : { values: body.values }),
      ...(body.about === undefined ? {} : { about: subjectOf(body.about) }),
      audience: body.audience,
    });
    return accepted(response, outcome, `/kudos/${outcome.id}`);
  }

  @Post(':kudosId/reactions')
  @HttpCode(200)
  @ApiOperation({ summary: 'React to a kudos (one of each kind per person)' })
  @CommandAnswers({ unknown: unknownKudos })
  async react(
    @CurrentActor() actor: AuthenticatedActor,
    @Param('kudosId', uuidParam) kudosId: string,
    @Body() body: ReactDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandAccepted> {
    return accepted(response, await this.kudos.react(actor, kudosId, body.reaction));
  }

  @Delete(':kudosId/reactions/:reaction')
  @ApiOperation({ summary: 'Take one’s reaction back' })
  @ApiParam({ name: 'reaction', enum: kudosReactions })
  @CommandAnswers({ unknown: unknownKudos })
  async removeReaction(
    @CurrentActor() actor: AuthenticatedActor,
    @Param('kudosId', uuidParam) kudosId: string,
    @Param('reaction') reaction: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandAccepted> {
    return accepted(
      response,
      await this.kudos.removeReaction(actor, kudosId, reactionOf(reaction)),
    );
  }

  @Post(':kudosId/comments')
  @ApiOperation({ summary: 'Comment on a kudos' })
  @CommandAnswers({ created: true, unknown: unknownKudos, answer: KudosCommented })
  async comment(
    @CurrentActor() actor: AuthenticatedActor,
    @Param('kudosId', uuidParam) kudosId: string,
    @Body() body: CommentOnKudosDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<KudosCommented> {
    const outcome = await this.kudos.comment(actor, kudosId, {
      ...(body.commentId === undefined ? {} : { commentId: body.commentId }),
      text: body.text,
    });
    return accepted(response, outcome, `/kudos/${kudosId}`, { commentId: outcome.commentId });
  }

  @Post(':kudosId/withdraw')
  @HttpCode(200)
  @ApiOperation({ summary: 'Withdraw a kudos (its giver only): it leaves every wall and count' })
  @CommandAnswers({ unknown: unknownKudos })
  async withdraw(
    @CurrentActor() actor: AuthenticatedActor,
    @Param('kudosId', uuidParam) kudosId: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandAccepted> {
    return accepted(response, await this.kudos.withdraw(actor, kudosId));
  }
}

const subjectOf = (about: GiveKudosDto['about'] & object) => {
  switch (about.kind) {
    case 'objective':
      return { kind: 'objective' as const, objectiveId: about.objectiveId };
    case 'key-result':
      return {
        kind: 'key-result' as const,
        objectiveId: about.objectiveId,
        keyResultId: about.keyResultId!,
      };
    case 'check-in':
      return {
        kind: 'check-in' as const,
        objectiveId: about.objectiveId,
        keyResultId: about.keyResultId!,
        checkInId: about.checkInId!,
      };
    default:
      return {
        kind: 'blocker' as const,
        objectiveId: about.objectiveId,
        blockerId: about.blockerId!,
      };
  }
};
