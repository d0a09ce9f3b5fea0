import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, IsUUID, MaxLength } from 'class-validator';

/** Request bodies several units share: a new name, a reason, a person. */
export class RenameDto {
  @ApiProperty({ example: 'Payments & Billing', maxLength: 120 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(120)
  name!: string;
}

export class ReasonDto {
  @ApiProperty({ example: 'Merged into Commerce', maxLength: 500 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason!: string;
}

export class PersonRefDto {
  @ApiProperty({ format: 'uuid', description: 'A person of the organisation' })
  @IsUUID()
  personId!: string;
}
