import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class OrgUnitResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['tribe', 'squad', 'chapter', 'guild'] }) kind!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ description: 'Mission (tribes, squads), craft (chapters) or interest (guilds)' })
  purpose!: string;
  @ApiProperty({ enum: ['active', 'dissolved'] }) status!: 'active' | 'dissolved';
  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: "Squads' and chapters' tribe",
  })
  tribeId?: string | null;
  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'Tribe lead, product owner or chapter lead; null while there is none',
  })
  leadId?: string | null;
  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'Guild coordinators' })
  coordinatorIds?: string[];
  @ApiProperty({ format: 'date-time' }) formedAt!: string;
  @ApiPropertyOptional({ format: 'date-time' }) dissolvedAt?: string;
}
