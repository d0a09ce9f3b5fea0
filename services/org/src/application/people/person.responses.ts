import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class UnitRefResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
}

export class SquadMembershipResponse extends UnitRefResponse {
  @ApiProperty({ type: UnitRefResponse, nullable: true }) tribe!: UnitRefResponse | null;
}

export class PersonProfileResponse {
  @ApiProperty({ format: 'uuid' }) personId!: string;
  @ApiProperty() name!: string;
  @ApiPropertyOptional({
    format: 'email',
    description:
      'Only for the person, an admin, or the product owner, tribe lead or chapter lead over them; ' +
      'never once their personal data is erased (docs/security.md "Personal data")',
  })
  email?: string;
  @ApiProperty({ enum: ['in-organisation', 'left'] }) status!: 'in-organisation' | 'left';
  @ApiProperty({ format: 'date-time' }) joinedAt!: string;
  @ApiPropertyOptional({ format: 'date-time' }) leftAt?: string;
  @ApiProperty({ type: SquadMembershipResponse, nullable: true })
  squad!: SquadMembershipResponse | null;
  @ApiProperty({ type: UnitRefResponse, nullable: true }) chapter!: UnitRefResponse | null;
  @ApiProperty({ type: [UnitRefResponse] }) guilds!: UnitRefResponse[];
}

export class MembershipPeriodResponse {
  @ApiProperty({ enum: ['squad', 'chapter', 'guild'] }) kind!: 'squad' | 'chapter' | 'guild';
  @ApiProperty({ format: 'uuid' }) unitId!: string;
  @ApiProperty({ description: "The unit's current (or last) name" }) unitName!: string;
  @ApiProperty({ format: 'date-time' }) from!: string;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'Null while it lasts',
  })
  to!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description:
      'Null while it lasts; then requested, left-organisation, moved, moved-to-another-tribe or ' +
      'unit-dissolved',
  })
  endedBy!: string | null;
}

export class LedUnitResponse {
  @ApiProperty({ enum: ['tribe', 'squad', 'chapter', 'guild'] }) kind!: string;
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
}

export class PersonListEntryResponse {
  @ApiProperty({ format: 'uuid' }) personId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({
    type: [LedUnitResponse],
    description:
      'Units the person leads now: tribe lead, product owner, chapter lead, guild coordinator',
  })
  leads!: LedUnitResponse[];
}
