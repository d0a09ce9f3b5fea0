import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentActor, type AuthenticatedActor } from '@rhythm/identity';
import { GoalsQuery } from './goals-query.decorators';
import { VisibilityGate } from '../visibility/visibility.gate';
import { CycleFilterQueryDto, UnitParamsDto } from './okr-queries.dto';
import { OkrQueries, type UnitOkrs } from './okr.queries';
import { UnitOkrsResponse } from './okr.responses';

@ApiTags('units')
@Controller('units')
export class UnitsQueriesHttpController {
  constructor(
    private readonly visibility: VisibilityGate,
    private readonly okrs: OkrQueries,
  ) {}

  @Get(':kind/:unitId/objectives')
  @GoalsQuery('A unit’s OKRs (company, tribe, squad, chapter or guild)', UnitOkrsResponse)
  async objectives(
    @CurrentActor() actor: AuthenticatedActor,
    @Param() params: UnitParamsDto,
    @Query() query: CycleFilterQueryDto,
  ): Promise<UnitOkrs> {
    return this.okrs.unitObjectives(
      await this.visibility.readerOf(actor),
      { kind: params.kind, id: params.unitId },
      query.cycleId,
    );
  }
}
