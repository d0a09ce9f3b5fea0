import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional } from 'class-validator';

export class OrgTreeQueryDto {
  @ApiPropertyOptional({
    format: 'date-time',
    example: '2026-03-01T00:00:00Z',
    description: 'Show the organisation as it stood at this moment (default: now)',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  asOf?: string;
}
