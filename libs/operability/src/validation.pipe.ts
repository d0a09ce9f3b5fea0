import { type ArgumentMetadata, ValidationPipe, type ValidationError } from '@nestjs/common';
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

/**
 * Paths of the strings that hold U+0000 (`name`, `members.0.role`; `''` for the value itself):
 * PostgreSQL stores it neither in text nor in jsonb, so it would fail as a 500 at the store.
 */
export const nulCharacterFields = (value: unknown): string[] => {
  const found: string[] = [];
  const pending: [unknown, string][] = [[value, '']];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [item, path] = next;
    if (typeof item === 'string' && item.includes('\u0000')) found.push(path);
    else if (typeof item === 'object' && item !== null) {
      for (const [key, child] of Object.entries(item)) {
        pending.push([child, path ? `${path}.${key}` : key]);
      }
    }
  }
  return found;
};

class RequestValidationPipe extends ValidationPipe {
  override transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const nul = metadata.type === 'custom' ? [] : nulCharacterFields(value);
    if (nul.length > 0) {
      const field = (path: string) => path || metadata.data || metadata.type;
      return Promise.reject(
        new RequestInvalid(
          Object.fromEntries(nul.map((path) => [field(path), 'must not contain U+0000'])),
        ),
      );
    }
    return super.transform(value, metadata) as Promise<unknown>;
  }
}

/**
 * The global pipe: DTOs are whitelisted, unknown properties are refused, values transformed, and
 * no string may hold U+0000.
 */
export const createValidationPipe = () =>
  new RequestValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new RequestInvalid(fieldsOf(errors)),
  });
