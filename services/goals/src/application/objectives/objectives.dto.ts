import { NestedObject, Omittable, requiredText } from '@rhythm/operability';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsDefined,
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  IsObject,
  ValidateNested,
} from 'class-validator';
import {
  inputLimits,
  languages,
  maxKeyResults,
  maxWeight,
  objectiveKinds,
  reviewStages,
  visibilities,
  type Language,
  type ObjectiveKind,
  type ReviewStage,
  type Visibility,
} from '../../goals-domain';
import { cycleIdPattern, orgIdPattern } from '../http/goals-ids';
import { KeyResultDraftDto, OptionalReasonDto, OwnerDto } from '../http/shared.dto';

const finite = { allowNaN: false, allowInfinity: false } as const;
const orgId = { message: 'must be an id of the organisation' };

export class DefineObjectiveDto {
  @ApiProperty({ example: '2026-q1' })
  @Matches(cycleIdPattern, { message: 'must be a cycle id' })
  cycleId!: string;

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

  @ApiProperty({
    type: OwnerDto,
    description: 'The company, a tribe, squad, chapter, guild or a person',
  })
  @IsDefined({ message: '$property is required' })
  @NestedObject(() => OwnerDto)
  owner!: OwnerDto;

  @ApiProperty({ enum: objectiveKinds, example: 'committed' })
  @IsIn(objectiveKinds)
  kind!: ObjectiveKind;

  @ApiPropertyOptional({ enum: visibilities, default: 'public' })
  @Omittable()
  @IsIn(visibilities)
  visibility?: Visibility;
}

export class TemplateKeyResultChoiceDto {
  @ApiProperty({ example: 0, description: "Position in the template's key results" })
  @IsInt()
  @Min(0)
  index!: number;

  @ApiProperty({ example: 31, description: "The team's current value: the key result's start" })
  @IsNumber(finite)
  baseline!: number;

  @ApiProperty({ description: 'The person accountable' })
  @Matches(orgIdPattern, orgId)
  owner!: string;
}

export class ObjectiveFromTemplateDto {
  @ApiProperty({ example: 'improve-customer-satisfaction' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  templateId!: string;

  @ApiPropertyOptional({ enum: languages, default: 'en', description: 'Language of the titles' })
  @Omittable()
  @IsIn(languages)
  language?: Language;

  @ApiProperty({ example: '2026-q1' })
  @Matches(cycleIdPattern, { message: 'must be a cycle id' })
  cycleId!: string;

  @ApiProperty({ type: OwnerDto })
  @IsDefined({ message: '$property is required' })
  @NestedObject(() => OwnerDto)
  owner!: OwnerDto;

  @ApiPropertyOptional({ enum: objectiveKinds, description: "Default: the template's suggestion" })
  @Omittable()
  @IsIn(objectiveKinds)
  kind?: ObjectiveKind;

  @ApiPropertyOptional({ enum: visibilities })
  @Omittable()
  @IsIn(visibilities)
  visibility?: Visibility;

  @ApiProperty({ type: [TemplateKeyResultChoiceDto], maxItems: maxKeyResults })
  @IsArray()
  @ArrayMaxSize(maxKeyResults, { message: `an objective has at most ${maxKeyResults} key results` })
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => TemplateKeyResultChoiceDto)
  keyResults!: TemplateKeyResultChoiceDto[];
}

export class RenameObjectiveDto extends OptionalReasonDto {
  @ApiProperty(requiredText(inputLimits.title.max))
  @IsString()
  @IsNotEmpty()
  @MaxLength(inputLimits.title.max)
  title!: string;

  @ApiPropertyOptional({
    maxLength: inputLimits.description.max,
    description: 'Unchanged when left out',
  })
  @Omittable()
  @IsString()
  @MaxLength(inputLimits.description.max)
  description?: string;
}

export class ChangeObjectiveOwnerDto extends OptionalReasonDto {
  @ApiProperty({ type: OwnerDto })
  @IsDefined({ message: '$property is required' })
  @NestedObject(() => OwnerDto)
  owner!: OwnerDto;
}

export class ChangeVisibilityDto extends OptionalReasonDto {
  @ApiProperty({ enum: visibilities })
  @IsIn(visibilities)
  visibility!: Visibility;
}

export class ReviewNoteDto {
  @ApiProperty({ enum: reviewStages })
  @IsIn(reviewStages)
  stage!: ReviewStage;

  @ApiProperty(requiredText(inputLimits.note.max))
  @IsString()
  @IsNotEmpty()
  @MaxLength(inputLimits.note.max)
  text!: string;
}

export class RetrospectiveDto {
  @ApiProperty({ maxLength: inputLimits.note.max })
  @IsString()
  @MaxLength(inputLimits.note.max)
  wentWell!: string;

  @ApiProperty({ maxLength: inputLimits.note.max, description: 'What was learned' })
  @IsString()
  @MaxLength(inputLimits.note.max)
  learned!: string;

  @ApiProperty({ maxLength: inputLimits.note.max })
  @IsString()
  @MaxLength(inputLimits.note.max)
  doDifferently!: string;
}

export class AddKeyResultDto extends KeyResultDraftDto {
  @ApiPropertyOptional({
    maxLength: inputLimits.reason.max,
    description: 'Why, e.g. when added mid-cycle',
  })
  @Omittable()
  @IsString()
  @MaxLength(inputLimits.reason.max)
  reason?: string;
}

export class RenameKeyResultDto extends OptionalReasonDto {
  @ApiProperty(requiredText(inputLimits.title.max))
  @IsString()
  @IsNotEmpty()
  @MaxLength(inputLimits.title.max)
  title!: string;
}

export class AdjustTargetDto extends OptionalReasonDto {
  @ApiProperty({
    example: 38,
    description: 'The new target; asking for less needs a reason once the objective is active',
  })
  @IsNumber(finite)
  target!: number;
}

export class ChangeKeyResultOwnerDto extends OptionalReasonDto {
  @ApiProperty({ description: 'The person now accountable' })
  @Matches(orgIdPattern, orgId)
  owner!: string;
}

export class ReweighKeyResultDto extends OptionalReasonDto {
  @ApiProperty({ example: 2, description: `More than 0, at most ${maxWeight}` })
  @IsNumber(finite)
  weight!: number;
}

export class RecordProgressDto {
  @ApiProperty({ example: 35, description: 'The current value' })
  @IsNumber(finite)
  value!: number;

  @ApiPropertyOptional({ format: 'uuid', description: 'The check-in that reported it' })
  @Omittable()
  @IsUUID()
  checkInId?: string;
}

export class OverrideScoreDto {
  @ApiProperty({ example: 0.6, minimum: 0, maximum: 1 })
  @IsNumber(finite)
  @Min(0)
  @Max(1)
  score!: number;

  @ApiProperty(requiredText(inputLimits.reason.max))
  @IsString()
  @IsNotEmpty()
  @MaxLength(inputLimits.reason.max)
  reason!: string;
}

export class AlignObjectiveDto {
  @ApiProperty({ format: 'uuid', description: 'The objective this one contributes to' })
  @IsUUID()
  parentObjectiveId!: string;
}
