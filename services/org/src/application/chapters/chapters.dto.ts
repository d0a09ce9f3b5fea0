import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, IsUUID, MaxLength } from 'class-validator';

export class FormChapterDto {
  @ApiProperty({ format: 'uuid', description: 'The tribe the chapter lives within' })
  @IsUUID()
  tribeId!: string;

  @ApiProperty({ example: 'Backend', maxLength: 120 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(120)
  name!: string;

  @ApiProperty({ example: 'backend', maxLength: 60, description: 'The shared skill' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(60)
  craft!: string;
}
