import { Body, Controller, Get, Module, Param, Post } from '@nestjs/common';
import { PayloadTooLargeException, UnsupportedMediaTypeException } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import {
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiParam,
  ApiProperty,
} from '@nestjs/swagger';
import {
  AlreadyExists,
  Forbidden,
  NotFound,
  RuleViolated,
  ValidationFailed,
  WrongExpectedRevision,
} from '@rhythm/event-sourcing';
import { AccessTokenRejected } from '@rhythm/identity';
import { DocumentedAnswers } from '@rhythm/tools/openapi-fuzz/documented-answers';
import type { OpenApiDocument } from '@rhythm/tools/openapi-fuzz/openapi-document';
import { httpErrorOf } from './http-error';
import { openApiDocumentOf } from './open-api';
import { RequestThrottled } from './rate-limits';

class Tribe {
  @ApiProperty({ format: 'uuid' }) id!: string;
}

class Mission {
  @ApiProperty() text!: string;
}

class FormTribe {
  @ApiProperty() name!: string;
  @ApiProperty({ type: [Mission] }) missions!: Mission[];
}

@ApiParam({ name: 'tribeId', format: 'uuid' })
@Controller('tribes')
class TribesController {
  @Post()
  @ApiOkResponse({ type: Tribe })
  form(@Body() body: FormTribe) {
    return { id: body.name };
  }

  @Get(':tribeId')
  @ApiOkResponse({ type: Tribe })
  @ApiNotFoundResponse({ description: 'No such tribe' })
  @ApiConflictResponse({ description: 'Only so the 409s can be tried here' })
  tribe(@Param('tribeId') tribeId: string) {
    return { id: tribeId };
  }
}

@Module({ controllers: [TribesController] })
class TribesModule {}

const outage = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), {
  code: 'ECONNREFUSED',
});

/** What the error filter answers for each status: the real bodies and headers. */
const refusals: Readonly<Record<number, readonly [string, unknown][]>> = {
  400: [
    ['a field at fault', new ValidationFailed('The request is not valid.', { name: 'too long' })],
  ],
  401: [
    ['no token', new AccessTokenRejected('missing')],
    ['an expired token', new AccessTokenRejected('expired')],
  ],
  403: [['a power the caller lacks', new Forbidden('Only an admin may')]],
  404: [
    ['an unknown id', new NotFound('tribe t not found')],
    ['an unknown id named in the body', new NotFound('no such person', { personId: 'unknown' })],
  ],
  409: [
    ['a rule', new RuleViolated('The tribe is dissolved')],
    ['a duplicate', new AlreadyExists('The organisation exists')],
    ['an old If-Match', new WrongExpectedRevision('tribe-t', 3, 4)],
  ],
  413: [['a large body', new PayloadTooLargeException()]],
  415: [['another media type', new UnsupportedMediaTypeException()]],
  429: [['a tenant over its rate', new RequestThrottled('tenant', 2)]],
  503: [['a store out of reach', outage]],
};

describe('the OpenAPI document of a service', () => {
  let document: OpenApiDocument;

  beforeAll(async () => {
    const app = await NestFactory.create(TribesModule, { logger: false });
    document = openApiDocumentOf(app, { title: 'Rhythm test', version: '1' }) as never;
    await app.close();
  });

  const operations = () =>
    Object.entries(document.paths).flatMap(([path, item]) =>
      Object.entries(item).map(([method, operation]) => ({ path, method, operation })),
    );

  it('documents on every operation what the edge and the identity guard answer', () => {
    for (const { operation } of operations()) {
      expect(Object.keys(operation.responses ?? {})).toEqual(
        expect.arrayContaining(['400', '401', '403', '413', '415', '429', '503']),
      );
    }
  });

  it('closes every object of a request body, at any depth, and no answer', () => {
    const schemas = document.components?.schemas ?? {};
    expect(schemas.FormTribe).toMatchObject({ additionalProperties: false });
    expect(schemas.Mission).toMatchObject({ additionalProperties: false });
    expect(schemas.Tribe).not.toHaveProperty('additionalProperties');
  });

  it('keeps a controller-wide path parameter to the operations whose path has it', () => {
    const parameters = (path: string, method: string) =>
      (document.paths[path]?.[method]?.parameters ?? []).map((p) => ('name' in p ? p.name : ''));
    expect(parameters('/tribes', 'post')).toEqual([]);
    expect(parameters('/tribes/{tribeId}', 'get')).toEqual(['tribeId']);
  });

  it.each(
    Object.entries(refusals).flatMap(([status, cases]) =>
      cases.map(([name, error]) => [Number(status), name, error] as const),
    ),
  )('documents the %d the filter answers for %s, body and headers', (status, _, error) => {
    const { body, headers } = httpErrorOf(error, 'en');
    expect(body.statusCode).toBe(status);
    const answer = {
      status,
      headers: {
        'content-type': 'application/json; charset=utf-8',
        ...Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v])),
      },
      body: JSON.stringify({ ...body, correlationId: 'c0ffee' }),
    };
    const answers = new DocumentedAnswers(document);
    expect(answers.mismatchOf('GET', '/tribes/{tribeId}', answer)).toBeUndefined();
  });

  it('refuses a body outside the error schema of its status', () => {
    const answers = new DocumentedAnswers(document);
    const answer = (status: number, body: object) => ({
      status,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const notFound = { statusCode: 404, error: 'not_found', message: 'Not found.' };
    expect(answers.mismatchOf('GET', '/tribes/{tribeId}', answer(404, notFound))).toMatch(
      /correlationId/,
    );
    expect(
      answers.mismatchOf(
        'GET',
        '/tribes/{tribeId}',
        answer(404, { ...notFound, error: 'rule_violated', correlationId: 'c' }),
      ),
    ).toMatch(/\/error/);
    expect(answers.mismatchOf('GET', '/tribes/{tribeId}', answer(418, notFound))).toBe(
      'status 418 is not documented',
    );
  });
});
