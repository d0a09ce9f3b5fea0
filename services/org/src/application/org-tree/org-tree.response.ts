import { ApiProperty } from '@nestjs/swagger';

// OpenAPI shapes of the org tree (org-tree.ts builds the values).
export class PersonRefResponse {
  @ApiProperty({ format: 'uuid' }) personId!: string;
  @ApiProperty() name!: string;
}

export class SquadNodeResponse {
  @ApiProperty({ format: 'uuid' }) squadId!: string;
  @ApiProperty() name!: string;
  @ApiProperty() mission!: string;
  @ApiProperty({ type: PersonRefResponse, nullable: true }) productOwner!: PersonRefResponse | null;
  @ApiProperty({ type: [PersonRefResponse] }) members!: PersonRefResponse[];
}

export class ChapterNodeResponse {
  @ApiProperty({ format: 'uuid' }) chapterId!: string;
  @ApiProperty() name!: string;
  @ApiProperty() craft!: string;
  @ApiProperty({ type: PersonRefResponse, nullable: true }) lead!: PersonRefResponse | null;
  @ApiProperty({ type: [PersonRefResponse] }) members!: PersonRefResponse[];
}

export class TribeNodeResponse {
  @ApiProperty({ format: 'uuid' }) tribeId!: string;
  @ApiProperty() name!: string;
  @ApiProperty() mission!: string;
  @ApiProperty({ type: PersonRefResponse, nullable: true }) lead!: PersonRefResponse | null;
  @ApiProperty({ type: [SquadNodeResponse] }) squads!: SquadNodeResponse[];
  @ApiProperty({ type: [ChapterNodeResponse] }) chapters!: ChapterNodeResponse[];
}

export class GuildNodeResponse {
  @ApiProperty({ format: 'uuid' }) guildId!: string;
  @ApiProperty() name!: string;
  @ApiProperty() interest!: string;
  @ApiProperty({ type: [PersonRefResponse] }) coordinators!: PersonRefResponse[];
  @ApiProperty({ type: [PersonRefResponse] }) members!: PersonRefResponse[];
}

export class OrganisationRefResponse {
  @ApiProperty() organisationId!: string;
  @ApiProperty() name!: string;
}

export class OrgTreeResponse {
  @ApiProperty({ format: 'date-time', description: 'The moment the tree shows' }) asOf!: string;
  @ApiProperty({ type: OrganisationRefResponse, nullable: true })
  organisation!: OrganisationRefResponse | null;
  @ApiProperty({ type: [TribeNodeResponse] }) tribes!: TribeNodeResponse[];
  @ApiProperty({ type: [GuildNodeResponse] }) guilds!: GuildNodeResponse[];
  @ApiProperty({ type: [PersonRefResponse], description: 'People in no squad at that moment' })
  withoutSquad!: PersonRefResponse[];
}
