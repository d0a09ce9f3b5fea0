import { Controller, Get, Param } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentActor, type AuthenticatedActor } from '@rhythm/identity';
import { GoalsQuery } from './goals-query.decorators';
import { VisibilityGate } from '../visibility/visibility.gate';
import { OkrQueries, type HistoryEntryView, type ObjectiveDetail } from './okr.queries';
import { HistoryEntryResponse, ObjectiveDetailResponse } from './okr.responses';

@ApiTags('objectives')
@Controller('objectives')
export class ObjectivesQueriesHttpController {
  constructor(
    private readonly visibility: VisibilityGate,
    private readonly okrs: OkrQueries,
  ) {}

  @Get(':objectiveId')
  @GoalsQuery(
    'One objective with its key results, alignment, progress and review',
    ObjectiveDetailResponse,
  )
  async objective(
    @CurrentActor() actor: AuthenticatedActor,
    @Param('objectiveId') objectiveId: string,
  ): Promise<ObjectiveDetail> {
    return this.okrs.objective(await this.visibility.readerOf(actor), objectiveId);
  }

  @Get(':objectiveId/history')
  @GoalsQuery(
    'The audit history of an objective and its key results',
    [HistoryEntryResponse],
    'Every change in order: who, when, why, and each field before → after.',
  )
  async history(
    @CurrentActor() actor: AuthenticatedActor,
    @Param('objectiveId') objectiveId: string,
  ): Promise<HistoryEntryView[]> {
    return this.okrs.history(await this.visibility.readerOf(actor), objectiveId);
  }

  @Get(':objectiveId/key-results/:keyResultId/history')
  @GoalsQuery('The audit history of one key result', [HistoryEntryResponse])
  async keyResultHistory(
    @CurrentActor() actor: AuthenticatedActor,
    @Param('objectiveId') objectiveId: string,
    @Param('keyResultId') keyResultId: string,
  ): Promise<HistoryEntryView[]> {
    return this.okrs.keyResultHistory(
      await this.visibility.readerOf(actor),
      objectiveId,
      keyResultId,
    );
  }
}
