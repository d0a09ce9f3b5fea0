/**
 * npm run bench:console — the console's figures against issue 12's goals, measured with Chromium
 * on the local stack; printed, never asserted (services/console/bench/README.md).
 *
 *   (a) the first screen's JavaScript, gzipped (≤ 250 kB)
 *   (b) time to interactive of My week and of the OKR tree of a cycle of 500 objectives (≤ 1 s)
 *   (c) a check-in in one browser → its progress bar moved in another (≤ 1 s)
 *
 * Options: --runs N (page loads per screen, default 9), --check-ins N (default 20),
 * --objectives N (the tree's size, default 500). Needs the local stack (`npm run stack -- up`);
 * builds the console from the working tree and starts its own services and gateway.
 */
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { ConsoleWorld } from '../e2e/testing/console-world';
import { buildConsoleForBench, measureFirstScreenBundle } from './first-screen-bundle';
import { benchOrganisation } from './bench-organisation';
import { checkInSeenElsewhere } from './check-in-to-other-browser';
import { timeToInteractive } from './time-to-interactive';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '9' },
    'check-ins': { type: 'string', default: '20' },
    objectives: { type: 'string', default: '500' },
  },
});
const runs = Number(values.runs);
const checkIns = Number(values['check-ins']);
const objectives = Number(values.objectives);

const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
const percentile = (samples: readonly number[], p: number) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};
const figures = (samples: readonly number[]) =>
  `p50 ${percentile(samples, 50).toFixed(0)} ms · p95 ${percentile(samples, 95).toFixed(0)} ms · max ${Math.max(...samples).toFixed(0)} ms (n=${samples.length})`;
const against = (value: number, goal: number) => (value <= goal ? 'within' : 'OVER');

const main = async () => {
  const load = () =>
    loadavg()
      .map((value) => value.toFixed(1))
      .join(' ');
  // Figures from a busy machine are not the console's: say how busy it was.
  console.log(`Rhythm console bench — ${cpus().length} cores, load average ${load()}\n`);

  const build = buildConsoleForBench();
  const bundle = measureFirstScreenBundle(build.dist);
  console.log('(a) first screen (My week) JavaScript, gzipped:');
  for (const file of bundle.files) {
    console.log(`    ${file.file.padEnd(44)} ${kB(file.bytes).padStart(10)} → ${kB(file.gzipped)}`);
  }
  console.log(
    `    total ${kB(bundle.javaScriptGzipped)} (goal ≤ 250 kB: ${against(bundle.javaScriptGzipped, 250_000)}); CSS ${kB(bundle.cssGzipped)} besides`,
  );

  const world = await ConsoleWorld.start({ dist: build.dist });
  try {
    console.log(`\nseeding an organisation with ${objectives} objectives…`);
    const started = Date.now();
    const organisation = await benchOrganisation(world, { objectives });
    console.log(`    seeded in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    console.log(`    ${organisation.description}`);

    const signedIn = await world.browse('en');
    await signedIn.signIn({
      organisationId: organisation.organisationId,
      name: organisation.personName,
    });
    const storageState = await signedIn.context.storageState();
    await signedIn.close();

    for (const [screen, path] of [
      ['My week', '/'],
      [`OKR tree (${organisation.objectiveCount} objectives)`, '/tree'],
    ] as const) {
      const samples: { firstProgressMs: number; interactiveMs: number }[] = [];
      // One load to warm the services' caches as a person's earlier visit would; not counted.
      await timeToInteractive(world.browser, { baseURL: world.url, path, storageState });
      for (let run = 0; run < runs; run++) {
        samples.push(
          await timeToInteractive(world.browser, { baseURL: world.url, path, storageState }),
        );
      }
      const interactive = samples.map((sample) => sample.interactiveMs);
      console.log(
        `\n(b) ${screen}, navigation start → interactive (fresh browser context each run):`,
      );
      console.log(
        `    first progress bar: ${figures(samples.map((sample) => sample.firstProgressMs))}`,
      );
      console.log(
        `    interactive:        ${figures(interactive)} (goal ≤ 1000 ms at p95: ${against(percentile(interactive, 95), 1000)})`,
      );
    }

    const checker = await world.browse('en');
    const watcher = await world.browse('en');
    try {
      await checker.signIn({
        organisationId: organisation.live.organisationId,
        name: organisation.live.checkerName,
      });
      await watcher.signIn({
        organisationId: organisation.live.organisationId,
        name: organisation.live.watcherName,
        next: organisation.live.watcherPath,
      });
      await watcher.afterReloads(
        watcher.page.getByRole('progressbar', { name: organisation.live.keyResult.progressLabel }),
      );
      const latencies: number[] = [];
      for (let checkIn = 0; checkIn < checkIns; checkIn++) {
        latencies.push(
          await checkInSeenElsewhere(
            checker.page,
            watcher.page,
            organisation.live.keyResult,
            10 + checkIn,
          ),
        );
      }
      console.log(`\n(c) check-in in one browser → progress bar moved in another (no reload):`);
      console.log(
        `    ${figures(latencies)} (goal ≤ 1000 ms at p95: ${against(percentile(latencies, 95), 1000)})`,
      );
    } finally {
      await checker.close();
      await watcher.close();
    }
  } finally {
    await world.dispose();
    build.remove();
  }
  console.log(`\nload average at the end: ${load()}`);
};

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
