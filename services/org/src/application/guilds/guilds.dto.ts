import { requiredText } from '@rhythm/operability';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { inputLimits } from '../../org-domain';

export class FormGuildDto {
  @ApiProperty({ example: 'Web', ...requiredText(inputLimits.name.max) })
  @IsString()
  @IsNotEmpty()
  @MaxLength(inputLimits.name.max)
  name!: string;

  @ApiPropertyOptional({ example: 'Web performance', maxLength: inputLimits.description.max })
  @IsOptional()
  @IsString()
  @MaxLength(inputLimits.description.max)
  interest?: string;
}
