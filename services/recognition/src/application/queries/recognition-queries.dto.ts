import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsDateTime, requestPatterns } from '@rhythm/operability';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { defaultPageSize, largestPageSize } from './page-cursor';

// The query strings of the recognition reads. The global validation pipe turns a violation into
// 400 with `fields` naming each parameter at fault; an unknown parameter is refused too.

export class PageQueryDto {
  @ApiPropertyOptional({
    description: `Items per page (default ${defaultPageSize})`,
    type: 'integer',
    minimum: 1,
    maximum: largestPageSize,
  })
  @IsOptional()
  @IsString()
  @Matches(/^([1-9]|[1-9]\d|100)$/, {
    message: `limit must be a whole number from 1 to ${largestPageSize}`,
  })
  limit?: string;

  @ApiPropertyOptional({ description: 'The `next` of the previous page', maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  cursor?: string;
}

export class FlowQueryDto {
  @ApiPropertyOptional({
    format: 'date-time',
    example: '2026-03-31T00:00:00Z',
    description:
      'The flow as it stood at this moment: kudos given by then and not withdrawn by then (default now)',
  })
  @IsOptional()
  @IsDateTime()
  asOf?: string;

  @ApiPropertyOptional({
    format: 'date-time',
    example: '2026-01-01T00:00:00Z',
    description: "Only kudos given from this moment on: a cycle's window is [its start, asOf]",
  })
  @IsOptional()
  @IsDateTime()
  from?: string;

  @ApiPropertyOptional({
    example: '2026-q1',
    description:
      "A cycle's window: from its first day to the end of its last (or asOf, if earlier); instead of `from`",
  })
  @IsOptional()
  @IsString()
  @Matches(requestPatterns.orgId, { message: 'cycleId must be an id' })
  cycleId?: string;
}

/** A page from its query string: the default size when none is asked. */
export const pageOf = (query: PageQueryDto) => ({
  limit: query.limit === undefined ? defaultPageSize : Number(query.limit),
  ...(query.cursor === undefined ? {} : { cursor: query.cursor }),
});
