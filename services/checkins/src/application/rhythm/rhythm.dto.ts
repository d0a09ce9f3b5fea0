import { Omittable, requestPatterns } from '@rhythm/operability';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsUUID, Matches, Max, Min } from 'class-validator';

export class ConfidenceThresholdsDto {
  @ApiProperty({
    minimum: 2,
    maximum: 10,
    example: 7,
    description: 'On track from this confidence',
  })
  @IsInt()
  @Min(2)
  @Max(10)
  onTrackFrom!: number;

  @ApiProperty({
    minimum: 1,
    maximum: 9,
    example: 4,
    description: 'At risk from this one; below: off track',
  })
  @IsInt()
  @Min(1)
  @Max(9)
  atRiskFrom!: number;
}

export class OutOfOfficeDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Chosen by the client to make a retry safe' })
  @Omittable()
  @IsUUID()
  absenceId?: string;

  @ApiProperty({ example: '2026-03-09T00:00:00+01:00' })
  @Matches(requestPatterns.instant, { message: 'from must be an ISO-8601 instant with an offset' })
  from!: string;

  @ApiProperty({
    example: '2026-03-21T00:00:00+01:00',
    description: 'Exclusive; at most a year on',
  })
  @Matches(requestPatterns.instant, { message: 'until must be an ISO-8601 instant with an offset' })
  until!: string;
}
