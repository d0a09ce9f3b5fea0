import { NestedObject, Omittable, requiredText } from '@rhythm/operability';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsDefined,
  IsArray,
  IsIn,
  IsNotEmpty,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import { inputLimits, ownerKinds, type Unit } from '../../goals-domain';
import { cycleIdPattern, orgIdPattern } from '../http/goals-ids';
import { KeyResultDraftDto, ObjectiveDraftDto } from '../http/shared.dto';

const unitKinds = ownerKinds.filter((kind) => kind !== 'person');

export class UnitDto {
  @ApiProperty({ enum: unitKinds, example: 'squad' })
  @IsIn(unitKinds, { message: 'must be a unit: company, tribe, squad, chapter or guild' })
  kind!: Unit['kind'];

  @ApiPropertyOptional({ description: "The unit's id (the organisation's for the company)" })
  @ValidateIf((unit: UnitDto) => unit.kind !== 'company' || unit.id !== undefined)
  @Matches(orgIdPattern, { message: 'must be an id of the organisation' })
  id?: string;
}

export class ProposeObjectiveDto {
  @ApiProperty({ example: '2026-q1' })
  @Matches(cycleIdPattern, { message: 'must be a cycle id' })
  cycleId!: string;

  @ApiProperty({ type: UnitDto, description: 'The unit the objective is proposed for' })
  @IsDefined({ message: '$property is required' })
  @NestedObject(() => UnitDto)
  unit!: UnitDto;

  @ApiProperty({ type: ObjectiveDraftDto })
  @IsDefined({ message: '$property is required' })
  @NestedObject(() => ObjectiveDraftDto)
  draft!: ObjectiveDraftDto;
}

export class ProposeKeyResultDto {
  @ApiProperty({ format: 'uuid', description: 'The objective the key result is proposed for' })
  @IsUUID()
  objectiveId!: string;

  @ApiProperty({ type: KeyResultDraftDto })
  @IsDefined({ message: '$property is required' })
  @NestedObject(() => KeyResultDraftDto)
  draft!: KeyResultDraftDto;
}

export class ProposalTextDto {
  @ApiProperty({
    ...requiredText(inputLimits.note.max),
    example: 'Could we measure NPS per region?',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(inputLimits.note.max)
  text!: string;
}

/** A new version of what is proposed: an objective draft or a key result draft, as proposed. */
export class ReviseProposalDto {
  @ApiPropertyOptional({ type: ObjectiveDraftDto, description: 'For an objective proposal' })
  @ValidateIf((body: ReviseProposalDto) => body.keyResult === undefined)
  @NestedObject(() => ObjectiveDraftDto)
  objective?: ObjectiveDraftDto;

  @ApiPropertyOptional({ type: KeyResultDraftDto, description: 'For a key result proposal' })
  @ValidateIf((body: ReviseProposalDto) => body.objective === undefined)
  @NestedObject(() => KeyResultDraftDto)
  keyResult?: KeyResultDraftDto;

  @ApiPropertyOptional({ type: [String], description: 'Suggestions this revision takes up' })
  @Omittable()
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  addressedSuggestionIds?: string[];
}
