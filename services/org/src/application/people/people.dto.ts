import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';

export class JoinOrganisationDto {
  @ApiProperty({ example: 'Ann Smith', maxLength: 120 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(120)
  name!: string;

  @ApiProperty({ example: 'ann@acme.example', format: 'email' })
  @IsEmail()
  @MaxLength(254)
  email!: string;
}

export class UpdateProfileDto {
  @ApiPropertyOptional({ example: 'Ann Jones', maxLength: 120 })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(120)
  name?: string;

  @ApiPropertyOptional({ example: 'ann.jones@acme.example', format: 'email' })
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  email?: string;
}
