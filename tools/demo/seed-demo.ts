/**
 * `npm run demo [-- --organisation acme] [--objectives 500]`: the demo organisation Acme Music on
 * the running services (ORG_URL, GOALS_URL, CHECKINS_URL, RECOGNITION_URL; default :3001..:3004).
 * A second run finds it and adds nothing.
 */
import { parseArgs } from 'node:util';
import { acmeMusic } from './demo-organisation';
import { seedDemoOrganisation } from './demo-seeder';

const { values } = parseArgs({
  options: {
    organisation: { type: 'string', default: 'acme' },
    objectives: { type: 'string' },
  },
});

const objectives = values.objectives === undefined ? undefined : Number(values.objectives);
if (
  objectives !== undefined &&
  (!Number.isInteger(objectives) || objectives < acmeMusic.objectives.length || objectives > 5_000)
) {
  process.stderr.write(
    `--objectives must be a whole number from ${acmeMusic.objectives.length} to 5000\n`,
  );
  process.exit(2);
}

const main = async () => {
  const started = Date.now();
  const seeded = await seedDemoOrganisation({
    organisationId: values.organisation,
    ...(objectives === undefined ? {} : { objectives }),
    log: (line) => process.stdout.write(`· ${line}\n`),
  });
  if (seeded.created) {
    process.stdout.write(
      `\n${acmeMusic.name} (${seeded.organisationId}) is ready in ${Math.round((Date.now() - started) / 1000)} s: ` +
        `${seeded.objectiveCount} objectives in ${seeded.cycleId}.\n`,
    );
  }
  process.stdout.write(
    `\nOpen http://127.0.0.1:3000, choose the organisation "${seeded.organisationId}" and sign in as:\n`,
  );
  for (const signIn of seeded.signIns) {
    process.stdout.write(`  ${signIn.name.padEnd(16)} ${signIn.as}\n`);
  }
};

main().catch((error: unknown) => {
  process.stderr.write(`The demo organisation could not be made: ${String(error)}\n`);
  process.exit(1);
});
