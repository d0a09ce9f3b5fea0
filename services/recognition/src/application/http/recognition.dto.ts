import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { NestedObject, Omittable, requestPatterns, RequiredText } from '@rhythm/operability';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { Type } from 'class-transformer';
import { inputLimits, kudosReactions } from '../../recognition-domain';

const unitKinds = ['tribe', 'squad', 'chapter', 'guild'] as const;
const orgIdMessage = (field: string) => ({ message: `${field} must be an id of the organisation` });

/** A squad, chapter, guild or tribe, by kind and id. */
export class UnitDto {
  @ApiProperty({ enum: unitKinds })
  @IsIn(unitKinds)
  kind!: (typeof unitKinds)[number];

  @ApiProperty({ example: 'support' })
  @IsString()
  @Matches(requestPatterns.orgId, orgIdMessage('id'))
  id!: string;
}

/** Who is thanked: people, and/or one unit. */
export class KudosReceiversDto {
  @ApiProperty({ type: [String], maxItems: inputLimits.peoplePerKudos, example: ['bo'] })
  @IsArray()
  @ArrayMaxSize(inputLimits.peoplePerKudos)
  @Matches(requestPatterns.orgId, { each: true, message: 'each person must be an id' })
  personIds!: string[];

  @ApiPropertyOptional({ type: UnitDto })
  @NestedObject(() => UnitDto)
  unit?: UnitDto;
}

const subjectKinds = ['objective', 'key-result', 'check-in', 'blocker'] as const;

/** What a kudos is tied to: an objective, a key result, a check-in or a resolved blocker. */
export class KudosSubjectDto {
  @ApiProperty({ enum: subjectKinds })
  @IsIn(subjectKinds)
  kind!: (typeof subjectKinds)[number];

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  objectiveId!: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'For key-result and check-in' })
  @ValidateIf((subject: KudosSubjectDto) => ['key-result', 'check-in'].includes(subject.kind))
  @IsUUID()
  keyResultId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'For check-in' })
  @ValidateIf((subject: KudosSubjectDto) => subject.kind === 'check-in')
  @IsUUID()
  checkInId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'For blocker' })
  @ValidateIf((subject: KudosSubjectDto) => subject.kind === 'blocker')
  @IsUUID()
  blockerId?: string;
}

export class GiveKudosDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Chosen by the client to make a retry safe' })
  @Omittable()
  @IsUUID()
  kudosId?: string;

  @ApiProperty({ type: KudosReceiversDto })
  @NestedObject(() => KudosReceiversDto)
  to!: KudosReceiversDto;

  @RequiredText(inputLimits.kudosMessage.max, 'Thank you for the FAQ!')
  message!: string;

  @ApiPropertyOptional({
    type: [String],
    maxItems: inputLimits.valuesPerKudos,
    description: "Among the organisation's values and tags (GET /settings)",
  })
  @Omittable()
  @IsArray()
  @ArrayMaxSize(inputLimits.valuesPerKudos)
  @IsString({ each: true })
  @MaxLength(inputLimits.value.max, { each: true })
  values?: string[];

  @ApiPropertyOptional({ type: KudosSubjectDto })
  @NestedObject(() => KudosSubjectDto)
  about?: KudosSubjectDto;

  @ApiProperty({
    enum: ['public', 'private'],
    description: 'public: on the walls; private: giver, receivers and their leads',
  })
  @IsIn(['public', 'private'])
  audience!: 'public' | 'private';
}

export class ReactDto {
  @ApiProperty({ enum: kudosReactions })
  @IsIn(kudosReactions)
  reaction!: (typeof kudosReactions)[number];
}

export class CommentOnKudosDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Chosen by the client to make a retry safe' })
  @Omittable()
  @IsUUID()
  commentId?: string;

  @RequiredText(inputLimits.comment.max, 'Well deserved!')
  text!: string;
}

const storySubjectKinds = ['objective', 'key-result'] as const;

export class StorySubjectDto {
  @ApiProperty({ enum: storySubjectKinds })
  @IsIn(storySubjectKinds)
  kind!: (typeof storySubjectKinds)[number];

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  objectiveId!: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'For key-result' })
  @ValidateIf((subject: StorySubjectDto) => subject.kind === 'key-result')
  @IsUUID()
  keyResultId?: string;
}

/** Who helped: people and units, linked by id. */
export class HelpersDto {
  @ApiProperty({ type: [String], maxItems: inputLimits.helpersPerStory })
  @IsArray()
  @ArrayMaxSize(inputLimits.helpersPerStory)
  @Matches(requestPatterns.orgId, { each: true, message: 'each person must be an id' })
  personIds!: string[];

  @ApiProperty({ type: [UnitDto], maxItems: inputLimits.helpersPerStory })
  @IsArray()
  @ArrayMaxSize(inputLimits.helpersPerStory)
  @ValidateNested({ each: true })
  @Type(() => UnitDto)
  units!: UnitDto[];
}

export class StoryTextDto {
  @RequiredText(inputLimits.storyTitle.max, 'How Support raised NPS to 41')
  title!: string;

  @RequiredText(inputLimits.storyPart.max)
  whatWasDone!: string;

  @ApiPropertyOptional({ maxLength: inputLimits.storyLesson.max })
  @Omittable()
  @IsString()
  @MaxLength(inputLimits.storyLesson.max)
  whatWasLearned?: string;

  @ApiProperty({ type: HelpersDto })
  @NestedObject(() => HelpersDto)
  helpedBy!: HelpersDto;
}

export class DraftStoryDto extends StoryTextDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Chosen by the client to make a retry safe' })
  @Omittable()
  @IsUUID()
  storyId?: string;

  @ApiProperty({ type: StorySubjectDto })
  @NestedObject(() => StorySubjectDto)
  about!: StorySubjectDto;
}

export class WithdrawDto {
  @RequiredText(inputLimits.reason.max, 'Names the wrong quarter')
  reason!: string;
}

export class KudosValuesDto {
  @ApiProperty({ type: [String], maxItems: inputLimits.valuesPerOrganisation })
  @IsArray()
  @ArrayMaxSize(inputLimits.valuesPerOrganisation)
  @IsString({ each: true })
  @MaxLength(inputLimits.value.max, { each: true })
  values!: string[];
}

export class StreakMilestonesDto {
  @ApiProperty({ type: [Number], maxItems: 10, example: [4, 8, 12], description: 'In weeks' })
  @IsArray()
  @ArrayMaxSize(10)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(52, { each: true })
  weeks!: number[];
}

export class KudosLimitDto {
  @ApiProperty({ minimum: 1, example: 10 })
  @IsInt()
  @Min(1)
  kudosPerHour!: number;
}
