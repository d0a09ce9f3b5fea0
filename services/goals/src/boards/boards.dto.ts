import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Omittable, requiredText } from '@rhythm/operability';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsNotEmpty,
  IsObject,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { inputLimits } from '../goals-domain';
import { cycleIdPattern, orgIdPattern } from '../application/http/goals-ids';
import { unitKinds } from '../application/queries/okr-queries.dto';

export class BoardScopeDto {
  @ApiProperty({ enum: unitKinds, example: 'squad' })
  @IsIn(unitKinds)
  kind!: (typeof unitKinds)[number];

  @ApiPropertyOptional({
    description: 'The unit shown; not for the company (the organisation itself)',
    pattern: orgIdPattern.source,
  })
  @Omittable()
  @IsString()
  @Matches(orgIdPattern, { message: 'must be an id of the organisation' })
  unitId?: string;
}

export class CreateBoardDto {
  @ApiProperty({ type: BoardScopeDto })
  @IsObject()
  @ValidateNested()
  @Type(() => BoardScopeDto)
  scope!: BoardScopeDto;

  @ApiProperty({ example: '2026-q1', pattern: cycleIdPattern.source })
  @IsString()
  @Matches(cycleIdPattern, { message: 'must be a cycle id (letters, digits, - and _)' })
  cycleId!: string;

  @ApiPropertyOptional({
    description: "Default: the unit's name and the cycle's",
    ...requiredText(inputLimits.title.max),
  })
  @Omittable()
  @IsString()
  @IsNotEmpty()
  @MaxLength(inputLimits.title.max)
  title?: string;
}
