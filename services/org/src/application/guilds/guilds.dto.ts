import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';

export class FormGuildDto {
  @ApiProperty({ example: 'Web', maxLength: 120 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(120)
  name!: string;

  @ApiPropertyOptional({ example: 'Web performance', maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  interest?: string;
}
