import { NestedObject, Omittable, requiredText } from '@rhythm/operability';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsDefined,
  IsArray,
  IsIn,
  IsNotEmpty,
  IsNumber,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  IsObject,
  ValidateNested,
} from 'class-validator';
import {
  inputLimits,
  directions,
  maxKeyResults,
  maxWeight,
  metricTypes,
  objectiveKinds,
  ownerKinds,
  visibilities,
  type Direction,
  type MetricType,
  type ObjectiveKind,
  type OwnerKind,
  type Visibility,
} from '../../goals-domain';
import { orgIdPattern } from './goals-ids';

/** Request bodies several resources share: reasons, owners, metrics, drafts, scoring rules. */
const finite = { allowNaN: false, allowInfinity: false } as const;

export class ReasonDto {
  @ApiProperty({
    example: 'Churn data showed the first target was out of reach',
    ...requiredText(inputLimits.reason.max),
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(inputLimits.reason.max)
  reason!: string;
}

export class OptionalReasonDto {
  @ApiPropertyOptional({
    example: 'Market shifted after the pricing change',
    maxLength: inputLimits.reason.max,
    description:
      'Why; required where the domain asks for one (lowering a target, dropping a key result of an active objective)',
  })
  @Omittable()
  @IsString()
  @MaxLength(inputLimits.reason.max)
  reason?: string;
}

export class OwnerDto {
  @ApiProperty({ enum: ownerKinds, example: 'squad' })
  @IsIn(ownerKinds)
  kind!: OwnerKind;

  @ApiPropertyOptional({
    description:
      "The unit's or person's id; for the company it is the organisation's (may be left out)",
    example: '0c8f4b7e-9d43-4d57-8a0e-6f0c3c1d2b11',
  })
  @ValidateIf((owner: OwnerDto) => owner.kind !== 'company' || owner.id !== undefined)
  @IsString()
  @Matches(orgIdPattern, { message: 'must be an id of the organisation' })
  id?: string;
}

export class MetricDto {
  @ApiProperty({ enum: metricTypes, example: 'number' })
  @IsIn(metricTypes)
  type!: MetricType;

  @ApiPropertyOptional({
    example: 'points',
    description:
      "A word for a number, an ISO 4217 code for a currency, '%' for a percentage, empty for a milestone",
    maxLength: inputLimits.unit.max,
  })
  @Omittable()
  @IsString()
  @MaxLength(inputLimits.unit.max)
  unit?: string;

  @ApiProperty({ example: 31 })
  @IsNumber(finite)
  start!: number;

  @ApiProperty({ example: 41 })
  @IsNumber(finite)
  target!: number;

  @ApiProperty({ enum: directions, example: 'increase' })
  @IsIn(directions)
  direction!: Direction;
}

export class KeyResultDraftDto {
  @ApiProperty({ example: 'Raise NPS by 10 points', ...requiredText(inputLimits.title.max) })
  @IsString()
  @IsNotEmpty()
  @MaxLength(inputLimits.title.max)
  title!: string;

  @ApiProperty({ type: MetricDto })
  @IsDefined({ message: '$property is required' })
  @NestedObject(() => MetricDto)
  metric!: MetricDto;

  @ApiProperty({
    description: 'The person accountable',
    example: '5b1c0d3e-1f0a-4c1e-9a57-2f4f3b1a9e01',
  })
  @IsString()
  @Matches(orgIdPattern, { message: 'must be an id of the organisation' })
  owner!: string;

  @ApiPropertyOptional({
    example: 1,
    default: 1,
    description: `Relative weight, more than 0, at most ${maxWeight}`,
  })
  @Omittable()
  @IsNumber(finite)
  @Min(0)
  @Max(maxWeight)
  weight?: number;
}

export class ObjectiveDraftDto {
  @ApiProperty({ example: 'Improve customer satisfaction', ...requiredText(inputLimits.title.max) })
  @IsString()
  @IsNotEmpty()
  @MaxLength(inputLimits.title.max)
  title!: string;

  @ApiPropertyOptional({ maxLength: inputLimits.description.max })
  @Omittable()
  @IsString()
  @MaxLength(inputLimits.description.max)
  description?: string;

  @ApiProperty({ enum: objectiveKinds, example: 'committed' })
  @IsIn(objectiveKinds)
  kind!: ObjectiveKind;

  @ApiPropertyOptional({ enum: visibilities, default: 'public' })
  @Omittable()
  @IsIn(visibilities)
  visibility?: Visibility;

  @ApiPropertyOptional({ type: [KeyResultDraftDto], maxItems: maxKeyResults })
  @Omittable()
  @IsArray()
  @ArrayMaxSize(maxKeyResults, {
    message: `an objective has at most ${maxKeyResults} key results`,
  })
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => KeyResultDraftDto)
  keyResults?: KeyResultDraftDto[];
}

export class ScoreZoneDto {
  @ApiProperty({ example: 'target' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(40)
  name!: string;

  @ApiProperty({ example: 0.7, description: 'Progress from which this zone applies' })
  @IsNumber(finite)
  from!: number;

  @ApiProperty({ example: 0.7, minimum: 0, maximum: 1 })
  @IsNumber(finite)
  score!: number;
}

export class ScoringRuleDto {
  @ApiProperty({ enum: ['linear', 'zones'], example: 'linear' })
  @IsIn(['linear', 'zones'])
  kind!: 'linear' | 'zones';

  @ApiPropertyOptional({
    type: [ScoreZoneDto],
    description: 'For kind zones: rising from progress 0',
  })
  @ValidateIf((rule: ScoringRuleDto) => rule.kind === 'zones')
  @IsArray()
  @ArrayMaxSize(20)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => ScoreZoneDto)
  zones?: ScoreZoneDto[];
}
