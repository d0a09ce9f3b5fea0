import { Body, Controller, Delete, HttpCode, Param, Patch, Post, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CallerRevision as Revision } from '@rhythm/event-sourcing';
import { CurrentActor, type AuthenticatedActor } from '@rhythm/identity';
import type { Response } from 'express';
import type { AmbitionLink } from '../../goals-domain';
import { accepted, type CommandAccepted } from '../http/command-accepted.response';
import { ExpectedRevision } from '../http/expected-revision.decorator';
import { GoalsCommandResponses, PathParams } from '../http/goals-api.decorators';
import { uuidParam } from '../http/goals-ids';
import { AmbitionCommandHandlers } from './ambition-command.handlers';
import {
  AmbitionLinkDto,
  CloseAmbitionDto,
  RecordAmbitionDto,
  ReviseAmbitionDto,
} from './ambitions.dto';

/**
 * The caller's own growth and career ambitions. The revision (ETag, If-Match) is that of all the
 * person's ambitions together: one stream per person.
 */
@ApiTags('ambitions')
@PathParams({ ambitionId: 'uuid', objectiveId: 'uuid', keyResultId: 'uuid' })
@Controller('people/me/ambitions')
export class AmbitionsHttpController {
  constructor(private readonly ambitions: AmbitionCommandHandlers) {}

  @Post()
  @ApiOperation({ summary: 'Record a growth or career ambition' })
  @GoalsCommandResponses(true)
  async record(
    @CurrentActor() actor: AuthenticatedActor,
    @Body() body: RecordAmbitionDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandAccepted> {
    const outcome = await this.ambitions.record(actor, body);
    return accepted(response, outcome, `/people/me/ambitions/${outcome.id}`);
  }

  @Patch(':ambitionId')
  @ApiOperation({ summary: 'Revise the title (and description) of an ambition' })
  @GoalsCommandResponses()
  async revise(
    @CurrentActor() actor: AuthenticatedActor,
    @Param('ambitionId', uuidParam) ambitionId: string,
    @Body() body: ReviseAmbitionDto,
    @ExpectedRevision() expected: Revision,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandAccepted> {
    return accepted(response, await this.ambitions.revise(actor, ambitionId, body, expected));
  }

  @Post(':ambitionId/links')
  @ApiOperation({
    summary: 'Link the ambition to an objective or key result you contribute to (own or listed)',
  })
  @GoalsCommandResponses(true)
  async link(
    @CurrentActor() actor: AuthenticatedActor,
    @Param('ambitionId', uuidParam) ambitionId: string,
    @Body() body: AmbitionLinkDto,
    @ExpectedRevision() expected: Revision,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandAccepted> {
    return accepted(response, await this.ambitions.link(actor, ambitionId, linkOf(body), expected));
  }

  @Delete(':ambitionId/links/:objectiveId')
  @ApiOperation({ summary: 'Unlink the ambition from an objective' })
  @GoalsCommandResponses()
  async unlinkObjective(
    @CurrentActor() actor: AuthenticatedActor,
    @Param('ambitionId', uuidParam) ambitionId: string,
    @Param('objectiveId', uuidParam) objectiveId: string,
    @ExpectedRevision() expected: Revision,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandAccepted> {
    return accepted(
      response,
      await this.ambitions.unlink(actor, ambitionId, { kind: 'objective', objectiveId }, expected),
    );
  }

  @Delete(':ambitionId/links/:objectiveId/key-results/:keyResultId')
  @ApiOperation({ summary: 'Unlink the ambition from a key result' })
  @GoalsCommandResponses()
  async unlinkKeyResult(
    @CurrentActor() actor: AuthenticatedActor,
    @Param('ambitionId', uuidParam) ambitionId: string,
    @Param('objectiveId', uuidParam) objectiveId: string,
    @Param('keyResultId', uuidParam) keyResultId: string,
    @ExpectedRevision() expected: Revision,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandAccepted> {
    return accepted(
      response,
      await this.ambitions.unlink(
        actor,
        ambitionId,
        { kind: 'key-result', objectiveId, keyResultId },
        expected,
      ),
    );
  }

  @Post(':ambitionId/close')
  @HttpCode(200)
  @ApiOperation({ summary: 'Close the ambition: realised or set aside, with a note' })
  @GoalsCommandResponses()
  async close(
    @CurrentActor() actor: AuthenticatedActor,
    @Param('ambitionId', uuidParam) ambitionId: string,
    @Body() body: CloseAmbitionDto,
    @ExpectedRevision() expected: Revision,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandAccepted> {
    return accepted(response, await this.ambitions.close(actor, ambitionId, body, expected));
  }
}

const linkOf = (body: AmbitionLinkDto): AmbitionLink =>
  body.keyResultId === undefined
    ? { kind: 'objective', objectiveId: body.objectiveId }
    : { kind: 'key-result', objectiveId: body.objectiveId, keyResultId: body.keyResultId };
