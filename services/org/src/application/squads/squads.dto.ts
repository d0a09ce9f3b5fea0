import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { IsDateTime } from '@rhythm/operability';

export class FormSquadDto {
  @ApiProperty({ format: 'uuid', description: 'The tribe the squad belongs to' })
  @IsUUID()
  tribeId!: string;

  @ApiProperty({ example: 'Checkout', maxLength: 120 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(120)
  name!: string;

  @ApiPropertyOptional({ example: 'One-click pay', maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
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
