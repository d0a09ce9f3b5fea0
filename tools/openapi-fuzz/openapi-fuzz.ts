/**
 * Fuzzes a running service from its OpenAPI document; exits 1 on any 5xx, missing answer, or
 * answer outside the document (an undocumented status, a missing header, a body outside the
 * schema of its status).
 *
 *   node -r ./tools/register.js tools/openapi-fuzz/openapi-fuzz.ts --url http://127.0.0.1:3001 \
 *     [--openapi /docs/openapi.json] [--dev-token [--org-url http://127.0.0.1:3001]] [--json-errors]
 *
 * Env: TOKEN (bearer token), OTHER_TOKENS (comma-separated: other roles, tenants), FUZZ_SEED,
 * FUZZ_REQUESTS_PER_OPERATION (default 40), FUZZ_MAX_SECONDS (default 600), FUZZ_REPORT (write
 * the report as JSON to this file), FUZZ_SCHEMA_CHECKS=off (only 5xx and JSON).
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { mintDevelopmentToken } from '@rhythm/identity';
import { formatReport, runFuzz } from './fuzz-run';
import { establishFuzzOrganisation, type FuzzOrganisation } from './fuzz-organisation';
import { assertLocalTarget } from './local-target';
import type { OpenApiDocument } from './openapi-document';
import { seedFrom } from '../seeded-random';

const { values } = parseArgs({
  options: {
    url: { type: 'string', default: 'http://127.0.0.1:3001' },
    openapi: { type: 'string', default: '/docs/openapi.json' },
    // A new organisation, its founder and people, tokens signed with the local development key.
    'dev-token': { type: 'boolean', default: false },
    // Where --dev-token sets the organisation up when the service fuzzed is not org itself.
    'org-url': { type: 'string', default: process.env.ORG_URL ?? 'http://127.0.0.1:3001' },
    'json-errors': { type: 'boolean', default: false },
  },
});

const say = (line: string) => process.stdout.write(`openapi-fuzz: ${line}\n`);

const loadDocument = async (url: string): Promise<OpenApiDocument> => {
  const response = await fetch(assertLocalTarget(url));
  if (response.status !== 200) throw new Error(`GET ${url} answered ${response.status}`);
  return (await response.json()) as OpenApiDocument;
};

/** With --dev-token: the org service makes the organisation; any other is fuzzed once it knows. */
const developmentOrganisation = (
  baseUrl: string,
  document: OpenApiDocument,
  seed: number,
): Promise<FuzzOrganisation> => {
  const isOrg = document.paths['/organisation']?.post !== undefined;
  return establishFuzzOrganisation({
    orgUrl: isOrg ? baseUrl : values['org-url'],
    ...(isOrg ? {} : { goalsUrl: baseUrl }),
    tenant: `fuzz-${seed}-${Date.now().toString(36)}`,
    mint: (sub, tenant, roles) => mintDevelopmentToken({ sub, tenant, roles, ttl: '1h' }),
    log: say,
  });
};

const main = async () => {
  const baseUrl = assertLocalTarget(values.url).toString().replace(/\/$/, '');
  const seed = seedFrom(process.env.FUZZ_SEED);
  const perOperation = Number(process.env.FUZZ_REQUESTS_PER_OPERATION ?? 40);
  if (!Number.isInteger(perOperation) || perOperation < 1) {
    throw new Error('FUZZ_REQUESTS_PER_OPERATION must be a positive integer');
  }
  const document = await loadDocument(
    values.openapi.startsWith('/') ? baseUrl + values.openapi : values.openapi,
  );
  const organisation =
    !process.env.TOKEN && values['dev-token']
      ? await developmentOrganisation(baseUrl, document, seed)
      : undefined;
  const token = process.env.TOKEN || organisation?.token;
  const otherTokens = process.env.OTHER_TOKENS
    ? process.env.OTHER_TOKENS.split(',')
    : (organisation?.otherTokens ?? []);
  const schemaChecks = process.env.FUZZ_SCHEMA_CHECKS !== 'off';
  say(
    `${baseUrl}, seed ${seed}, ${perOperation} requests per operation, ` +
      `${token ? 'with' : 'without'} a token, schema checks ${schemaChecks ? 'on' : 'off'}`,
  );
  const report = await runFuzz({
    baseUrl,
    document,
    seed,
    requestsPerOperation: perOperation,
    budgetMs: Number(process.env.FUZZ_MAX_SECONDS ?? 600) * 1000,
    jsonErrors: values['json-errors'],
    schemaChecks,
    otherTokens,
    ...(organisation ? { knownIds: organisation.knownIds } : {}),
    ...(token ? { token } : {}),
  });
  process.stdout.write(`${formatReport(report)}\n`);
  if (process.env.FUZZ_REPORT) {
    writeFileSync(process.env.FUZZ_REPORT, JSON.stringify(report, null, 2));
  }
  process.exitCode = report.findings.length === 0 && !report.stoppedEarly ? 0 : 1;
};

main().catch((error: unknown) => {
  process.stderr.write(`openapi-fuzz: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 2;
});
