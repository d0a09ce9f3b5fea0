import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';

export class FormTribeDto {
  @ApiProperty({ example: 'Payments', maxLength: 120 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(120)
  name!: string;

  @ApiPropertyOptional({ example: 'Money moves safely', maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  mission?: string;
}
