import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';

export class GuildMemberDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Who joins; default: the caller' })
  @IsOptional()
  @IsUUID()
  personId?: string;
}
