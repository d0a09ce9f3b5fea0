import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { OpenApiDocument } from './openapi-document';

/** What came back, as the checks need it. */
export type Answer = Readonly<{
  status: number;
  /** Lower-case names, as node:http gives them. */
  headers: Readonly<Record<string, string | string[] | undefined>>;
  body: string;
}>;

type Header = Readonly<{ required?: boolean; schema?: object }>;
type DocumentedResponse = Readonly<{
  content?: Readonly<Record<string, { schema?: object }>>;
  headers?: Readonly<Record<string, Header>>;
}>;
type Schema = Record<string, unknown>;

const isJsonType = (mediaType: string) => /^application\/(.+\+)?json/.test(mediaType);
const isObject = (value: unknown): value is Schema =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

// OpenAPI 3.0 keywords JSON Schema does not know: dropped before ajv sees the schema.
const annotations = new Set(['example', 'xml', 'externalDocs', 'discriminator', 'deprecated']);

/**
 * An OpenAPI 3.0 schema as JSON Schema (draft-07): `nullable` becomes a null alternative, and
 * references to components point into the document registered under `openapi`.
 */
export const jsonSchemaOf = (schema: unknown): unknown => {
  if (Array.isArray(schema)) return schema.map(jsonSchemaOf);
  if (!isObject(schema)) return schema;
  const converted: Schema = {};
  for (const [key, value] of Object.entries(schema)) {
    if (annotations.has(key) || key === 'nullable') continue;
    if (key === '$ref' && typeof value === 'string') {
      converted.$ref = value.replace(/^#\/components\/schemas\//, 'openapi#/definitions/');
    } else if (key === 'properties' && isObject(value)) {
      converted.properties = Object.fromEntries(
        Object.entries(value).map(([name, property]) => [name, jsonSchemaOf(property)]),
      );
    } else {
      converted[key] = jsonSchemaOf(value);
    }
  }
  if (schema.nullable !== true) return converted;
  // A null alternative beside whatever the schema says; `enum` must list null itself.
  if (Array.isArray(converted.enum)) converted.enum = [...(converted.enum as unknown[]), null];
  const composed = ['$ref', 'allOf', 'oneOf', 'anyOf'].some((key) => key in converted);
  if (typeof converted.type === 'string' && !composed) {
    return { ...converted, type: [converted.type, 'null'] };
  }
  return { anyOf: [converted, { type: 'null' }] };
};

const describe = (error: ErrorObject): string => {
  const at = error.instancePath || '(the body)';
  const detail =
    error.keyword === 'additionalProperties'
      ? `unknown property ${String((error.params as { additionalProperty?: string }).additionalProperty)}`
      : error.keyword === 'enum'
        ? `${error.message ?? ''} (${JSON.stringify((error.params as { allowedValues?: unknown }).allowedValues)})`
        : (error.message ?? error.keyword);
  return `${at}: ${detail}`;
};

const valueAt = (body: unknown, pointer: string): unknown =>
  pointer
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>(
      (node, part) => (isObject(node) || Array.isArray(node) ? (node as Schema)[part] : undefined),
      body,
    );

/**
 * The answers an OpenAPI document promises, checked: the status is documented for the operation,
 * the documented headers are there, and a JSON body fits the schema of its status.
 */
export class DocumentedAnswers {
  private readonly ajv: Ajv;
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(private readonly document: OpenApiDocument) {
    this.ajv = new Ajv({ strict: false, allErrors: false, logger: false });
    addFormats(this.ajv);
    this.ajv.addSchema(
      { $id: 'openapi', definitions: jsonSchemaOf(document.components?.schemas ?? {}) as object },
      'openapi',
    );
  }

  /** The response the document gives for this status: exact, `4XX`, or `default`. */
  private responseFor(method: string, path: string, status: number) {
    const responses = (this.document.paths[path]?.[method.toLowerCase()]?.responses ??
      {}) as Record<string, DocumentedResponse>;
    const documented = [String(status), `${String(status)[0]}XX`, 'default'].find(
      (key) => responses[key] !== undefined,
    );
    return documented === undefined ? undefined : { key: documented, ...responses[documented] };
  }

  /**
   * The first way the answer breaks the document, or undefined when it keeps to it. `path` is
   * the document's path template (`/tribes/{tribeId}`).
   */
  mismatchOf(method: string, path: string, answer: Answer): string | undefined {
    const response = this.responseFor(method, path, answer.status);
    if (!response) return `status ${answer.status} is not documented`;
    for (const [name, header] of Object.entries(response.headers ?? {})) {
      const value = answer.headers[name.toLowerCase()];
      if (header.required && value === undefined) return `header ${name} is missing`;
    }
    const json = Object.entries(response.content ?? {}).find(([type]) => isJsonType(type));
    if (!json?.[1].schema || method.toUpperCase() === 'HEAD') return undefined;
    const contentType = String(answer.headers['content-type'] ?? '');
    if (!isJsonType(contentType)) return `not JSON (${contentType || 'no content-type'})`;
    let body: unknown;
    try {
      body = JSON.parse(answer.body);
    } catch {
      return 'the body is not valid JSON';
    }
    const validate = this.validatorFor(`${method} ${path} ${response.key}`, json[1].schema);
    if (validate(body)) return undefined;
    const [first] = validate.errors ?? [];
    if (!first) return 'the body does not fit its schema';
    const value = JSON.stringify(valueAt(body, first.instancePath)) ?? 'undefined';
    return `${describe(first)}; got ${value.length > 120 ? `${value.slice(0, 120)}…` : value}`;
  }

  private validatorFor(key: string, schema: object): ValidateFunction {
    let validate = this.validators.get(key);
    if (!validate) {
      validate = this.ajv.compile(jsonSchemaOf(schema) as object);
      this.validators.set(key, validate);
    }
    return validate;
  }
}
