import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

// What an insight answers, documented for clients and checked by the API document spec.

export class InsightResponse {
  @ApiProperty({ format: 'uuid' }) insightId!: string;
  @ApiProperty({ format: 'uuid' }) objectiveId!: string;
  @ApiProperty({ description: 'The guild it speaks for' }) guildId!: string;
  @ApiProperty() authorId!: string;
  @ApiProperty() title!: string;
  @ApiProperty() body!: string;
  @ApiProperty({ format: 'date-time' }) postedAt!: string;
  @ApiPropertyOptional({ format: 'date-time' }) revisedAt?: string;
}
