import { applyDecorators } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsObject, ValidateNested } from 'class-validator';

/**
 * One object of a request body, validated as its DTO. `ValidateNested` alone takes an array for
 * a list of such objects and passes an empty one (`{"keyResult": []}`), which then reached the
 * handlers as a draft: a 500. An array or a scalar in its place is a 400 naming the field.
 */
export const NestedObject = (dto: () => new () => object): PropertyDecorator =>
  applyDecorators(IsObject(), ValidateNested(), Type(dto));
