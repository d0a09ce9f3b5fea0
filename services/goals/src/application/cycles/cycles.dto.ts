import { NestedObject, Omittable, requiredText } from '@rhythm/operability';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDefined, IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';
import { cycleIdPattern } from '../http/goals-ids';
import { OptionalReasonDto, ScoringRuleDto } from '../http/shared.dto';
import { inputLimits } from '../../goals-domain';

const day = /^\d{4}-\d{2}-\d{2}$/;

export class PlanCycleDto {
  @ApiPropertyOptional({
    example: '2026-q1',
    description: 'An id of your choosing (letters, digits, - and _); a UUID when left out',
  })
  @Omittable()
  @Matches(cycleIdPattern, { message: 'must be letters, digits, - and _ (at most 100)' })
  cycleId?: string;

  @ApiProperty({ example: 'Q1 2026', ...requiredText(inputLimits.name.max) })
  @IsString()
  @IsNotEmpty()
  @MaxLength(inputLimits.name.max)
  name!: string;

  @ApiProperty({ example: '2026-01-01', description: 'First day, YYYY-MM-DD' })
  @Matches(day, { message: 'must be a date as YYYY-MM-DD' })
  startsOn!: string;

  @ApiProperty({ example: '2026-03-31', description: 'Last day, YYYY-MM-DD' })
  @Matches(day, { message: 'must be a date as YYYY-MM-DD' })
  endsOn!: string;

  @ApiPropertyOptional({ type: ScoringRuleDto, description: 'Default linear 0.0–1.0' })
  @Omittable()
  @NestedObject(() => ScoringRuleDto)
  scoringRule?: ScoringRuleDto;
}

export class RescheduleCycleDto extends OptionalReasonDto {
  @ApiProperty({ example: '2026-01-05' })
  @Matches(day, { message: 'must be a date as YYYY-MM-DD' })
  startsOn!: string;

  @ApiProperty({ example: '2026-04-03' })
  @Matches(day, { message: 'must be a date as YYYY-MM-DD' })
  endsOn!: string;
}

export class ChangeScoringRuleDto extends OptionalReasonDto {
  @ApiProperty({ type: ScoringRuleDto })
  @IsDefined({ message: '$property is required' })
  @NestedObject(() => ScoringRuleDto)
  scoringRule!: ScoringRuleDto;
}
