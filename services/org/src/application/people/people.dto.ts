import { requiredText } from '@rhythm/operability';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { inputLimits } from '../../org-domain';

export class JoinOrganisationDto {
  @ApiProperty({ example: 'Ann Smith', ...requiredText(inputLimits.name.max) })
  @IsString()
  @IsNotEmpty()
  @MaxLength(inputLimits.name.max)
  name!: string;

  @ApiProperty({ example: 'ann@acme.example', format: 'email' })
  @IsEmail()
  @MaxLength(inputLimits.email.max)
  email!: string;
}

export class UpdateProfileDto {
  @ApiPropertyOptional({ example: 'Ann Jones', ...requiredText(inputLimits.name.max) })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(inputLimits.name.max)
  name?: string;

  @ApiPropertyOptional({ example: 'ann.jones@acme.example', format: 'email' })
  @IsOptional()
  @IsEmail()
  @MaxLength(inputLimits.email.max)
  email?: string;
}
