import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsDateTime, requestPatterns } from '@rhythm/operability';
import { IsOptional, IsString, Matches } from 'class-validator';

// The query strings of the statistics routes. The global validation pipe turns a violation into
// 400 with `fields` naming each parameter at fault; an unknown parameter is refused too.

export const defaultWeeks = 12;

export class StatisticsAsOfQueryDto {
  @ApiPropertyOptional({
    format: 'date-time',
    example: '2026-03-01T00:00:00Z',
    description: 'The figures as they stood at this moment (not in the future); default now',
  })
  @IsOptional()
  @IsDateTime()
  asOf?: string;
}

export class StatisticsCalibrationQueryDto extends StatisticsAsOfQueryDto {
  @ApiPropertyOptional({ description: 'Calibration of this cycle only', maxLength: 200 })
  @IsOptional()
  @IsString()
  @Matches(requestPatterns.orgId, { message: 'cycleId must be a cycle id' })
  cycleId?: string;
}

export class StatisticsWindowQueryDto extends StatisticsAsOfQueryDto {
  @ApiPropertyOptional({
    description: `The window before asOf for cadence health, blockers and overdue, in weeks (default ${defaultWeeks})`,
    type: 'integer',
    minimum: 1,
    maximum: 52,
  })
  @IsOptional()
  @IsString()
  @Matches(/^([1-9]|[1-4]\d|5[0-2])$/, { message: 'weeks must be a whole number from 1 to 52' })
  weeks?: string;
}

export class StatisticsUnitQueryDto extends StatisticsWindowQueryDto {
  @ApiPropertyOptional({ description: 'Calibration of this cycle only', maxLength: 200 })
  @IsOptional()
  @IsString()
  @Matches(requestPatterns.orgId, { message: 'cycleId must be a cycle id' })
  cycleId?: string;
}
