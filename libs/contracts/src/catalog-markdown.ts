import { z } from 'zod';
import type { IntegrationEventDefinition } from './registry/integration-event-definition';

/** The part of a JSON Schema (z.toJSONSchema) an event catalog describes. */
type JsonSchema = Readonly<{
  type?: string | string[];
  format?: string;
  const?: string | number | boolean;
  enum?: readonly unknown[];
  anyOf?: readonly JsonSchema[];
  oneOf?: readonly JsonSchema[];
  items?: JsonSchema;
  maxLength?: number;
  maxItems?: number;
  minimum?: number;
  maximum?: number;
  pattern?: string;
  properties?: Readonly<Record<string, JsonSchema>>;
  required?: readonly string[];
}>;

/** One field's type in words: enums, instants, arrays and nested objects spelled out. */
export const describeCatalogField = (schema: JsonSchema): string => {
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) return alternatives.map(describeCatalogField).join(' or ');
  if (schema.const !== undefined) return `\`${String(schema.const)}\``;
  if (schema.enum) return schema.enum.map((value) => `\`${String(value)}\``).join(' \\| ');
  if (schema.format === 'date-time') return 'UTC instant (ISO-8601)';
  if (schema.pattern === '^\\d{4}-\\d{2}-\\d{2}$') return 'date (YYYY-MM-DD)';
  if (schema.type === 'array' && schema.items) {
    const most = schema.maxItems === undefined ? '' : ` (≤ ${schema.maxItems})`;
    return `array of ${describeCatalogField(schema.items)}${most}`;
  }
  if (schema.type === 'object' && schema.properties) {
    return `{ ${Object.entries(schema.properties)
      .map(([name, field]) => `${name}: ${describeCatalogField(field)}`)
      .join(', ')} }`;
  }
  const type = Array.isArray(schema.type) ? schema.type.join(' or ') : (schema.type ?? 'any');
  if (schema.minimum !== undefined && schema.maximum !== undefined) {
    return `${type} ${schema.minimum}–${schema.maximum}`;
  }
  return schema.maxLength === undefined ? type : `${type} (≤ ${schema.maxLength})`;
};

/** A markdown table of an event's `data` fields: name, type, whether required. */
export const catalogFieldTable = (definition: IntegrationEventDefinition): string[] => {
  const schema = z.toJSONSchema(definition.schema) as JsonSchema;
  const required = new Set(schema.required ?? []);
  return [
    '| field | type | required |',
    '|---|---|---|',
    ...Object.entries(schema.properties ?? {}).map(
      ([field, fieldSchema]) =>
        `| \`${field}\` | ${describeCatalogField(fieldSchema)} | ${required.has(field) ? 'yes' : 'no'} |`,
    ),
  ];
};

/** One event's section of a context's catalog: title, description, key, fields, example. */
export const catalogSection = (
  definition: IntegrationEventDefinition,
  key: string,
  example: unknown,
): string =>
  [
    `### \`${definition.type}\` v${definition.version}`,
    '',
    definition.description,
    '',
    `Key: ${key}`,
    '',
    ...catalogFieldTable(definition),
    '',
    'Example `data`:',
    '',
    '```json',
    JSON.stringify(example, null, 2),
    '```',
    '',
  ].join('\n');
