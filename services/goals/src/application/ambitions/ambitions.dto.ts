import { Omittable, requiredText } from '@rhythm/operability';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsString, IsUUID, MaxLength } from 'class-validator';
import {
  inputLimits,
  ambitionKinds,
  ambitionOutcomes,
  type AmbitionKind,
  type AmbitionOutcome,
} from '../../goals-domain';

export class RecordAmbitionDto {
  @ApiProperty({ enum: ambitionKinds, example: 'growth' })
  @IsIn(ambitionKinds)
  kind!: AmbitionKind;

  @ApiProperty({
    example: 'Become a confident facilitator',
    ...requiredText(inputLimits.title.max),
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(inputLimits.title.max)
  title!: string;

  @ApiPropertyOptional({ maxLength: inputLimits.description.max })
  @Omittable()
  @IsString()
  @MaxLength(inputLimits.description.max)
  description?: string;
}

export class ReviseAmbitionDto {
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

export class AmbitionLinkDto {
  @ApiProperty({ format: 'uuid', description: 'An objective you contribute to' })
  @IsUUID()
  objectiveId!: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'One of its key results, to link just that' })
  @Omittable()
  @IsUUID()
  keyResultId?: string;
}

export class CloseAmbitionDto {
  @ApiProperty({ enum: ambitionOutcomes })
  @IsIn(ambitionOutcomes)
  outcome!: AmbitionOutcome;

  @ApiProperty(requiredText(inputLimits.note.max))
  @IsString()
  @IsNotEmpty()
  @MaxLength(inputLimits.note.max)
  note!: string;
}
