import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { RequestInvalid } from './http-error';

/**
 * Field paths and their messages from class-validator errors, nested ones included
 * (`owner.email`, `members.0.role`). An unknown property is reported under its own path.
 */
export const fieldsOf = (
  errors: readonly ValidationError[],
  parent = '',
): Record<string, string> => {
  const fields: Record<string, string> = {};
  for (const error of errors) {
    const path = parent ? `${parent}.${error.property}` : error.property;
    const messages = Object.values(error.constraints ?? {});
    if (messages.length > 0) fields[path] = messages.join('; ');
    Object.assign(fields, fieldsOf(error.children ?? [], path));
  }
  return fields;
};

/** The global pipe: DTOs are whitelisted, unknown properties are refused, values transformed. */
export const createValidationPipe = () =>
  new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new RequestInvalid(fieldsOf(errors)),
  });
