import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CallerRevision as Revision } from '@rhythm/event-sourcing';
import { CurrentActor, type AuthenticatedActor } from '@rhythm/identity';
import { RequestInvalid } from '@rhythm/operability';
import type { Response } from 'express';
import type { RevisedDraft } from '../../goals-domain';
import {
  accepted,
  ChangeSuggested,
  ProposalCommented,
  type CommandAccepted,
} from '../http/command-accepted.response';
import { keyResultDraftOf, objectiveDraftOf } from '../http/drafts';
import { ExpectedRevision } from '../http/expected-revision.decorator';
import { GoalsCommandResponses, PathParams } from '../http/goals-api.decorators';
import { uuidParam } from '../http/goals-ids';
import { OptionalReasonDto, ReasonDto } from '../http/shared.dto';
import { ProposalCommandHandlers } from './proposal-command.handlers';
import {
  ProposalTextDto,
  ProposeKeyResultDto,
  ProposeObjectiveDto,
  ReviseProposalDto,
} from './proposals.dto';

/**
 * Setting OKRs together: anyone proposes, others comment and suggest, the proposer revises, the
 * unit's lead (or an admin) approves — creating the objective or key result — or returns it.
 */
@ApiTags('proposals')
@PathParams({ proposalId: 'uuid' })
@Controller('proposals')
export class ProposalsHttpController {
  constructor(private readonly proposals: ProposalCommandHandlers) {}

  @Post('objectives')
  @ApiOperation({ summary: 'Propose an objective (with 0–5 key results) for a unit' })
  @GoalsCommandResponses(true)
  async proposeObjective(
    @CurrentActor() actor: AuthenticatedActor,
    @Body() body: ProposeObjectiveDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandAccepted> {
    const outcome = await this.proposals.proposeObjective(actor, {
      cycleId: body.cycleId,
      unit: { kind: body.unit.kind, id: body.unit.id ?? '' },
      draft: objectiveDraftOf(body.draft),
    });
    return accepted(response, outcome, `/proposals/${outcome.id}`);
  }

  @Post('key-results')
  @ApiOperation({ summary: "Propose a key result for a unit's objective" })
  @GoalsCommandResponses(true)
  async proposeKeyResult(
    @CurrentActor() actor: AuthenticatedActor,
    @Body() body: ProposeKeyResultDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandAccepted> {
    const outcome = await this.proposals.proposeKeyResult(actor, {
      objectiveId: body.objectiveId,
      draft: keyResultDraftOf(body.draft),
    });
    return accepted(response, outcome, `/proposals/${outcome.id}`);
  }

  @Post(':proposalId/comments')
  @ApiOperation({ summary: 'Comment on a proposal' })
  @GoalsCommandResponses(true, ProposalCommented)
  async comment(
    @CurrentActor() actor: AuthenticatedActor,
    @Param('proposalId', uuidParam) proposalId: string,
    @Body() body: ProposalTextDto,
    @ExpectedRevision() expected: Revision,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandAccepted & { commentId: string }> {
    const outcome = await this.proposals.comment(actor, proposalId, body.text, expected);
    return accepted(response, outcome, undefined, { commentId: outcome.commentId });
  }

  @Post(':proposalId/suggestions')
  @ApiOperation({ summary: 'Suggest a change to a proposal' })
  @GoalsCommandResponses(true, ChangeSuggested)
  async suggest(
    @CurrentActor() actor: AuthenticatedActor,
    @Param('proposalId', uuidParam) proposalId: string,
    @Body() body: ProposalTextDto,
    @ExpectedRevision() expected: Revision,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandAccepted & { suggestionId: string }> {
    const outcome = await this.proposals.suggest(actor, proposalId, body.text, expected);
    return accepted(response, outcome, undefined, { suggestionId: outcome.suggestionId });
  }

  @Post(':proposalId/revisions')
  @HttpCode(200)
  @ApiOperation({
    summary: 'The proposer revises the proposal (also after a return): `objective` or `keyResult`',
  })
  @GoalsCommandResponses()
  async revise(
    @CurrentActor() actor: AuthenticatedActor,
    @Param('proposalId', uuidParam) proposalId: string,
    @Body() body: ReviseProposalDto,
    @ExpectedRevision() expected: Revision,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandAccepted> {
    const outcome = await this.proposals.revise(
      actor,
      proposalId,
      {
        revised: revisedDraftOf(body),
        ...(body.addressedSuggestionIds === undefined
          ? {}
          : { addressedSuggestionIds: body.addressedSuggestionIds }),
      },
      expected,
    );
    return accepted(response, outcome);
  }

  @Post(':proposalId/resubmit')
  @HttpCode(200)
  @ApiOperation({ summary: 'Submit a returned proposal again' })
  @GoalsCommandResponses()
  async resubmit(
    @CurrentActor() actor: AuthenticatedActor,
    @Param('proposalId', uuidParam) proposalId: string,
    @ExpectedRevision() expected: Revision,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandAccepted> {
    return accepted(response, await this.proposals.resubmit(actor, proposalId, expected));
  }

  @Post(':proposalId/approve')
  @HttpCode(200)
  @ApiOperation({
    summary:
      "The unit's lead (or an admin) approves: the objective or key result is created (403 for anyone else)",
  })
  @GoalsCommandResponses()
  async approve(
    @CurrentActor() actor: AuthenticatedActor,
    @Param('proposalId', uuidParam) proposalId: string,
    @ExpectedRevision() expected: Revision,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandAccepted & { objectiveId?: string; keyResultIds: readonly string[] }> {
    const outcome = await this.proposals.approve(actor, proposalId, expected);
    return accepted(
      response,
      outcome,
      outcome.objectiveId === undefined ? undefined : `/objectives/${outcome.objectiveId}`,
      {
        ...(outcome.objectiveId === undefined ? {} : { objectiveId: outcome.objectiveId }),
        keyResultIds: outcome.keyResultIds,
      },
    );
  }

  @Post(':proposalId/return')
  @HttpCode(200)
  @ApiOperation({ summary: "The unit's lead returns the proposal to the proposer, with a reason" })
  @GoalsCommandResponses()
  async return(
    @CurrentActor() actor: AuthenticatedActor,
    @Param('proposalId', uuidParam) proposalId: string,
    @Body() body: ReasonDto,
    @ExpectedRevision() expected: Revision,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandAccepted> {
    return accepted(
      response,
      await this.proposals.return(actor, proposalId, body.reason, expected),
    );
  }

  @Post(':proposalId/withdraw')
  @HttpCode(200)
  @ApiOperation({ summary: 'The proposer withdraws the proposal' })
  @GoalsCommandResponses()
  async withdraw(
    @CurrentActor() actor: AuthenticatedActor,
    @Param('proposalId', uuidParam) proposalId: string,
    @Body() body: OptionalReasonDto,
    @ExpectedRevision() expected: Revision,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandAccepted> {
    return accepted(
      response,
      await this.proposals.withdraw(actor, proposalId, body.reason, expected),
    );
  }
}

const revisedDraftOf = (body: ReviseProposalDto): RevisedDraft => {
  if (body.objective !== undefined && body.keyResult !== undefined) {
    throw new RequestInvalid({ objective: 'give either objective or keyResult, not both' });
  }
  if (body.objective !== undefined) {
    return { kind: 'objective', draft: objectiveDraftOf(body.objective) };
  }
  if (body.keyResult !== undefined) {
    return { kind: 'key-result', draft: keyResultDraftOf(body.keyResult) };
  }
  throw new RequestInvalid({ objective: 'give objective or keyResult' });
};
