/**
 * Schemathesis (a third-party OpenAPI fuzzer) against both running services, with its checks of
 * status codes, content types, headers and response schemas: `npm run fuzz:schemathesis`.
 *
 * Installs schemathesis into .local/venv (once), uses the services at ORG_URL and GOALS_URL
 * (default 127.0.0.1:3001 and :3002) or starts them as `npm start` does, sets up an organisation
 * as openapi-fuzz --dev-token does, then runs schemathesis on each. Local targets only.
 *
 * Env: SCHEMATHESIS_MAX_EXAMPLES (per operation, default 50), SCHEMATHESIS_SEED (repeats a run),
 * SCHEMATHESIS_VERSION (default below), ORG_URL, GOALS_URL.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, openSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { mintDevelopmentToken } from '@rhythm/identity';
import { establishFuzzOrganisation } from './fuzz-organisation';
import { assertLocalTarget } from './local-target';

const root = resolve(__dirname, '..', '..');
const venv = join(root, '.local', 'venv');
const workDir = join(root, '.local', 'schemathesis');
const schemathesis = join(venv, 'bin', 'schemathesis');
const version = process.env.SCHEMATHESIS_VERSION ?? '4.32.5';
const maxExamples = Number(process.env.SCHEMATHESIS_MAX_EXAMPLES ?? 50);
const targets = {
  org: (process.env.ORG_URL ?? 'http://127.0.0.1:3001').replace(/\/$/, ''),
  goals: (process.env.GOALS_URL ?? 'http://127.0.0.1:3002').replace(/\/$/, ''),
};

// What the third party checks: no 5xx, and every answer as the document says.
const checks = [
  'not_a_server_error',
  'status_code_conformance',
  'content_type_conformance',
  'response_headers_conformance',
  'response_schema_conformance',
];

const say = (line: string) => process.stdout.write(`▸ fuzz:schemathesis: ${line}\n`);

const run = (command: string, args: readonly string[]) => {
  const result = spawnSync(command, args, { stdio: 'inherit', cwd: root });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed`);
};

/** The pinned schemathesis in .local/venv: made once, reinstalled only for another version. */
const ensureSchemathesis = () => {
  const installed = spawnSync(schemathesis, ['--version'], { encoding: 'utf8' });
  if (installed.status === 0 && installed.stdout.includes(`version ${version}`)) {
    say(`schemathesis ${version} in ${venv}`);
    return;
  }
  say(`installing schemathesis ${version} into ${venv} (python3 -m venv, pip)`);
  run('python3', ['-m', 'venv', venv]);
  run(join(venv, 'bin', 'pip'), ['install', '--quiet', `schemathesis==${version}`]);
};

const ready = async (url: string) => {
  try {
    return (await fetch(`${url}/health/ready`)).ok;
  } catch {
    return false;
  }
};

/** The services if they run; else `npm start`'s script, stopped again at the end. */
const ensureServices = async (): Promise<ChildProcess | undefined> => {
  if ((await ready(targets.org)) && (await ready(targets.goals))) {
    say(`using the running services: org ${targets.org}, goals ${targets.goals}`);
    return undefined;
  }
  mkdirSync(workDir, { recursive: true });
  const log = join(workDir, 'services.log');
  // A fuzzer sends far more than one tenant's fair share: with the limits on, most of its requests
  // would meet 429 and never reach the code under test. Services already running keep theirs.
  const rateLimits = process.env.RATE_LIMITS ?? 'off';
  say(
    `starting the services with deploy/local/run.sh (npm start), RATE_LIMITS=${rateLimits}; log: ${log}`,
  );
  const out = openSync(log, 'w');
  const services = spawn('bash', ['deploy/local/run.sh'], {
    cwd: root,
    env: { ...process.env, RATE_LIMITS: rateLimits },
    stdio: ['ignore', out, out],
    detached: true,
  });
  const deadline = Date.now() + 180_000;
  while (!((await ready(targets.org)) && (await ready(targets.goals)))) {
    if (services.exitCode !== null) throw new Error(`the services stopped; see ${log}`);
    if (Date.now() > deadline) throw new Error(`the services were not ready in 180 s; see ${log}`);
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  say('both services are ready');
  return services;
};

/** Path parameters and body fields that name ids draw from what exists, most of the time. */
const configFor = (knownIds: Readonly<Record<string, readonly string[]>>) => {
  const units = ['tribes', 'squads', 'chapters', 'guilds'].flatMap((c) => knownIds[c] ?? []);
  const dictionaries: Record<string, readonly string[]> = {
    people: knownIds.people ?? [],
    tribes: knownIds.tribes ?? [],
    squads: knownIds.squads ?? [],
    chapters: knownIds.chapters ?? [],
    guilds: knownIds.guilds ?? [],
    units,
    cycles: knownIds.cycles ?? [],
    objectives: knownIds.objectives ?? [],
    keyResults: knownIds['key-results'] ?? [],
    proposals: knownIds.proposals ?? [],
    ambitions: knownIds.ambitions ?? [],
    templates: knownIds.templates ?? [],
  };
  const bindings: Record<string, string> = {
    'path.id': 'units',
    'path.personId': 'people',
    'path.tribeId': 'tribes',
    'path.squadId': 'squads',
    'path.chapterId': 'chapters',
    'path.guildId': 'guilds',
    'path.unitId': 'units',
    'path.cycleId': 'cycles',
    'path.objectiveId': 'objectives',
    'path.parentObjectiveId': 'objectives',
    'path.keyResultId': 'keyResults',
    'path.proposalId': 'proposals',
    'path.ambitionId': 'ambitions',
    'path.templateId': 'templates',
    'body.personId': 'people',
    'body.tribeId': 'tribes',
    'body.toTribeId': 'tribes',
    'body.cycleId': 'cycles',
    'body.objectiveId': 'objectives',
    'body.parentObjectiveId': 'objectives',
    'body.templateId': 'templates',
  };
  const used = Object.entries(bindings).filter(([, name]) => dictionaries[name].length > 0);
  return [
    ...Object.entries(dictionaries)
      .filter(([, values]) => values.length > 0)
      .map(([name, values]) => `[dictionaries.${name}]\nvalues = ${JSON.stringify(values)}\n`),
    '[parameters]',
    ...used.map(([key, name]) => `"${key}" = { dictionary = "${name}", probability = 0.8 }`),
    '',
  ].join('\n');
};

const fuzz = (service: 'org' | 'goals', token: string, configFile: string, seed: string) =>
  new Promise<number>((resolvePromise) => {
    const args = [
      '--config-file',
      configFile,
      'run',
      `${targets[service]}/docs/openapi.json`,
      '--checks',
      checks.join(','),
      '--header',
      `Authorization: Bearer ${token}`,
      '--max-examples',
      String(maxExamples),
      '--workers',
      '1',
      '--seed',
      seed,
      '--no-shrink',
      '--request-timeout',
      '30',
      '--report',
      'junit',
      '--report-dir',
      join(workDir, service),
    ];
    say(
      `schemathesis run ${targets[service]}/docs/openapi.json --checks ${checks.join(',')} ` +
        `--max-examples ${maxExamples} --seed ${seed} (as Ada, an admin person)`,
    );
    const child = spawn(schemathesis, args, { cwd: workDir, stdio: 'inherit' });
    child.on('exit', (code) => resolvePromise(code ?? 1));
  });

const main = async () => {
  assertLocalTarget(targets.org);
  assertLocalTarget(targets.goals);
  ensureSchemathesis();
  const services = await ensureServices();
  try {
    const seed = process.env.SCHEMATHESIS_SEED ?? String(Math.floor(Math.random() * 2 ** 31));
    const results: Record<string, number> = {};
    // Each service on an organisation of its own: fuzzing org may make Ada leave it (its stateful
    // phase follows GET /people to POST /people/{id}/leave), after which goals refuses her (403).
    for (const service of ['org', 'goals'] as const) {
      const organisation = await establishFuzzOrganisation({
        orgUrl: targets.org,
        goalsUrl: targets.goals,
        tenant: `schemathesis-${seed}-${service}-${Date.now().toString(36)}`,
        mint: (sub, tenant, roles) => mintDevelopmentToken({ sub, tenant, roles, ttl: '2h' }),
        log: say,
      });
      mkdirSync(workDir, { recursive: true });
      const configFile = join(workDir, `schemathesis-${service}.toml`);
      writeFileSync(configFile, configFor(organisation.knownIds));
      say(`known ids for path parameters and body fields: ${configFile}`);
      results[service] = await fuzz(service, organisation.token, configFile, seed);
    }
    const failed = Object.entries(results).filter(([, code]) => code !== 0);
    say(
      failed.length === 0
        ? `both services passed (seed ${seed}; SCHEMATHESIS_SEED=${seed} repeats it)`
        : `failures in ${failed.map(([service]) => service).join(' and ')} (seed ${seed})`,
    );
    process.exitCode = failed.length === 0 ? 0 : 1;
  } finally {
    if (services?.pid) {
      say('stopping the services it started');
      process.kill(-services.pid, 'SIGTERM');
    }
  }
};

main().catch((error: unknown) => {
  process.stderr.write(
    `fuzz:schemathesis: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exitCode = 2;
});
