import { requiredText } from '@rhythm/operability';
import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, IsUUID, MaxLength } from 'class-validator';
import { inputLimits } from '../../org-domain';

/** Request bodies several units share: a new name, a reason, a person. */
export class RenameDto {
  @ApiProperty({ example: 'Payments & Billing', ...requiredText(inputLimits.name.max) })
  @IsString()
  @IsNotEmpty()
  @MaxLength(inputLimits.name.max)
  name!: string;
}

export class ReasonDto {
  @ApiProperty({ example: 'Merged into Commerce', ...requiredText(inputLimits.reason.max) })
  @IsString()
  @IsNotEmpty()
  @MaxLength(inputLimits.reason.max)
  reason!: string;
}

export class PersonRefDto {
  @ApiProperty({ format: 'uuid', description: 'A person of the organisation' })
  @IsUUID()
  personId!: string;
}
