import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { NestedObject, Omittable, requestPatterns, requiredText } from '@rhythm/operability';
import {
  ArrayMaxSize,
  IsArray,
  IsDefined,
  IsIn,
  IsInt,
  IsNumber,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { cadenceIntervals, inputLimits } from '../../checkins-domain';

const finite = { allowNaN: false, allowInfinity: false } as const;

/** A check-in's note, split as the OKR tools do; each part may be empty. */
export class CheckInNoteDto {
  @ApiPropertyOptional({ maxLength: inputLimits.notePart.max, example: 'NPS up 3 after the FAQ' })
  @Omittable()
  @IsString()
  @MaxLength(inputLimits.notePart.max)
  progress?: string;

  @ApiPropertyOptional({ maxLength: inputLimits.notePart.max })
  @Omittable()
  @IsString()
  @MaxLength(inputLimits.notePart.max)
  obstacles?: string;

  @ApiPropertyOptional({ maxLength: inputLimits.notePart.max })
  @Omittable()
  @IsString()
  @MaxLength(inputLimits.notePart.max)
  nextSteps?: string;
}

export class RecordCheckInDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Chosen by the client to make a retry safe' })
  @Omittable()
  @IsUUID()
  checkInId?: string;

  @ApiProperty({ example: 42, description: "The key result's value now" })
  @IsNumber(finite)
  value!: number;

  @ApiProperty({
    minimum: 0,
    maximum: 10,
    example: 6,
    description: 'How sure of reaching the target',
  })
  @IsInt()
  @Min(0)
  @Max(10)
  confidence!: number;

  @ApiPropertyOptional({ type: CheckInNoteDto })
  @NestedObject(() => CheckInNoteDto)
  note?: CheckInNoteDto;

  @ApiPropertyOptional({ type: [String], format: 'uuid', maxItems: inputLimits.blockersPerCheckIn })
  @Omittable()
  @IsArray()
  @ArrayMaxSize(inputLimits.blockersPerCheckIn)
  @IsUUID('all', { each: true })
  blockerIds?: string[];
}

export class CorrectCheckInDto {
  @ApiProperty({ example: 41 })
  @IsNumber(finite)
  value!: number;

  @ApiProperty({ minimum: 0, maximum: 10 })
  @IsInt()
  @Min(0)
  @Max(10)
  confidence!: number;

  @ApiPropertyOptional({ type: CheckInNoteDto })
  @NestedObject(() => CheckInNoteDto)
  note?: CheckInNoteDto;

  @ApiProperty(requiredText(inputLimits.reason.max))
  @IsString()
  @Matches(/\S/, { message: 'reason must not be blank' })
  @MaxLength(inputLimits.reason.max)
  reason!: string;
}

export class AcknowledgeDto {
  @ApiPropertyOptional({ maxLength: inputLimits.comment.max })
  @Omittable()
  @IsString()
  @MaxLength(inputLimits.comment.max)
  comment?: string;
}

export class BlockerTargetDto {
  @ApiProperty({ enum: ['key-result', 'objective'] })
  @IsIn(['key-result', 'objective'])
  kind!: 'key-result' | 'objective';

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  objectiveId!: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Required when kind is key-result' })
  @ValidateIf((target: BlockerTargetDto) => target.kind === 'key-result')
  @IsUUID()
  keyResultId?: string;
}

export class WaitsOnDto {
  @ApiProperty({ enum: ['person', 'unit', 'outside'] })
  @IsIn(['person', 'unit', 'outside'])
  kind!: 'person' | 'unit' | 'outside';

  @ApiPropertyOptional({ description: 'kind person: who it waits on' })
  @ValidateIf((waitsOn: WaitsOnDto) => waitsOn.kind === 'person')
  @Matches(requestPatterns.orgId)
  personId?: string;

  @ApiPropertyOptional({ enum: ['tribe', 'squad', 'chapter', 'guild'] })
  @ValidateIf((waitsOn: WaitsOnDto) => waitsOn.kind === 'unit')
  @IsIn(['tribe', 'squad', 'chapter', 'guild'])
  unitKind?: 'tribe' | 'squad' | 'chapter' | 'guild';

  @ApiPropertyOptional({ description: 'kind unit: its id' })
  @ValidateIf((waitsOn: WaitsOnDto) => waitsOn.kind === 'unit')
  @Matches(requestPatterns.orgId)
  unitId?: string;

  @ApiPropertyOptional({ maxLength: inputLimits.outsideParty.max, example: 'the data team' })
  @ValidateIf((waitsOn: WaitsOnDto) => waitsOn.kind === 'outside')
  @IsString()
  @Matches(/\S/, { message: 'name must not be blank' })
  @MaxLength(inputLimits.outsideParty.max)
  name?: string;
}

export class RaiseBlockerDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Chosen by the client to make a retry safe' })
  @Omittable()
  @IsUUID()
  blockerId?: string;

  @ApiProperty({ type: BlockerTargetDto })
  @IsDefined()
  @NestedObject(() => BlockerTargetDto)
  target!: BlockerTargetDto;

  @ApiProperty(requiredText(inputLimits.description.max))
  @IsString()
  @Matches(/\S/, { message: 'description must not be blank' })
  @MaxLength(inputLimits.description.max)
  description!: string;

  @ApiProperty({ type: WaitsOnDto })
  @IsDefined()
  @NestedObject(() => WaitsOnDto)
  waitsOn!: WaitsOnDto;

  @ApiPropertyOptional({ format: 'uuid', description: 'The check-in it was raised in' })
  @Omittable()
  @IsUUID()
  checkInId?: string;

  @ApiPropertyOptional({
    example: '2026-12-10T17:00:00+01:00',
    description: 'When it escalates by itself, one level up, if still unresolved',
  })
  @Omittable()
  @Matches(requestPatterns.instant, {
    message: 'escalateAfter must be an ISO-8601 instant with an offset',
  })
  escalateAfter?: string;
}

export class ResolveBlockerDto {
  @ApiProperty(requiredText(inputLimits.resolution.max))
  @IsString()
  @Matches(/\S/, { message: 'note must not be blank' })
  @MaxLength(inputLimits.resolution.max)
  note!: string;
}

export class SetCadenceDto {
  @ApiProperty({ enum: cadenceIntervals, example: 1 })
  @IsIn([...cadenceIntervals])
  everyWeeks!: (typeof cadenceIntervals)[number];

  @ApiProperty({ minimum: 1, maximum: 7, example: 5, description: 'ISO weekday: Monday 1' })
  @IsInt()
  @Min(1)
  @Max(7)
  weekday!: number;

  @ApiProperty({ example: '17:00', pattern: '^([01]\\d|2[0-3]):[0-5]\\d$' })
  @Matches(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'time must be HH:MM' })
  time!: string;

  @ApiProperty({ example: 'Europe/Stockholm' })
  @IsString()
  @MaxLength(64)
  timeZone!: string;

  @ApiProperty({
    example: '2026-01-02',
    description: 'Counted from the first due day on or after it',
  })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'startsOn must be a date (YYYY-MM-DD)' })
  startsOn!: string;
}

export class PostCommentDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Chosen by the client to make a retry safe' })
  @Omittable()
  @IsUUID()
  commentId?: string;

  @ApiProperty(requiredText(inputLimits.commentText.max))
  @IsString()
  @Matches(/\S/, { message: 'text must not be blank' })
  @MaxLength(inputLimits.commentText.max)
  text!: string;
}

export class EditCommentDto {
  @ApiProperty(requiredText(inputLimits.commentText.max))
  @IsString()
  @Matches(/\S/, { message: 'text must not be blank' })
  @MaxLength(inputLimits.commentText.max)
  text!: string;
}

/** An insight's words: a title and a body, both required. */
export class InsightTextDto {
  @ApiProperty({ ...requiredText(inputLimits.insightTitle.max), example: 'Churned users cite FAQ' })
  @IsString()
  @Matches(/\S/, { message: 'title must not be blank' })
  @MaxLength(inputLimits.insightTitle.max)
  title!: string;

  @ApiProperty(requiredText(inputLimits.insightBody.max))
  @IsString()
  @Matches(/\S/, { message: 'body must not be blank' })
  @MaxLength(inputLimits.insightBody.max)
  body!: string;
}

export class PostInsightDto extends InsightTextDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Chosen by the client to make a retry safe' })
  @Omittable()
  @IsUUID()
  insightId?: string;

  @ApiProperty({ example: 'customer-success', description: 'The guild it speaks for' })
  @IsString()
  @Matches(requestPatterns.orgId, { message: 'guildId must be an id of the organisation' })
  guildId!: string;
}

export class ReviseInsightDto extends InsightTextDto {}
