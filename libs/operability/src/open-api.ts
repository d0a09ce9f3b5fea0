import { type INestApplication } from '@nestjs/common';
import {
  DocumentBuilder,
  getSchemaPath,
  type OpenAPIObject,
  type ParameterObject,
  type ResponseObject,
  type ResponsesObject,
  type ReferenceObject,
  type SchemaObject,
  SwaggerModule,
} from '@nestjs/swagger';
import type { HttpErrorCode } from './http-error';
import { HttpErrorResponse } from './http-error.response';

export type OpenApiOptions = Readonly<{ title: string; version: string; description?: string }>;

export const OPENAPI_UI_PATH = 'docs';
export const OPENAPI_JSON_PATH = 'docs/openapi.json';

/** OpenAPI UI at /docs and the document at /docs/openapi.json, with bearer (JWT) security. */
export const setupOpenApi = (app: INestApplication, options: OpenApiOptions) => {
  const document = openApiDocumentOf(app, options);
  SwaggerModule.setup(OPENAPI_UI_PATH, app, document, {
    jsonDocumentUrl: OPENAPI_JSON_PATH,
    yamlDocumentUrl: 'docs/openapi.yaml',
  });
  return document;
};

/** The document a service serves: its operations, each with every answer it can give. */
export const openApiDocumentOf = (
  app: INestApplication,
  { title, version, description }: OpenApiOptions,
): OpenAPIObject => {
  const builder = new DocumentBuilder()
    .setTitle(title)
    .setVersion(version)
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, 'bearer')
    .addSecurityRequirements('bearer');
  if (description) builder.setDescription(description);
  return withClosedRequestBodies(
    withDocumentedAnswers(
      SwaggerModule.createDocument(app, builder.build(), { extraModels: [HttpErrorResponse] }),
    ),
  );
};

/**
 * Every object a request body holds, at any depth, says `additionalProperties: false`: the
 * validation pipe refuses a property no DTO declares (400, `forbidNonWhitelisted`), so a body
 * with one is outside the document, as it is outside the API.
 */
const withClosedRequestBodies = (document: OpenAPIObject): OpenAPIObject => {
  const schemas = document.components?.schemas ?? {};
  const closed = new Set<SchemaObject>();
  const close = (schema: SchemaObject | ReferenceObject | undefined): void => {
    if (!schema) return;
    if ('$ref' in schema) {
      close(schemas[schema.$ref.replace('#/components/schemas/', '')]);
      return;
    }
    if (closed.has(schema)) return;
    closed.add(schema);
    if (schema.properties) {
      schema.additionalProperties ??= false;
      for (const property of Object.values(schema.properties)) close(property);
    }
    if (schema.items) close(schema.items);
    for (const part of [...(schema.allOf ?? []), ...(schema.oneOf ?? []), ...(schema.anyOf ?? [])])
      close(part);
  };
  for (const path of Object.values(document.paths)) {
    for (const method of operationMethods) {
      const operation = path[method as keyof typeof path] as
        | {
            requestBody?: { content?: Record<string, { schema?: SchemaObject | ReferenceObject }> };
          }
        | undefined;
      for (const media of Object.values(operation?.requestBody?.content ?? {})) close(media.schema);
    }
  }
  return document;
};

const operationMethods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

type ErrorAnswer = Readonly<{
  /** The `error` codes this status carries (ADR 0008). */
  codes: readonly HttpErrorCode[];
  /** Used where the service's decorators say nothing of this status. */
  description: string;
  retryAfter?: true;
}>;

/** What each error status means and which codes it carries: the filter's mapping (ADR 0008). */
const errorAnswers: Readonly<Record<number, ErrorAnswer>> = {
  400: {
    codes: ['validation_failed', 'bad_request'],
    description:
      'The request is not valid: `fields` names each body value, query parameter or header at fault',
  },
  401: {
    codes: ['unauthenticated'],
    description:
      'No bearer token, or one that is expired, not signed by a trusted key, or with claims ' +
      'out of bounds: `reason` says which (ADR 0007)',
  },
  403: {
    codes: ['forbidden'],
    description:
      'The token is no person of the organisation, has no known role, or its roles do not ' +
      'allow this (docs/security.md)',
  },
  404: { codes: ['not_found'], description: 'It does not exist, or the caller may not see it' },
  405: { codes: ['method_not_allowed'], description: 'Not a method of this path' },
  409: {
    codes: ['already_exists', 'rule_violated', 'version_conflict'],
    description:
      'A rule forbids it in the current state, it already exists, or If-Match is out of date',
  },
  413: { codes: ['payload_too_large'], description: 'The body is larger than 100 kB' },
  415: { codes: ['unsupported_media_type'], description: 'The body is not JSON in UTF-8' },
  429: {
    codes: ['too_many_requests'],
    description:
      'Too many requests from this tenant (or, without a valid token, this client address): ' +
      'wait Retry-After seconds',
    retryAfter: true,
  },
  503: {
    codes: ['service_unavailable'],
    description: 'A store or broker under the service is unavailable: wait Retry-After seconds',
    retryAfter: true,
  },
};

/**
 * What any operation may answer whatever it does (ADR 0033): the body and query parsers read
 * every request, the rate limits apply to all, and a store may be out of reach.
 */
const everyOperation = [400, 413, 415, 429, 503];
/** What the identity guard answers before any secured operation runs (ADR 0007, ADR 0032). */
const everySecuredOperation = [401, 403];

const retryAfterHeader = {
  'Retry-After': {
    description: 'Seconds to wait before trying again',
    required: true,
    schema: { type: 'integer', minimum: 1 },
  },
};

const wwwAuthenticateHeader = {
  'WWW-Authenticate': {
    description: 'Bearer, with error="invalid_token" when a token was sent (RFC 6750)',
    required: true,
    schema: { type: 'string' },
  },
};

/** The one error schema, narrowed to the status and the codes it carries. */
const errorSchemaFor = (status: number): SchemaObject | ReferenceObject => {
  const answer = errorAnswers[status];
  const error: ReferenceObject = { $ref: getSchemaPath(HttpErrorResponse) };
  if (!answer) return error;
  return {
    allOf: [
      error,
      {
        type: 'object',
        properties: {
          statusCode: { type: 'integer', enum: [status] },
          error: { type: 'string', enum: [...answer.codes] },
        },
        ...(status === 401 ? { required: ['reason'] } : {}),
      },
    ],
  };
};

const errorResponseFor = (status: number, documented?: ResponseObject): ResponseObject => {
  const answer = errorAnswers[status];
  const headers = {
    ...documented?.headers,
    ...(answer?.retryAfter ? retryAfterHeader : {}),
    ...(status === 401 ? wwwAuthenticateHeader : {}),
  };
  return {
    ...documented,
    description: documented?.description || answer?.description || 'Refused',
    ...(Object.keys(headers).length > 0 ? { headers } : {}),
    content: { 'application/json': { schema: errorSchemaFor(status) } },
  };
};

/**
 * Each operation documents the answers of the edge and the guard, and every error answer (its
 * own or these) carries the one error schema: decided here once, not per method.
 */
const withDocumentedAnswers = (document: OpenAPIObject): OpenAPIObject => {
  for (const [template, path] of Object.entries(document.paths)) {
    for (const method of operationMethods) {
      const operation = path[method as keyof typeof path] as
        | { responses?: ResponsesObject; security?: unknown[]; parameters?: ParameterObject[] }
        | undefined;
      if (!operation || typeof operation !== 'object') continue;
      // A controller's @ApiParam reaches all its operations: only those with it in their path.
      operation.parameters = operation.parameters?.filter(
        (parameter) => parameter.in !== 'path' || template.includes(`{${parameter.name}}`),
      );
      const responses: ResponsesObject = (operation.responses ??= {});
      const secured = (operation.security ?? document.security ?? []).length > 0;
      const statuses = [...everyOperation, ...(secured ? everySecuredOperation : [])];
      for (const status of statuses) responses[status] ??= { description: '' };
      for (const [status, response] of Object.entries(responses)) {
        if (Number(status) >= 400) {
          responses[status] = errorResponseFor(Number(status), response as ResponseObject);
        }
      }
    }
  }
  return document;
};

/**
 * How a required text is documented: the domain trims it and refuses it empty (400), so the
 * document says "at least one character that is not white space" as well as the longest length.
 * Spread into an `@ApiProperty`: `@ApiProperty({ example: 'Web', ...requiredText(120) })`.
 */
export const requiredText = (maxLength: number) =>
  ({ type: 'string', minLength: 1, maxLength, pattern: '\\S' }) as const;
