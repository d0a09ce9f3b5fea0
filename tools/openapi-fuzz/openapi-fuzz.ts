/**
 * Fuzzes a running service from its OpenAPI document; exits 1 on any 5xx, missing answer or
 * non-JSON body where JSON was promised.
 *
 *   node -r ./tools/register.js tools/openapi-fuzz/openapi-fuzz.ts --url http://127.0.0.1:3001 \
 *     [--openapi /docs/openapi.json] [--dev-token] [--json-errors]
 *
 * Env: TOKEN (bearer token), OTHER_TOKENS (comma-separated: other roles, tenants), FUZZ_SEED, FUZZ_REQUESTS_PER_OPERATION (default 40),
 * FUZZ_MAX_SECONDS (default 600), FUZZ_REPORT (write the report as JSON to this file).
 */
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { mintDevelopmentToken } from '@rhythm/identity';
import { assertLocalTarget, formatReport, runFuzz } from './fuzz-run';
import { seedFrom } from '../seeded-random';

const { values } = parseArgs({
  options: {
    url: { type: 'string', default: 'http://127.0.0.1:3001' },
    openapi: { type: 'string', default: '/docs/openapi.json' },
    // An admin of a new organisation, signed with the local development key (tools/mint-token.ts).
    'dev-token': { type: 'boolean', default: false },
    'json-errors': { type: 'boolean', default: false },
  },
});

const main = async () => {
  const baseUrl = assertLocalTarget(values.url).toString().replace(/\/$/, '');
  const seed = seedFrom(process.env.FUZZ_SEED);
  const perOperation = Number(process.env.FUZZ_REQUESTS_PER_OPERATION ?? 40);
  if (!Number.isInteger(perOperation) || perOperation < 1) {
    throw new Error('FUZZ_REQUESTS_PER_OPERATION must be a positive integer');
  }
  const devToken = (tenant: string, role: string) =>
    mintDevelopmentToken({ sub: randomUUID(), tenant, roles: [role], ttl: '1h' });
  const token =
    process.env.TOKEN || (values['dev-token'] ? devToken(`fuzz-${seed}`, 'admin') : undefined);
  const otherTokens = process.env.OTHER_TOKENS
    ? process.env.OTHER_TOKENS.split(',')
    : values['dev-token']
      ? [devToken(`fuzz-${seed}`, 'member'), devToken(`fuzz-${seed}-elsewhere`, 'admin')]
      : [];
  process.stdout.write(
    `openapi-fuzz: ${baseUrl}, seed ${seed}, ${perOperation} requests per operation, ` +
      `${token ? 'with' : 'without'} a token\n`,
  );
  const report = await runFuzz({
    baseUrl,
    document: values.openapi.startsWith('/') ? baseUrl + values.openapi : values.openapi,
    seed,
    requestsPerOperation: perOperation,
    budgetMs: Number(process.env.FUZZ_MAX_SECONDS ?? 600) * 1000,
    jsonErrors: values['json-errors'],
    otherTokens,
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
