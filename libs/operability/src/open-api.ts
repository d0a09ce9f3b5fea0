import { type INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

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
  const document = SwaggerModule.createDocument(app, builder.build());
  SwaggerModule.setup(OPENAPI_UI_PATH, app, document, {
    jsonDocumentUrl: OPENAPI_JSON_PATH,
    yamlDocumentUrl: 'docs/openapi.yaml',
  });
  return document;
};
