/**
 * Events a projection or a relay could not handle are parked while everything else goes on
 * (docs/adr/0026-parking-and-edge-caps.md). Once the cause is fixed and deployed:
 *
 *   npm run parked -- list   [--service SERVICE]... [--projection NAME]...
 *   npm run parked -- replay [--service SERVICE]... [--projection NAME]... [--wait SECONDS]
 *   npm run parked -- list|replay --relay SERVICE
 *
 * SERVICE: org, goals, checkins or recognition (default: all of them).
 *
 * A projection replay marks the events; the runner running that projection replays them when it
 * next polls. When no runner takes them within --wait seconds (default 10), the command replays
 * them itself. A relay replay maps and validates them again and publishes those that pass. Still
 * bad: they stay parked with the new error (exit code 2).
 *
 * Each service's own script does the work with the service's code and variables
 * (services/<service>/scripts/<service>-parked-events.ts); this one picks and runs them.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { noSuchProjection } from '@rhythm/projections';

const workspaceRoot = path.join(__dirname, '..');
const services = ['org', 'goals', 'checkins', 'recognition'] as const;

const fail = (message: string): never => {
  process.stderr.write(`parked: ${message}\n`);
  process.exit(1);
};

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    service: { type: 'string', multiple: true },
    projection: { type: 'string', multiple: true },
    relay: { type: 'string' },
    wait: { type: 'string' },
  },
});
const [verb] = positionals;
if (verb !== 'list' && verb !== 'replay') {
  fail(
    `usage: npm run parked -- list|replay [--service SERVICE] [--projection NAME] ` +
      `[--wait SECONDS] | list|replay --relay SERVICE (SERVICE: ${services.join('|')})`,
  );
}
const isService = (name: string): name is (typeof services)[number] =>
  (services as readonly string[]).includes(name);
for (const name of [...(values.service ?? []), ...(values.relay ? [values.relay] : [])]) {
  if (!isService(name)) fail(`unknown service ${name}; known: ${services.join(', ')}`);
}

const run = (service: string, args: readonly string[]): number => {
  const script = path.join('services', service, 'scripts', `${service}-parked-events.ts`);
  // A service with a read store of its own (checkins, recognition) names it
  // RHYTHM_<SERVICE>_MONGO_URL.
  const ownReadStore = process.env[`RHYTHM_${service.toUpperCase()}_MONGO_URL`];
  const result = spawnSync(process.execPath, ['-r', './tools/register.js', script, ...args], {
    cwd: workspaceRoot,
    stdio: 'inherit',
    env: ownReadStore ? { ...process.env, MONGO_URL: ownReadStore } : process.env,
  });
  return result.status ?? 1;
};

if (values.relay) {
  process.exitCode = run(values.relay, [verb, '--relay', values.relay]);
} else {
  const args = [
    verb,
    ...(values.projection ?? []).flatMap((name) => ['--projection', name]),
    ...(values.wait === undefined ? [] : ['--wait', values.wait]),
  ];
  const codes = (values.service ?? services).map((service) => run(service, args));
  if (codes.every((code) => code === noSuchProjection)) {
    fail(`no service has projection ${(values.projection ?? []).join(', ')}`);
  }
  process.exitCode = Math.max(...codes.filter((code) => code !== noSuchProjection), 0);
}
