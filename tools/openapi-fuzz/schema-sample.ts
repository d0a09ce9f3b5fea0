import { resolve, type JsonSchema, type OpenApiDocument } from './openapi-document';
import type { SeededRandom } from '../seeded-random';

/** A known id for a field or parameter name (`personId`, `tribeId`), if the run has one. */
export type KnownId = (name: string) => string | undefined;

const WORDS = ['alpha', 'bravo', 'checkout', 'delta', 'echo', 'growth', 'payments', 'web'];

const stringOf = (schema: JsonSchema, random: SeededRandom, name: string, known: KnownId) => {
  switch (schema.format) {
    case 'uuid':
      // Mostly a real id so that requests get past "not found" into the domain rules.
      return (random.chance(0.85) ? known(name) : undefined) ?? random.uuid();
    case 'email':
      return `fuzz.${random.int(1, 1e6)}@example.test`;
    case 'date-time':
      return new Date(Date.UTC(2026, 0, 1) - random.int(0, 400) * 86_400_000).toISOString();
    case 'date':
      return `2026-0${random.int(1, 9)}-1${random.int(0, 9)}`;
    case 'uri':
      return `https://example.test/${random.pick(WORDS)}`;
    default: {
      if (schema.example !== undefined && random.chance(0.3))
        return typeof schema.example === 'string' ? schema.example : JSON.stringify(schema.example);
      const min = schema.minLength ?? 1;
      const max = Math.max(min, Math.min(schema.maxLength ?? 40, 40));
      const text = `${random.pick(WORDS)} ${random.int(1, 1e6)}`;
      return text.padEnd(min, 'x').slice(0, random.int(min, max)) || 'x'.repeat(min);
    }
  }
};

const numberOf = (schema: JsonSchema, random: SeededRandom) => {
  const min = schema.minimum ?? 0;
  const max = schema.maximum ?? min + 100;
  return schema.type === 'integer' ? random.int(min, max) : min + random.next() * (max - min);
};

/**
 * A value that should pass the schema: required properties always, optional ones half the time,
 * enums, formats and bounds respected. `name` is the property the value is for.
 */
export const sampleOf = (
  document: OpenApiDocument,
  raw: JsonSchema,
  random: SeededRandom,
  known: KnownId,
  name = '',
): unknown => {
  const schema = resolve(document, raw);
  if (schema.enum?.length) return random.pick(schema.enum);
  if (schema.allOf?.length) {
    return Object.assign(
      {},
      ...schema.allOf.map((part) => sampleOf(document, part, random, known, name)),
    ) as unknown;
  }
  const choice = schema.oneOf ?? schema.anyOf;
  if (choice?.length) return sampleOf(document, random.pick(choice), random, known, name);
  switch (schema.type ?? (schema.properties ? 'object' : 'string')) {
    case 'string':
      return stringOf(schema, random, name, known);
    case 'integer':
    case 'number':
      return numberOf(schema, random);
    case 'boolean':
      return random.chance(0.5);
    case 'array': {
      const count = random.int(schema.minItems ?? 0, Math.min(schema.maxItems ?? 3, 3));
      return Array.from({ length: count }, () =>
        sampleOf(document, schema.items ?? {}, random, known, name),
      );
    }
    default: {
      const required = new Set(schema.required ?? []);
      return Object.fromEntries(
        Object.entries(schema.properties ?? {})
          .filter(([key]) => required.has(key) || random.chance(0.5))
          .map(([key, property]) => [key, sampleOf(document, property, random, known, key)]),
      );
    }
  }
};
