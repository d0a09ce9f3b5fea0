import { requiredText } from '@rhythm/operability';
import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, IsUUID, MaxLength } from 'class-validator';
import { inputLimits } from '../../org-domain';

export class FormChapterDto {
  @ApiProperty({ format: 'uuid', description: 'The tribe the chapter lives within' })
  @IsUUID()
  tribeId!: string;

  @ApiProperty({ example: 'Backend', ...requiredText(inputLimits.name.max) })
  @IsString()
  @IsNotEmpty()
  @MaxLength(inputLimits.name.max)
  name!: string;

  @ApiProperty({
    example: 'backend',
    ...requiredText(inputLimits.craft.max),
    description: 'The shared skill',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(inputLimits.craft.max)
  craft!: string;
}
