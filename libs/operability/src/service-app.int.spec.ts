import { type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import {
  Body,
  Controller,
  Get,
  Injectable,
  Logger,
  Module,
  type OnApplicationShutdown,
  Post,
} from '@nestjs/common';
import { type NestExpressApplication } from '@nestjs/platform-express';
import { Type } from 'class-transformer';
import { IsEmail, IsString, MaxLength, ValidateNested } from 'class-validator';
import { type Admin } from 'kafkajs';
import mongoose from 'mongoose';
import pino from 'pino';
import { Pool } from 'pg';
import request from 'supertest';
import {
  type AuthenticatedActor,
  CurrentActor,
  everySubjectIsAPerson,
  mintTestToken,
  PERSON_REGISTRY,
  Public,
  RequireRole,
  TEST_AUDIENCE,
  TEST_ISSUER,
  testKeyPair,
} from '@rhythm/identity';
import { RuleViolated } from '@rhythm/event-sourcing';
// Test-only: the test tier may use the testing helpers; production code of this adapter may not.
import { testInfrastructure, testKafkaClient } from '@rhythm/testing';
import { parseConfiguration } from './configuration';
import { serviceConfigSchema } from './configuration-variables';
import { installGracefulShutdown } from './graceful-shutdown';
import {
  HealthChecks,
  kafkaHealthCheck,
  mongoHealthCheck,
  postgresHealthCheck,
} from './health-checks';
import { createServiceApp } from './service-app';

class Owner {
  @IsEmail() email!: string;
}

class FormSquad {
  @IsString() @MaxLength(40) name!: string;
  @ValidateNested() @Type(() => Owner) owner!: Owner;
}

@Controller('squads')
class SquadsController {
  @Get('me')
  whoAmI(@CurrentActor() actor: AuthenticatedActor) {
    return actor;
  }

  @Post()
  @RequireRole('admin')
  form(@Body() squad: FormSquad, @CurrentActor() actor: AuthenticatedActor) {
    new Logger('Squads').log(`forming squad ${squad.name}`);
    return { name: squad.name, tenantId: actor.tenantId };
  }

  @Post('dissolved/members')
  join(): never {
    throw new RuleViolated('A dissolved squad takes no members');
  }

  @Get('broken')
  broken(): never {
    throw new Error('connection string postgres://secret@db leaked?');
  }
}

@Module({
  controllers: [SquadsController],
  providers: [{ provide: PERSON_REGISTRY, useValue: everySubjectIsAPerson }],
})
class SquadsModule {}

const config = parseConfiguration(serviceConfigSchema(), {
  JWT_ISSUER: TEST_ISSUER,
  JWT_AUDIENCE: TEST_AUDIENCE,
  JWT_PUBLIC_KEY: testKeyPair().publicKeyPem,
  LOG_LEVEL: 'debug',
  SHUTDOWN_TIMEOUT_MS: '2000',
});

type LogLine = Record<string, unknown>;

describe('a service built with the operability kit', () => {
  const logs: LogLine[] = [];
  let app: NestExpressApplication;
  let server: Server;
  let pool: Pool;
  let mongo: mongoose.Connection;
  let admin: Admin;

  beforeAll(async () => {
    pool = new Pool({ connectionString: testInfrastructure.databaseUrl(), max: 2 });
    mongo = await mongoose.createConnection(testInfrastructure.mongoUrl()).asPromise();
    admin = testKafkaClient('operability-int').admin();
    await admin.connect();
    app = await createServiceApp({
      name: 'squads-test',
      module: SquadsModule,
      config,
      openApi: { title: 'Squads', version: '1', description: 'test service' },
      healthChecks: () => [
        postgresHealthCheck(pool),
        mongoHealthCheck(mongo),
        kafkaHealthCheck(admin, 'kafka'),
      ],
      logDestination: { write: (line: string) => void logs.push(JSON.parse(line) as LogLine) },
    });
    server = app.getHttpServer();
  });

  afterAll(async () => {
    await app?.close();
    await pool?.end();
    await mongo?.close();
    await admin?.disconnect();
  });

  const bearer = (roles: string[] = ['member']) =>
    `Bearer ${mintTestToken({ sub: 'person-ada', tenant: 'org-acme', roles, name: 'Ada' })}`;

  it('refuses a request without a token with 401 and a reason', async () => {
    const response = await request(server).get('/squads/me').expect(401);
    expect(response.headers['www-authenticate']).toBe('Bearer');
    expect(response.body).toEqual({
      statusCode: 401,
      error: 'unauthenticated',
      message: 'A bearer access token is required.',
      reason: 'missing_token',
      correlationId: response.headers['x-correlation-id'],
    });
  });

  it('tells an expired token apart, in Dutch when asked', async () => {
    const expired = mintTestToken({ ttl: -60 });
    const response = await request(server)
      .get('/squads/me')
      .set('Authorization', `Bearer ${expired}`)
      .set('Accept-Language', 'nl-NL,nl;q=0.9')
      .expect(401);
    expect(response.body).toMatchObject({
      reason: 'token_expired',
      message: 'Het toegangstoken is verlopen.',
    });
    expect(response.headers['content-language']).toBe('nl');
    expect(logs).toContainEqual(
      expect.objectContaining({
        msg: 'request refused',
        rejection: 'expired',
        correlationId: response.headers['x-correlation-id'],
      }),
    );
  });

  it('serves the actor of a valid token, with the tenant from the token only', async () => {
    const response = await request(server)
      .get('/squads/me')
      .set('Authorization', bearer())
      .set('x-correlation-id', 'corr-42')
      .expect(200);
    expect(response.body).toEqual({
      personId: 'person-ada',
      tenantId: 'org-acme',
      roles: ['member'],
      name: 'Ada',
      correlationId: 'corr-42',
    });
  });

  it('refuses a member where an admin is needed (403)', async () => {
    const response = await request(server)
      .post('/squads')
      .set('Authorization', bearer(['member']))
      .send({ name: 'Core', owner: { email: 'ada@acme.test' } })
      .expect(403);
    expect(response.body.error).toBe('forbidden');
  });

  it('accepts a valid body from an admin, logging under the request correlation id', async () => {
    const response = await request(server)
      .post('/squads')
      .set('Authorization', bearer(['admin']))
      .set('x-correlation-id', 'form-core')
      .send({ name: 'Core', owner: { email: 'ada@acme.test' } })
      .expect(201);
    expect(response.body).toEqual({ name: 'Core', tenantId: 'org-acme' });
    expect(logs).toContainEqual(
      expect.objectContaining({
        msg: 'forming squad Core',
        context: 'Squads',
        correlationId: 'form-core',
      }),
    );
  });

  it('refuses unknown and invalid fields with 400 and their paths, nested ones too', async () => {
    const response = await request(server)
      .post('/squads')
      .set('Authorization', bearer(['admin']))
      .send({ name: 'Core', tenantId: 'org-other', owner: { email: 'not-an-email', admin: true } })
      .expect(400);
    expect(response.body).toEqual({
      statusCode: 400,
      error: 'validation_failed',
      message: 'The request is not valid.',
      fields: {
        tenantId: 'property tenantId should not exist',
        'owner.admin': 'property admin should not exist',
        'owner.email': 'email must be an email',
      },
      correlationId: expect.any(String),
    });
  });

  it('maps a broken domain rule to 409', async () => {
    const response = await request(server)
      .post('/squads/dissolved/members')
      .set('Authorization', bearer())
      .expect(409);
    expect(response.body).toMatchObject({
      error: 'rule_violated',
      message: 'A dissolved squad takes no members',
    });
  });

  it('echoes the correlation id, or makes one, and puts it on every log line of the request', async () => {
    const given = await request(server)
      .get('/squads/me')
      .set('Authorization', bearer())
      .set('x-correlation-id', 'trace-7');
    expect(given.headers['x-correlation-id']).toBe('trace-7');
    const made = await request(server).get('/squads/me').set('Authorization', bearer());
    expect(made.headers['x-correlation-id']).toMatch(/^[0-9a-f-]{36}$/);
    for (const unsafe of ['x", "level": "fatal', 'a'.repeat(129)]) {
      const response = await request(server)
        .get('/squads/me')
        .set('Authorization', bearer())
        .set('x-correlation-id', unsafe);
      expect(response.headers['x-correlation-id']).toMatch(/^[0-9a-f-]{36}$/);
    }

    const requestLine = logs.find(
      (line) => line.msg === 'request' && line.correlationId === 'trace-7',
    );
    expect(requestLine).toMatchObject({
      level: 'info',
      service: 'squads-test',
      method: 'GET',
      path: '/squads/me',
      route: '/squads/me',
      status: 200,
      personId: 'person-ada',
      tenantId: 'org-acme',
      durationMs: expect.any(Number),
    });
  });

  it('answers a failure with 500, the correlation id and no stack; the stack goes to the log', async () => {
    const response = await request(server)
      .get('/squads/broken')
      .set('Authorization', bearer())
      .expect(500);
    const correlationId = response.headers['x-correlation-id'];
    expect(response.body).toEqual({
      statusCode: 500,
      error: 'internal_error',
      message: expect.stringContaining('correlation id'),
      correlationId,
    });
    expect(response.text).not.toMatch(/secret|at |\.ts/);
    const logged = logs.find(
      (line) => line.msg === 'request failed' && line.correlationId === correlationId,
    );
    expect((logged?.err as { stack?: string } | undefined)?.stack).toContain(
      'SquadsController.broken',
    );
  });

  it('reports live, and ready with real PostgreSQL, MongoDB and Kafka checks and their latency', async () => {
    const live = await request(server).get('/health/live').expect(200);
    expect(live.body).toEqual({ status: 'up', uptimeSeconds: expect.any(Number) });
    const ready = await request(server).get('/health/ready').expect(200);
    expect(ready.body).toEqual({
      status: 'ready',
      checks: [
        { name: 'postgres', status: 'up', latencyMs: expect.any(Number) },
        { name: 'mongo', status: 'up', latencyMs: expect.any(Number) },
        { name: 'kafka', status: 'up', latencyMs: expect.any(Number) },
      ],
    });
  });

  it('is not ready (503) while a dependency is down', async () => {
    const nowhere = new Pool({
      connectionString: 'postgres://rhythm:rhythm@127.0.0.1:1/rhythm',
      max: 1,
    });
    const checks = app.get(HealthChecks);
    checks.register(postgresHealthCheck(nowhere, 'postgres-unreachable'));
    try {
      const response = await request(server).get('/health/ready').expect(503);
      expect(response.body.status).toBe('not_ready');
      expect(response.body.checks).toContainEqual({
        name: 'postgres-unreachable',
        status: 'down',
        latencyMs: expect.any(Number),
        error: expect.stringContaining('ECONNREFUSED'),
      });
    } finally {
      checks.unregister('postgres-unreachable');
      await nowhere.end();
    }
  });

  it('exposes Prometheus metrics with the request duration histogram by route', async () => {
    await request(server).get('/squads/me').set('Authorization', bearer()).expect(200);
    const response = await request(server).get('/metrics').expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain/);
    expect(response.text).toMatch(
      /http_request_duration_seconds_bucket\{le="0\.005",method="GET",route="\/squads\/me",status="200"\} \d+/,
    );
    expect(response.text).toContain('process_cpu_seconds_total');
  });

  it('publishes OpenAPI at /docs/openapi.json with bearer auth, without probes', async () => {
    const response = await request(server).get('/docs/openapi.json').expect(200);
    expect(response.body.info).toMatchObject({ title: 'Squads', version: '1' });
    expect(response.body.components.securitySchemes.bearer).toMatchObject({
      type: 'http',
      scheme: 'bearer',
    });
    const paths = Object.keys(response.body.paths as object);
    expect(paths).toContain('/squads');
    expect(paths).not.toContain('/health/ready');
    await request(server).get('/docs').expect(200).expect('content-type', /html/);
  });
});

describe('graceful shutdown', () => {
  const events: string[] = [];
  let requestArrived: () => void = () => undefined;

  @Public()
  @Controller('slow')
  class SlowController {
    @Get()
    async slow() {
      requestArrived();
      await new Promise((resolve) => setTimeout(resolve, 300));
      events.push('slow request answered');
      return { done: true };
    }
  }

  @Injectable()
  class ShutdownWitness implements OnApplicationShutdown {
    onApplicationShutdown() {
      events.push('nest shutdown hooks');
    }
  }

  @Module({
    controllers: [SlowController],
    providers: [ShutdownWitness, { provide: PERSON_REGISTRY, useValue: everySubjectIsAPerson }],
  })
  class SlowModule {}

  const start = async (drain: () => Promise<void>) => {
    const app = await createServiceApp({
      name: 'shutdown-test',
      module: SlowModule,
      config: { ...config, LOG_LEVEL: 'silent' },
      drainables: () => [
        { name: 'relay', drain },
        {
          name: 'projections',
          drain: () => {
            events.push('projections drained');
            return Promise.resolve();
          },
        },
      ],
      closables: () => [
        {
          name: 'pool',
          close: () => {
            events.push('pool closed');
            return Promise.resolve();
          },
        },
      ],
    });
    await app.listen(0, '127.0.0.1');
    const server: Server = app.getHttpServer();
    const { port } = server.address() as AddressInfo;
    return { app, url: `http://127.0.0.1:${port}` };
  };

  beforeEach(() => events.splice(0));

  it('stops taking requests, drains, lets in-flight requests finish, closes, then exits 0', async () => {
    const seen: { server?: Server } = {};
    const { app, url } = await start(async () => {
      events.push(`draining; listening=${String(seen.server?.listening)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
      events.push('relay drained');
    });
    seen.server = app.getHttpServer();
    const exits: number[] = [];
    const { shutdown } = installGracefulShutdown(app, {
      timeoutMs: 2_000,
      logger: pino({ level: 'silent' }),
      signals: [],
      exit: (code) => void exits.push(code),
    });

    const arrived = new Promise<void>((resolve) => (requestArrived = resolve));
    const inFlight = fetch(`${url}/slow`).then((response) => response.json());
    await arrived;
    const stopping = shutdown('test');
    await expect(fetch(`${url}/health/live`)).rejects.toThrow();
    await expect(inFlight).resolves.toEqual({ done: true });
    await stopping;

    expect(events).toEqual([
      'draining; listening=false',
      'relay drained',
      'projections drained',
      'slow request answered',
      'nest shutdown hooks',
      'pool closed',
    ]);
    expect(exits).toEqual([0]);
  });

  it('exits 1 when draining takes longer than the timeout', async () => {
    let release: () => void = () => undefined;
    const { app } = await start(() => new Promise<void>((resolve) => (release = resolve)));
    const exits: number[] = [];
    const { shutdown } = installGracefulShutdown(app, {
      timeoutMs: 200,
      logger: pino({ level: 'silent' }),
      signals: [],
      exit: (code) => void exits.push(code),
    });
    const began = Date.now();
    await shutdown('test');
    expect(exits).toEqual([1]);
    expect(Date.now() - began).toBeLessThan(1_000);
    release();
    await app.close();
  });
});
