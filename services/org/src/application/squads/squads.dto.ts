import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { IsDateTime, requiredText } from '@rhythm/operability';
import { inputLimits } from '../../org-domain';

export class FormSquadDto {
  @ApiProperty({ format: 'uuid', description: 'The tribe the squad belongs to' })
  @IsUUID()
  tribeId!: string;

  @ApiProperty({ example: 'Checkout', ...requiredText(inputLimits.name.max) })
  @IsString()
  @IsNotEmpty()
  @MaxLength(inputLimits.name.max)
  name!: string;

  @ApiPropertyOptional({ example: 'One-click pay', maxLength: inputLimits.description.max })
  @IsOptional()
  @IsString()
  @MaxLength(inputLimits.description.max)
  mission?: string;
}

export class MoveSquadDto {
  @ApiProperty({ format: 'uuid', description: 'The tribe the squad moves to' })
  @IsUUID()
  toTribeId!: string;

  @ApiPropertyOptional({
    format: 'date-time',
    description:
      'When the move took effect (default now). May be in the past, never in the future, never ' +
      'before the squad joined its current tribe.',
  })
  @IsOptional()
  @IsDateTime()
  effectiveAt?: string;
}
