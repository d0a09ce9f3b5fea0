/**
 * The security walk against running services (issue 8, check 2): sets a new organisation up
 * through the org and goals APIs and walks every route as five people who must see nothing
 * private; prints what it tried and what it found. Exit code 0: no finding; 1: findings; 2: the
 * walk could not run (a service down, a set-up step refused).
 *
 *   npm run walk:security -- [--org-url http://127.0.0.1:3001] [--goals-url http://127.0.0.1:3002] \
 *     [--rules docs/security.md] [--report walk.json]
 *
 * Tokens are signed with the local development key (tools/mint-token.ts), which services started
 * by `npm start` trust. Only services on this machine are walked.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { mintDevelopmentToken } from '@rhythm/identity';
import { formatWalkReport, runSecurityWalk } from './walk-run';

const { values } = parseArgs({
  options: {
    'org-url': { type: 'string', default: process.env.ORG_URL ?? 'http://127.0.0.1:3001' },
    'goals-url': { type: 'string', default: process.env.GOALS_URL ?? 'http://127.0.0.1:3002' },
    rules: { type: 'string' },
    report: { type: 'string' },
  },
});

const main = async () => {
  const report = await runSecurityWalk({
    orgUrl: values['org-url'],
    goalsUrl: values['goals-url'],
    mint: ({ sub, tenant, roles }) => mintDevelopmentToken({ sub, tenant, roles, ttl: '1h' }),
    ...(values.rules ? { securityRules: values.rules } : {}),
    log: (line) => process.stdout.write(`${line}\n`),
  });
  process.stdout.write(`${formatWalkReport(report)}\n`);
  if (values.report) writeFileSync(values.report, JSON.stringify(report, null, 2));
  process.exitCode = report.findings.length === 0 ? 0 : 1;
};

main().catch((error: unknown) => {
  process.stderr.write(
    `security walk: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exitCode = 2;
});
