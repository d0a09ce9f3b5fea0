import { ApiProperty } from '@nestjs/swagger';
import { UnitResponse } from '../http/checkins.responses';

// What the statistics answer (ADR 0040), documented for clients and the document spec.

export class CalibrationResponse {
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Mean of (confidence / 10 − outcome)²: 0 is perfect, 0.25 is always saying 5',
  })
  brierScore!: number | null;
  @ApiProperty({ type: 'integer' }) checkIns!: number;
  @ApiProperty({ type: Number, nullable: true }) meanForecast!: number | null;
  @ApiProperty({ type: Number, nullable: true }) achievedShare!: number | null;
}

export class CalibrationByPhaseResponse {
  @ApiProperty({ type: CalibrationResponse }) early!: CalibrationResponse;
  @ApiProperty({ type: CalibrationResponse }) mid!: CalibrationResponse;
  @ApiProperty({ type: CalibrationResponse }) late!: CalibrationResponse;
}

export class PhasedCalibrationResponse extends CalibrationResponse {
  @ApiProperty({ type: CalibrationByPhaseResponse, description: 'Early, mid and late thirds' })
  byPhase!: CalibrationByPhaseResponse;
}

export class ScopedCalibrationResponse extends PhasedCalibrationResponse {
  @ApiProperty({ type: String, nullable: true }) cycleId!: string | null;
}

export class CycleCalibrationResponse extends CalibrationResponse {
  @ApiProperty() cycleId!: string;
}

export class CadenceHealthResponse {
  @ApiProperty({ type: Number, nullable: true, description: 'met / owed; null when none owed' })
  share!: number | null;
  @ApiProperty({ type: 'integer' }) met!: number;
  @ApiProperty({ type: 'integer' }) owed!: number;
}

export class WindowResponse {
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 52 }) weeks!: number;
  @ApiProperty({ format: 'date-time' }) from!: string;
}

export class DurationsResponse {
  @ApiProperty({ type: 'integer' }) count!: number;
  @ApiProperty({ type: 'integer', description: 'Still waiting: not in the percentiles' })
  pending!: number;
  @ApiProperty({ type: Number, nullable: true }) p50Ms!: number | null;
  @ApiProperty({ type: Number, nullable: true }) p90Ms!: number | null;
}

export class OverdueRecordResponse {
  @ApiProperty({ type: 'integer' }) announced!: number;
  @ApiProperty({ type: 'integer' }) toldLead!: number;
  @ApiProperty({ type: 'integer' }) toldNextLead!: number;
}

export class BlockerRecordResponse {
  @ApiProperty({ type: 'integer' }) raised!: number;
  @ApiProperty({ type: DurationsResponse }) toAcknowledge!: DurationsResponse;
  @ApiProperty({ type: DurationsResponse }) toResolve!: DurationsResponse;
}

export class UnitStatisticsResponse {
  @ApiProperty({ type: UnitResponse }) unit!: UnitResponse;
  @ApiProperty({ format: 'date-time' }) asOf!: string;
  @ApiProperty({ type: WindowResponse }) window!: WindowResponse;
  @ApiProperty({ type: 'integer' }) keyResults!: number;
  @ApiProperty({ type: 'integer', description: 'On-time periods in a row' }) streak!: number;
  @ApiProperty({ type: CadenceHealthResponse }) cadenceHealth!: CadenceHealthResponse;
  @ApiProperty({ type: OverdueRecordResponse }) overdue!: OverdueRecordResponse;
  @ApiProperty({ type: BlockerRecordResponse }) blockers!: BlockerRecordResponse;
  @ApiProperty({ type: ScopedCalibrationResponse }) calibration!: ScopedCalibrationResponse;
}

export class PersonStreakResponse {
  @ApiProperty() personId!: string;
  @ApiProperty({ format: 'date-time' }) asOf!: string;
  @ApiProperty({ type: 'integer' }) keyResults!: number;
  @ApiProperty({ type: 'integer' }) streak!: number;
  @ApiProperty({ type: CadenceHealthResponse }) cadenceHealth!: CadenceHealthResponse;
  @ApiProperty({ type: WindowResponse }) window!: WindowResponse;
}

export class PersonCalibrationResponse extends ScopedCalibrationResponse {
  @ApiProperty() personId!: string;
  @ApiProperty({ format: 'date-time' }) asOf!: string;
  @ApiProperty({ type: [CycleCalibrationResponse] }) byCycle!: CycleCalibrationResponse[];
}

export class CycleStatisticsResponse extends PhasedCalibrationResponse {
  @ApiProperty() cycleId!: string;
  @ApiProperty({ format: 'date-time' }) asOf!: string;
}
