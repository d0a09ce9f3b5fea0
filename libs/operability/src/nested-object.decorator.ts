import { applyDecorators } from '@nestjs/common';
import { Type } from 'class-transformer';
import { isObject, ValidateBy, ValidateNested } from 'class-validator';

/**
 * One object of a request body, validated as its DTO. `ValidateNested` alone takes an array for
 * a list of such objects and passes an empty one (`{"keyResult": []}`), which then reached the
 * handlers as a draft: a 500. An array or a scalar in its place is a 400 naming the field; a
 * missing one is left to the property's own rule (required or optional), so it is said once.
 */
export const NestedObject = (dto: () => new () => object): PropertyDecorator =>
  applyDecorators(
    ValidateBy({
      name: 'isNestedObject',
      validator: {
        validate: (value: unknown) => value === undefined || value === null || isObject(value),
        defaultMessage: (args) => `${args?.property ?? 'value'} must be an object`,
      },
    }),
    ValidateNested(),
    Type(dto),
  );
