import { type INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

export type OpenApiOptions = Readonly<{ title: string; version: string; description?: string }>;

export const OPENAPI_UI_PATH = 'docs';
export const OPENAPI_JSON_PATH = 'docs/openapi.json';

/** OpenAPI UI at /docs and the document at /docs/openapi.json, with bearer (JWT) security. */
export const setupOpenApi = (
  app: INestApplication,
  { title, version, description }: OpenApiOptions,
) => {
  const builder = new DocumentBuilder()
    .setTitle(title)
    .setVersion(version)
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, 'bearer')
    .addSecurityRequirements('bearer');
  if (description) builder.setDescription(description);
  const document = withEdgeAnswers(SwaggerModule.createDocument(app, builder.build()));
  SwaggerModule.setup(OPENAPI_UI_PATH, app, document, {
    jsonDocumentUrl: OPENAPI_JSON_PATH,
    yamlDocumentUrl: 'docs/openapi.yaml',
  });
  return document;
};

const operationMethods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/**
 * What the edge may answer on any operation before its handler runs (ADR 0033): the body parser
 * and the query parser read every request, and the rate limits apply to all.
 */
const edgeAnswers: Readonly<Record<string, object>> = {
  '400': {
    description:
      'The request is not valid: `fields` names each body value or query parameter at fault',
  },
  '413': { description: 'The body is larger than 100 kB' },
  '415': { description: 'The body is not JSON in UTF-8' },
  '429': {
    description:
      'Too many requests from this tenant (or, without a valid token, this client address): ' +
      'wait Retry-After seconds',
    headers: {
      'Retry-After': { description: 'Seconds to wait', schema: { type: 'integer', minimum: 1 } },
    },
  },
};

/** Each operation documents the edge's answers it does not document itself. */
const withEdgeAnswers = (document: OpenAPIObject): OpenAPIObject => {
  for (const path of Object.values(document.paths)) {
    for (const method of operationMethods) {
      const operation = path[method as keyof typeof path] as
        { responses?: Record<string, unknown> } | undefined;
      if (!operation || typeof operation !== 'object') continue;
      operation.responses ??= {};
      for (const [status, answer] of Object.entries(edgeAnswers)) {
        operation.responses[status] ??= answer;
      }
    }
  }
  return document;
};
