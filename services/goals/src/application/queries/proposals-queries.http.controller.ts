import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ValidationFailed } from '@rhythm/event-sourcing';
import { CurrentActor, type AuthenticatedActor } from '@rhythm/identity';
import { GoalsQuery } from './goals-query.decorators';
import { VisibilityGate } from '../visibility/visibility.gate';
import { ProposalsQueryDto } from './okr-queries.dto';
import { ProposalResponse } from './okr.responses';
import { ProposalQueries, type ProposalView } from './proposal.queries';

@ApiTags('proposals')
@Controller('proposals')
export class ProposalsQueriesHttpController {
  constructor(
    private readonly visibility: VisibilityGate,
    private readonly proposals: ProposalQueries,
  ) {}

  @Get()
  @GoalsQuery('Proposals, e.g. those for a unit (kind and unitId), newest first', [
    ProposalResponse,
  ])
  async search(
    @CurrentActor() actor: AuthenticatedActor,
    @Query() query: ProposalsQueryDto,
  ): Promise<ProposalView[]> {
    if ((query.kind === undefined) !== (query.unitId === undefined)) {
      const missing = query.kind === undefined ? 'kind' : 'unitId';
      throw new ValidationFailed('kind and unitId go together', {
        [missing]: 'required with the other',
      });
    }
    return this.proposals.proposals(await this.visibility.readerOf(actor), {
      ...(query.kind === undefined || query.unitId === undefined
        ? {}
        : { unit: { kind: query.kind, id: query.unitId } }),
      ...(query.cycleId === undefined ? {} : { cycleId: query.cycleId }),
      ...(query.status === undefined ? {} : { status: query.status }),
    });
  }

  @Get(':proposalId')
  @GoalsQuery('One proposal with its comments, suggestions and outcome', ProposalResponse)
  async proposal(
    @CurrentActor() actor: AuthenticatedActor,
    @Param('proposalId') proposalId: string,
  ): Promise<ProposalView> {
    return this.proposals.proposal(await this.visibility.readerOf(actor), proposalId);
  }
}
