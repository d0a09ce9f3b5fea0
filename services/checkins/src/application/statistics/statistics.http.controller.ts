import { Controller, Get, Param, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentActor, type AuthenticatedActor } from '@rhythm/identity';
import { RequestInvalid, requestPatterns } from '@rhythm/operability';
import type { Unit } from '../../checkins-domain';
import {
  defaultWeeks,
  StatisticsAsOfQueryDto,
  StatisticsCalibrationQueryDto,
  StatisticsUnitQueryDto,
  StatisticsWindowQueryDto,
} from './statistics.dto';
import { CheckinsQueryResponses } from '../http/checkins.responses';
import { StatisticsQueries, type StatisticsPeriod } from './statistics.queries';
import {
  CycleStatisticsResponse,
  PersonCalibrationResponse,
  PersonStreakResponse,
  UnitStatisticsResponse,
} from './statistics.responses';

const unitKinds = ['tribe', 'squad', 'chapter', 'guild'] as const;

/** Path ids are named in a 400 like query fields. */
const idsChecked = (ids: Readonly<Record<string, string>>): void => {
  const problems: Record<string, string> = {};
  for (const [field, value] of Object.entries(ids)) {
    if (!requestPatterns.orgId.test(value)) problems[field] = 'must be an id of the organisation';
  }
  if (Object.keys(problems).length > 0) throw new RequestInvalid(problems);
};

const periodOf = (
  query: Readonly<{ asOf?: string; weeks?: string; cycleId?: string }>,
): StatisticsPeriod => ({
  weeks: query.weeks === undefined ? defaultWeeks : Number(query.weeks),
  ...(query.asOf === undefined ? {} : { asOf: query.asOf }),
  ...(query.cycleId === undefined ? {} : { cycleId: query.cycleId }),
});

const unitOf = (kind: string, id: string): Unit => {
  const problems: Record<string, string> = {};
  if (!(unitKinds as readonly string[]).includes(kind)) {
    problems.unitKind = `must be one of ${unitKinds.join(', ')}`;
  }
  if (!requestPatterns.orgId.test(id)) problems.unitId = 'must be an id of the organisation';
  if (Object.keys(problems).length > 0) throw new RequestInvalid(problems);
  return { kind: kind as Unit['kind'], id };
};

/**
 * Event-derived statistics (issue 9, item 9; ADR 0040), under `/statistics` so as not to be
 * taken for the guild insights posted on objectives.
 */
@ApiTags('statistics')
@ApiBearerAuth()
@ApiBadRequestResponse({ description: 'Invalid input: `fields` names each field at fault' })
@ApiNotFoundResponse({ description: 'The unit, person or cycle is unknown' })
@Controller('statistics')
export class StatisticsHttpController {
  constructor(private readonly statistics: StatisticsQueries) {}

  @Get('units/:unitKind/:unitId')
  @CheckinsQueryResponses(UnitStatisticsResponse)
  @ApiOperation({
    summary:
      "A unit's check-in streak, cadence health (due moments met on time / owed), overdue record, blocker time to acknowledge and to resolve (p50/p90) and confidence calibration (Brier score, by phase of the cycle)",
  })
  unit(
    @CurrentActor() actor: AuthenticatedActor,
    @Param('unitKind') unitKind: string,
    @Param('unitId') unitId: string,
    @Query() query: StatisticsUnitQueryDto,
  ) {
    return this.statistics.unit(actor, unitOf(unitKind, unitId), periodOf(query));
  }

  @Get('people/:personId/streak')
  @CheckinsQueryResponses(PersonStreakResponse)
  @ApiOperation({
    summary:
      "A person's on-time periods in a row over the key results they own, and their cadence health",
  })
  @ApiForbiddenResponse({ description: 'Only the person, their leads or an admin' })
  personStreak(
    @CurrentActor() actor: AuthenticatedActor,
    @Param('personId') personId: string,
    @Query() query: StatisticsWindowQueryDto,
  ) {
    idsChecked({ personId });
    return this.statistics.personStreak(actor, personId, periodOf(query));
  }

  @Get('people/:personId/calibration')
  @CheckinsQueryResponses(PersonCalibrationResponse)
  @ApiOperation({
    summary:
      "How well a person's check-in confidences predicted their key results' final scores: a Brier score overall, by phase and by cycle",
  })
  @ApiForbiddenResponse({ description: 'Only the person, their leads or an admin' })
  personCalibration(
    @CurrentActor() actor: AuthenticatedActor,
    @Param('personId') personId: string,
    @Query() query: StatisticsCalibrationQueryDto,
  ) {
    idsChecked({ personId });
    return this.statistics.personCalibration(actor, personId, periodOf(query));
  }

  @Get('cycles/:cycleId/calibration')
  @CheckinsQueryResponses(CycleStatisticsResponse)
  @ApiOperation({ summary: "The organisation's confidence calibration over one cycle" })
  cycleCalibration(
    @CurrentActor() actor: AuthenticatedActor,
    @Param('cycleId') cycleId: string,
    @Query() query: StatisticsAsOfQueryDto,
  ) {
    idsChecked({ cycleId });
    return this.statistics.cycleCalibration(actor, cycleId, periodOf(query));
  }
}
