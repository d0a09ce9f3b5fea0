import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDateTime } from '@rhythm/operability';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import type { ProposalStatus, Unit } from '@rhythm/goals-domain';
import { scoringRules, type ScoringRuleName } from './okr.queries';

// Query strings and path parameters of the goals queries. The global validation pipe turns a
// violation into 400 with `fields` naming each parameter at fault.

const idRule = { maxLength: 200 } as const;

export class CycleTreeQueryDto {
  @ApiPropertyOptional({
    format: 'date-time',
    example: '2026-02-15T00:00:00Z',
    description: 'Show the tree as it stood at this moment, from the event store (default: now)',
  })
  @IsOptional()
  @IsDateTime()
  asOf?: string;
}

export class CycleChangesQueryDto {
  @ApiProperty({ format: 'date-time', example: '2026-01-15T00:00:00Z' })
  @IsDateTime()
  from!: string;

  @ApiProperty({ format: 'date-time', example: '2026-03-01T00:00:00Z' })
  @IsDateTime()
  to!: string;
}

export const scoringRuleNames = Object.keys(scoringRules) as ScoringRuleName[];

export class CycleScoresQueryDto {
  @ApiPropertyOptional({
    enum: scoringRuleNames,
    description: "Re-score under this rule, as a view (default: the cycle's own rule)",
  })
  @IsOptional()
  @IsIn(scoringRuleNames)
  rule?: ScoringRuleName;
}

export class CycleFilterQueryDto {
  @ApiPropertyOptional({ description: 'Only objectives of this cycle', ...idRule })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(idRule.maxLength)
  cycleId?: string;
}

export const unitKinds = ['company', 'tribe', 'squad', 'chapter', 'guild'] as const;

export class UnitParamsDto {
  @ApiProperty({ enum: unitKinds })
  @IsIn(unitKinds)
  kind!: Unit['kind'];

  @ApiProperty({ description: 'The unit id; for the company, the organisation id', ...idRule })
  @IsString()
  @IsNotEmpty()
  @MaxLength(idRule.maxLength)
  unitId!: string;
}

export const proposalStatuses = ['open', 'returned', 'approved', 'withdrawn'] as const;

export class ProposalsQueryDto {
  @ApiPropertyOptional({ enum: unitKinds, description: 'With unitId: proposals for that unit' })
  @IsOptional()
  @IsIn(unitKinds)
  kind?: Unit['kind'];

  @ApiPropertyOptional({ description: 'With kind: proposals for that unit', ...idRule })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(idRule.maxLength)
  unitId?: string;

  @ApiPropertyOptional(idRule)
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(idRule.maxLength)
  cycleId?: string;

  @ApiPropertyOptional({ enum: proposalStatuses })
  @IsOptional()
  @IsIn(proposalStatuses)
  status?: ProposalStatus;
}
