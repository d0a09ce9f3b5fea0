import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches, MaxLength } from 'class-validator';
import { requiredText } from './open-api';

/**
 * A text a person must write (a message, a reason): a string, not blank, at most `maxLength`
 * characters; documented as such in the OpenAPI document.
 */
export const RequiredText = (maxLength: number, example?: string): PropertyDecorator =>
  applyDecorators(
    ApiProperty({ ...requiredText(maxLength), ...(example === undefined ? {} : { example }) }),
    IsString(),
    Matches(/\S/, { message: ({ property }) => `${property} must not be blank` }),
    MaxLength(maxLength),
  );
