import type { AddressInfo } from 'node:net';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { mintTestToken, TEST_AUDIENCE, TEST_ISSUER, testKeyPair } from '@rhythm/identity';
import { createServiceApp, parseConfiguration, type ServiceAppOptions } from '@rhythm/operability';
import { testInfrastructure, testKafkaClient, uniqueName } from '@rhythm/testing';
import mongoose from 'mongoose';
import { Pool } from 'pg';
// The fuzzer is a workspace tool (tools/openapi-fuzz), not a library: the e2e tier reaches it
// by path.
import { findingsOf, servedOperations, successesOf } from '@rhythm/tools/openapi-fuzz/api-checks';
import { formatReport, runFuzz, type FuzzReport } from '@rhythm/tools/openapi-fuzz/fuzz-run';
import { establishFuzzOrganisation } from '@rhythm/tools/openapi-fuzz/fuzz-organisation';
import { seedFrom } from '@rhythm/tools/seeded-random';
import { orgServiceOptions } from './org.app';
import { orgConfigurationSchema } from './org-configuration';

jest.setTimeout(300_000);

/**
 * Every operation of the org API's own OpenAPI document, fed valid-ish and broken requests (see
 * tools/openapi-fuzz): none may answer 5xx, hang, or answer outside the document (a status it
 * does not list, a header it requires missing, a body outside the schema of its status).
 * FUZZ_SEED repeats a run; FUZZ_REQUESTS_PER_OPERATION sets its size (default 40).
 */
describe('the org API under fuzzing', () => {
  const name = uniqueName('org_fuzz');
  const tenant = uniqueName('fuzzco');
  const seed = seedFrom(process.env.FUZZ_SEED);
  const requestsPerOperation = Number(process.env.FUZZ_REQUESTS_PER_OPERATION ?? 40);
  const mongoUrl = new URL(testInfrastructure.mongoUrl());
  mongoUrl.pathname = `/${name}`;
  let options: ServiceAppOptions;
  let app: NestExpressApplication;
  let baseUrl: string;
  let report: FuzzReport;

  beforeAll(async () => {
    const config = parseConfiguration(orgConfigurationSchema, {
      DATABASE_URL: testInfrastructure.databaseUrl(),
      ...testInfrastructure.kafkaEnvironment(),
      MONGO_URL: mongoUrl.toString(),
      ORG_EVENT_STORE_SCHEMA: name,
      ORG_EVENTS_TOPIC: name,
      JWT_ISSUER: TEST_ISSUER,
      JWT_AUDIENCE: TEST_AUDIENCE,
      JWT_PUBLIC_KEY: testKeyPair().publicKeyPem,
      LOG_LEVEL: 'fatal',
      // The fuzzer sends thousands of requests as one tenant: every one must reach the API.
      RATE_LIMITS: 'off',
    });
    options = orgServiceOptions(config);
    app = await createServiceApp(options);
    await app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;

    // The founder, Ada (admin) and Bob (member) of ADR 0032, and a small org, so that the
    // fuzzer's ids reach units and people that exist (the same set-up as --dev-token).
    const organisation = await establishFuzzOrganisation({
      orgUrl: baseUrl,
      tenant,
      mint: (sub, tokenTenant, roles) =>
        mintTestToken({ sub, tenant: tokenTenant, roles: [...roles], ttl: '1h' }),
    });

    report = await runFuzz({
      baseUrl,
      document: `${baseUrl}/docs/openapi.json`,
      token: organisation.token,
      // Bob, a member; the founder, who is no person; an admin of another organisation.
      otherTokens: organisation.otherTokens,
      knownIds: organisation.knownIds,
      seed,
      requestsPerOperation,
      jsonErrors: true,
      // Every answer against the document: its status, required headers and body schema.
      schemaChecks: true,
      // Stops by itself before jest's timeout, and says so (a failed expectation below).
      budgetMs: 240_000,
    });
    process.stdout.write(`${formatReport(report)}\n`);
  });

  afterAll(async () => {
    // What bootstrapService's shutdown does after app.close(): the store clients.
    await app?.close();
    for (const closable of options?.closables?.(app) ?? []) await closable.close();
    const read = await mongoose.createConnection(mongoUrl.toString()).asPromise();
    await read.db?.dropDatabase();
    await read.close();
    const pool = new Pool({ connectionString: testInfrastructure.databaseUrl() });
    await pool.query(`DROP SCHEMA IF EXISTS "${name}" CASCADE`);
    await pool.end();
    const admin = testKafkaClient(name).admin();
    await admin.connect();
    await admin.deleteTopics({ topics: [name] }).catch(() => undefined);
    await admin.disconnect();
  });

  it(`covers every operation of the OpenAPI document (seed ${seed})`, async () => {
    const operations = await servedOperations(baseUrl);
    expect(Object.keys(report.operations).sort()).toEqual(operations);
    expect(report.stoppedEarly).toBeUndefined();
    expect(report.requests).toBe(operations.length * requestsPerOperation);
  });

  it('answers no request with a 5xx, silence, or an answer outside its document', () => {
    expect(findingsOf(report)).toEqual([]);
  });

  it('gets valid-ish requests through, on units the chained creations made too', () => {
    const succeeded = (operation: string) => successesOf(report, operation);
    // Not only refusals: the run reached the command handlers and the read models.
    expect(succeeded('POST /squads')).toBeGreaterThan(0);
    expect(succeeded('PUT /tribes/{tribeId}/name')).toBeGreaterThan(0);
    expect(succeeded('GET /people/{personId}')).toBeGreaterThan(0);
    expect(succeeded('GET /org/tree')).toBeGreaterThan(0);
    expect(report.statuses['401']).toBeGreaterThan(0);
  });
});
