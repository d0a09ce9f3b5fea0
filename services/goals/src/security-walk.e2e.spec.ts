import { mintTestToken } from '@rhythm/identity';
import {
  dropTestStores,
  ServiceProcess,
  serviceTestEnvironment,
  uniqueName,
} from '@rhythm/testing';
// The walk is a workspace tool (tools/security-walk, `npm run walk:security`): the e2e tier runs
// it against both services as processes.
import {
  formatWalkReport,
  runSecurityWalk,
  type SecurityWalkReport,
} from '@rhythm/tools/security-walk/walk-run';
import { startGoalsService } from './testing/goals-service.process';

jest.setTimeout(900_000);

/**
 * Issue 8, check 2: the scripted security walk through both APIs, the org and goals services as
 * they run, goals learning the organisation from the org topic. A member of another squad, a
 * member of a guild, the product owner of another squad, a token with unknown roles only and a
 * person who enlists themselves walk every route of both OpenAPI documents: no private text, id,
 * colleague's e-mail or existence signal in any answer, and no power beyond docs/security.md.
 */
describe('the security walk through the org and goals APIs', () => {
  const name = uniqueName('walk');
  const org = { schema: `${name}_org`, database: `${name}_org`, topic: `${name}_org` };
  const goalsStores = {
    schema: `${name}_goals`,
    database: `${name}_goals`,
    topic: `${name}_goals`,
    orgTopic: org.topic,
  };
  let orgService: ServiceProcess | undefined;
  let goalsService: ServiceProcess | undefined;
  let report: SecurityWalkReport;

  beforeAll(async () => {
    orgService = await ServiceProcess.start({
      name: 'org',
      main: 'services/org/src/main.ts',
      environment: {
        ...serviceTestEnvironment({ database: org.database }),
        ORG_EVENT_STORE_SCHEMA: org.schema,
        ORG_EVENTS_TOPIC: org.topic,
      },
    });
    goalsService = await startGoalsService(goalsStores);
    report = await runSecurityWalk({
      orgUrl: orgService.url,
      goalsUrl: goalsService.url,
      mint: ({ sub, tenant, roles }) => mintTestToken({ sub, tenant, roles, ttl: '1h' }),
      log: (line) => process.stdout.write(`${line}\n`),
    });
    process.stdout.write(`${formatWalkReport(report)}\n`);
  });

  afterAll(async () => {
    await Promise.all([orgService?.kill(), goalsService?.kill()]);
    await dropTestStores({
      schemas: [org.schema, goalsStores.schema],
      databases: [org.database, goalsStores.database],
      topics: [org.topic, goalsStores.topic],
    });
  });

  it('walks every route as every walker', () => {
    const walked = Object.entries(report.requests).filter(([what]) => what !== 'set-up');
    // Five walkers, three phases each, every one of them sending requests.
    expect(walked).toHaveLength(15);
    for (const [what, count] of walked)
      expect({ what, sent: count > 0 }).toEqual({ what, sent: true });
  });

  it('finds no private text, id, e-mail or existence signal, and no power beyond the table', () => {
    expect(report.findings).toEqual([]);
  });

  it('refuses with the 403 of the table wherever the table gives no power: the power before the state', () => {
    // ADR 0030, 0031: a caller without the power learns nothing of the object's state (no 409).
    expect(report.deviations).toEqual([]);
  });
});
