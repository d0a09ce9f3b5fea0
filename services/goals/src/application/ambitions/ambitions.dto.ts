import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsString, IsUUID, MaxLength } from 'class-validator';
import { Omittable } from '../http/omittable.decorator';
import {
  ambitionKinds,
  ambitionOutcomes,
  type AmbitionKind,
  type AmbitionOutcome,
} from '../../goals-domain';

export class RecordAmbitionDto {
  @ApiProperty({ enum: ambitionKinds, example: 'growth' })
  @IsIn(ambitionKinds)
  kind!: AmbitionKind;

  @ApiProperty({ example: 'Become a confident facilitator', maxLength: 200 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  title!: string;

  @ApiPropertyOptional({ maxLength: 2000 })
  @Omittable()
  @IsString()
  @MaxLength(2000)
  description?: string;
}

export class ReviseAmbitionDto {
  @ApiProperty({ maxLength: 200 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  title!: string;

  @ApiPropertyOptional({ maxLength: 2000, description: 'Unchanged when left out' })
  @Omittable()
  @IsString()
  @MaxLength(2000)
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

  @ApiProperty({ maxLength: 4000 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  note!: string;
}
