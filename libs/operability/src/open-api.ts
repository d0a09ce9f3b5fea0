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
  const document = withRateLimitAnswers(SwaggerModule.createDocument(app, builder.build()));
  SwaggerModule.setup(OPENAPI_UI_PATH, app, document, {
    jsonDocumentUrl: OPENAPI_JSON_PATH,
    yamlDocumentUrl: 'docs/openapi.yaml',
  });
  return document;
};

const operationMethods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** Every documented operation sits behind the rate limits (ADR 0033), so each may answer 429. */
const withRateLimitAnswers = (document: OpenAPIObject): OpenAPIObject => {
  for (const path of Object.values(document.paths)) {
    for (const method of operationMethods) {
      const operation = path[method as keyof typeof path] as
        { responses?: Record<string, unknown> } | undefined;
      if (!operation || typeof operation !== 'object') continue;
      operation.responses ??= {};
      operation.responses['429'] ??= {
        description:
          'Too many requests from this tenant (or, without a valid token, this client address): ' +
          'wait Retry-After seconds',
        headers: {
          'Retry-After': {
            description: 'Seconds to wait',
            schema: { type: 'integer', minimum: 1 },
          },
        },
      };
    }
  }
  return document;
};
