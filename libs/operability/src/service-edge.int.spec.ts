import { type Server } from 'node:http';
import { Body, Controller, Get, Module, Param, Post, Query } from '@nestjs/common';
import { type NestExpressApplication } from '@nestjs/platform-express';
import { Type } from 'class-transformer';
import { IsIn, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import {
  type AuthenticatedActor,
  CurrentActor,
  everySubjectIsAPerson,
  mintTestToken,
  PERSON_REGISTRY,
  Public,
  TEST_AUDIENCE,
  TEST_ISSUER,
  testKeyPair,
} from '@rhythm/identity';
import request from 'supertest';
import { parseConfiguration } from './configuration';
import { serviceConfigSchema } from './configuration-variables';
import { MAX_JSON_DEPTH } from './json-text.checks';
import { metricsRegistry } from './metrics';
import {
  API_CONTENT_SECURITY_POLICY,
  DOCS_CONTENT_SECURITY_POLICY,
} from './security-headers.middleware';
import { createServiceApp } from './service-app';

class Lead {
  @IsString() @MaxLength(40) name!: string;
}

class FormTribe {
  @IsString() @MaxLength(120) name!: string;
  @IsOptional() @IsString() @MaxLength(500) mission?: string;
  @IsOptional() @ValidateNested() @Type(() => Lead) lead?: Lead;
}

class TribesQuery {
  @IsOptional() @IsIn(['active', 'dissolved']) status?: string;
}

/** What a service's controllers look like to the edge: a body, a query, a path parameter. */
@Controller('tribes')
class TribesController {
  @Post()
  form(@Body() tribe: FormTribe, @CurrentActor() actor: AuthenticatedActor) {
    return { name: tribe.name, tenantId: actor.tenantId };
  }

  @Get()
  list(@Query() query: TribesQuery) {
    return { status: query.status ?? 'any' };
  }

  @Get(':id')
  one(@Param('id') id: string) {
    return { id };
  }
}

@Public()
@Controller('status')
class StatusController {
  @Get()
  status() {
    return { up: true };
  }
}

@Module({
  controllers: [TribesController, StatusController],
  providers: [{ provide: PERSON_REGISTRY, useValue: everySubjectIsAPerson }],
})
class TribesModule {}

const configOf = (variables: Record<string, string> = {}) =>
  parseConfiguration(serviceConfigSchema(), {
    JWT_ISSUER: TEST_ISSUER,
    JWT_AUDIENCE: TEST_AUDIENCE,
    JWT_PUBLIC_KEY: testKeyPair().publicKeyPem,
    LOG_LEVEL: 'silent',
    // Each test names its client address in X-Forwarded-For: its own bucket (ADR 0033).
    TRUST_PROXY: 'loopback',
    ...variables,
  });

const bearer = (tenant: string) =>
  `Bearer ${mintTestToken({ sub: 'person-ada', tenant, roles: ['member'] })}`;

let clients = 0;
/** A client address of its own, so that no test spends another's allowance. */
const newClient = () => {
  clients += 1;
  return `198.51.100.${clients}`;
};

const errorBody = (fields: Record<string, string>) => ({
  statusCode: 400,
  error: 'validation_failed',
  message: 'The request is not valid.',
  fields,
  correlationId: expect.any(String),
});

describe('the service edge refuses hostile input with a 400, never a 500', () => {
  let app: NestExpressApplication;
  let server: Server;
  // RATE_LIMITS off: this block sends many requests from one tenant and one address.
  beforeAll(async () => {
    app = await createServiceApp({
      name: 'edge-test',
      module: TribesModule,
      config: configOf({ RATE_LIMITS: 'off' }),
    });
    server = app.getHttpServer();
  });
  afterAll(() => app?.close());

  const post = (body: string, contentType = 'application/json') =>
    request(server)
      .post('/tribes')
      .set('Authorization', bearer('org-acme'))
      .set('Content-Type', contentType)
      .send(body);

  it('takes a valid body (the parser in place of Nest’s still parses JSON)', async () => {
    const response = await post('{"name":"Payments","lead":{"name":"Ada"}}').expect(201);
    expect(response.body).toEqual({ name: 'Payments', tenantId: 'org-acme' });
  });

  it('refuses the finding’s {"name":"a\\ud800"} naming the field, and a lone surrogate in a key', async () => {
    const value = await post(String.raw`{"name":"a\ud800"}`).expect(400);
    expect(value.body).toEqual(
      errorBody({ name: 'holds a lone surrogate (U+D800): not valid Unicode text' }),
    );
    const nested = await post(String.raw`{"name":"ok","lead":{"name":"\udfff"}}`).expect(400);
    expect(nested.body.fields).toEqual({
      'lead.name': 'holds a lone surrogate (U+DFFF): not valid Unicode text',
    });
    const key = await post(String.raw`{"name":"ok","\ud800":1}`).expect(400);
    expect(key.body.fields).toEqual({
      '\ufffd': 'is a name that holds a lone surrogate (U+D800): not valid Unicode text',
    });
  });

  it('refuses a raw surrogate and any other bytes that are not UTF-8', async () => {
    const raw = Buffer.concat([
      Buffer.from('{"name":"a'),
      Buffer.from([0xed, 0xa0, 0x80]),
      Buffer.from('"}'),
    ]);
    // Bytes as they are: supertest would serialise a Buffer as JSON.
    await app.listen(0, '127.0.0.1');
    const response = await fetch(`${await app.getUrl()}/tribes`, {
      method: 'POST',
      headers: { Authorization: bearer('org-acme'), 'Content-Type': 'application/json' },
      body: raw,
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual(errorBody({ body: 'is not valid UTF-8' }));
  });

  it('refuses the finding’s 3,000 nested arrays and objects (6 kB and 18 kB)', async () => {
    const arrays = `${'['.repeat(3000)}${']'.repeat(3000)}`;
    expect(arrays).toHaveLength(6000);
    const tooDeep = `nests arrays and objects deeper than ${MAX_JSON_DEPTH} levels`;
    const first = await post(arrays).expect(400);
    expect(Object.values(first.body.fields as object)).toEqual([tooDeep]);

    const objects = `{"name":"x","mission":${'{"a":'.repeat(3000)}1${'}'.repeat(3000)}}`;
    const second = await post(objects).expect(400);
    expect(second.body.fields).toEqual({
      [['mission', ...Array.from({ length: MAX_JSON_DEPTH - 1 }, () => 'a')].join('.')]: tooDeep,
    });
  });

  it.each([
    // A computed key: `{ __proto__: ... }` would set the expectation's prototype instead.
    [
      '__proto__',
      '{"name":"x","__proto__":{"isAdmin":true}}',
      { ['__proto__']: 'is a reserved name' },
    ],
    [
      'constructor',
      '{"name":"x","constructor":{"prototype":{}}}',
      { constructor: 'is a reserved name' },
    ],
    ['toString', '{"name":"x","toString":1}', { toString: 'is a reserved name' }],
    ['a duplicate key', '{"name":"a","name":"b"}', { name: 'appears more than once' }],
    ['1e400', '{"name":"x","mission":1e400}', { mission: 'is a number out of range' }],
    ['a string body', '"text"', { body: 'must be a JSON object' }],
    ['null', 'null', { body: 'must be a JSON object' }],
    ['an array body', '[{"name":"x"}]', { body: 'must be a JSON object' }],
    ['broken JSON', '{"name":"x",}', { body: 'is not valid JSON' }],
  ])('refuses %s with 400 naming it', async (_, body, fields) => {
    const response = await post(body).expect(400);
    expect(response.body).toEqual(errorBody(fields));
  });

  it('refuses a huge array by the DTO and a body over 100 kB with 413', async () => {
    const huge = JSON.stringify({ name: 'x', mission: Array.from({ length: 40_000 }, () => 0) });
    expect(huge.length).toBeLessThan(100 * 1024);
    const refused = await post(huge).expect(400);
    expect(Object.keys(refused.body.fields as object)).toEqual(['mission']);

    const tooLarge = await post(JSON.stringify({ name: 'x'.repeat(110_000) })).expect(413);
    expect(tooLarge.body).toMatchObject({ statusCode: 413, error: 'payload_too_large' });
  });

  it('answers 415 for a body that is not JSON or not UTF-8', async () => {
    for (const [body, contentType] of [
      ['name=x', 'application/x-www-form-urlencoded'],
      ['name', 'text/plain'],
      ['{"name":"x"}', 'application/json; charset=utf-16le'],
    ]) {
      const response = await post(body, contentType).expect(415);
      expect(response.body).toMatchObject({ statusCode: 415, error: 'unsupported_media_type' });
    }
  });

  it('refuses a lone surrogate’s bytes in a path parameter or a query value (%ED%A0%80)', async () => {
    const path = await request(server)
      .get('/tribes/%ED%A0%80')
      .set('Authorization', bearer('org-acme'))
      .expect(400);
    expect(path.body).toMatchObject({ statusCode: 400, error: 'bad_request' });
    const query = await request(server)
      .get('/tribes?status=%ED%A0%80')
      .set('Authorization', bearer('org-acme'))
      .expect(400);
    expect(query.body).toEqual(errorBody({ status: 'is not valid percent-encoded UTF-8' }));
  });

  it('refuses reserved names in a query, which class-validator’s whitelist lets through', async () => {
    for (const name of ['constructor', 'toString', '__proto__']) {
      const response = await request(server)
        .get(`/tribes?${name}=1`)
        .set('Authorization', bearer('org-acme'))
        .expect(400);
      expect(Object.entries(response.body.fields as object)).toEqual([
        [name, 'is a reserved name'],
      ]);
    }
    await request(server)
      .get('/tribes?status=active&status=dissolved')
      .set('Authorization', bearer('org-acme'))
      .expect(400);
    const valid = await request(server)
      .get('/tribes?status=active')
      .set('Authorization', bearer('org-acme'))
      .expect(200);
    expect(valid.body).toEqual({ status: 'active' });
  });
});

describe('the service edge limits requests per tenant and per client', () => {
  let app: NestExpressApplication;
  let server: Server;
  const burst = 4;
  beforeAll(async () => {
    app = await createServiceApp({
      name: 'limits-test',
      module: TribesModule,
      // A refill of one request per 1,000 s: nothing refills while the test runs.
      config: configOf({
        RATE_LIMIT_PER_TENANT_PER_SECOND: '0.001',
        RATE_LIMIT_PER_TENANT_BURST: String(burst),
        RATE_LIMIT_PER_CLIENT_PER_SECOND: '0.001',
        RATE_LIMIT_PER_CLIENT_BURST: String(burst),
      }),
    });
    server = app.getHttpServer();
  });
  afterAll(() => app?.close());

  const asTenant = (tenant: string, client: string) =>
    request(server)
      .get('/tribes')
      .set('Authorization', bearer(tenant))
      .set('X-Forwarded-For', client);

  it('answers 429 with Retry-After after a tenant’s burst, while another tenant is served', async () => {
    const client = newClient();
    for (let i = 0; i < burst; i += 1) await asTenant('org-busy', client).expect(200);
    const refused = await asTenant('org-busy', newClient()).expect(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(refused.body).toEqual({
      statusCode: 429,
      error: 'too_many_requests',
      message: 'Too many requests. Try again later.',
      correlationId: refused.headers['x-correlation-id'],
    });
    await asTenant('org-quiet', client).expect(200);

    const metrics = await metricsRegistry.getSingleMetricAsString(
      'rhythm_http_requests_throttled_total',
    );
    expect(metrics).toMatch(
      /rhythm_http_requests_throttled_total\{limit="tenant",tenant="org-busy"\} 1\b/,
    );
  });

  it('limits requests without a token by client address, and never health or metrics', async () => {
    const client = newClient();
    const anonymous = () => request(server).get('/status').set('X-Forwarded-For', client);
    for (let i = 0; i < burst; i += 1) await anonymous().expect(200);
    const refused = await anonymous().expect(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    await request(server).get('/status').set('X-Forwarded-For', newClient()).expect(200);
    for (let i = 0; i < 3 * burst; i += 1) {
      await request(server).get('/health/live').set('X-Forwarded-For', client).expect(200);
      await request(server).get('/metrics').set('X-Forwarded-For', client).expect(200);
    }
  });

  it('charges a client for tokens that fail, then refuses it even with a good one', async () => {
    const client = newClient();
    for (let i = 0; i < burst; i += 1) {
      await request(server)
        .get('/tribes')
        .set('Authorization', 'Bearer not-a-token')
        .set('X-Forwarded-For', client)
        .expect(401);
    }
    await asTenant('org-honest', client).expect(429);
    await asTenant('org-honest', newClient()).expect(200);
  });
});

describe('the service edge sets security headers on every answer', () => {
  let app: NestExpressApplication;
  let server: Server;
  beforeAll(async () => {
    app = await createServiceApp({
      name: 'headers-test',
      module: TribesModule,
      config: configOf({ RATE_LIMITS: 'off' }),
    });
    server = app.getHttpServer();
  });
  afterAll(() => app?.close());

  const common = {
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
    'cross-origin-resource-policy': 'same-origin',
    'cross-origin-opener-policy': 'same-origin',
  };

  it('on answers, errors and probes: a policy that loads nothing, no caching, no X-Powered-By', async () => {
    const answers = await Promise.all([
      request(server).get('/tribes').set('Authorization', bearer('org-acme')).expect(200),
      request(server).get('/tribes').expect(401),
      request(server).get('/nowhere').set('Authorization', bearer('org-acme')).expect(404),
      request(server)
        .post('/tribes')
        .set('Authorization', bearer('org-acme'))
        .set('Content-Type', 'application/json')
        .send('{"name":')
        .expect(400),
      request(server).get('/health/live').expect(200),
    ]);
    for (const answer of answers) {
      expect(answer.headers).toMatchObject({
        ...common,
        'content-security-policy': API_CONTENT_SECURITY_POLICY,
        'cache-control': 'no-store',
      });
      expect(answer.headers['x-powered-by']).toBeUndefined();
      expect(answer.headers['strict-transport-security']).toBeUndefined();
    }
  });

  it('gives the Swagger UI at /docs the policy it needs: its own scripts and styles', async () => {
    for (const path of ['/docs', '/docs/swagger-ui-init.js']) {
      const response = await request(server).get(path).expect(200);
      expect(response.headers).toMatchObject({
        ...common,
        'content-security-policy': DOCS_CONTENT_SECURITY_POLICY,
      });
    }
  });

  it('documents the edge’s answers (400, 413, 415, 429) on every operation', async () => {
    const document = await request(server).get('/docs/openapi.json').expect(200);
    const operations = Object.values(
      document.body.paths as Record<string, Record<string, { responses: object }>>,
    ).flatMap((path) => Object.values(path));
    expect(operations).toHaveLength(4);
    for (const operation of operations) {
      expect(Object.keys(operation.responses)).toEqual(
        expect.arrayContaining(['400', '413', '415', '429']),
      );
    }
  });

  it('sends HSTS only when configured (TLS in front)', async () => {
    const tls = await createServiceApp({
      name: 'hsts-test',
      module: TribesModule,
      config: configOf({ RATE_LIMITS: 'off', HSTS_MAX_AGE_SECONDS: '31536000' }),
    });
    try {
      const response = await request(tls.getHttpServer()).get('/status').expect(200);
      expect(response.headers['strict-transport-security']).toBe(
        'max-age=31536000; includeSubDomains',
      );
    } finally {
      await tls.close();
    }
  });
});
