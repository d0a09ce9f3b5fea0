import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsDateTime } from '@rhythm/operability';

export class OrgTreeQueryDto {
  @ApiPropertyOptional({
    format: 'date-time',
    example: '2026-03-01T00:00:00Z',
    description: 'Show the organisation as it stood at this moment (default: now)',
  })
  @IsOptional()
  @IsDateTime()
  asOf?: string;
}
