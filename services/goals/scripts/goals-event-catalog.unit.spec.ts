import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { goalsIntegrationEvents } from '@rhythm/contracts';
import { goalsEventCatalogPath, renderGoalsEventCatalog } from './goals-event-catalog';

// Prettier 3 loads its parsers with dynamic import, which jest's CommonJS runtime refuses: format
// through the CLI in a child process instead.
const prettier = require.resolve('prettier/bin/prettier.cjs');
const formatted = (markdown: string) =>
  execFileSync(process.execPath, [prettier, '--stdin-filepath', goalsEventCatalogPath], {
    input: markdown,
    encoding: 'utf8',
  });

describe('docs/events/goals.md', () => {
  it('is generated from the current contracts (re-run the script when this fails)', () => {
    const onDisk = readFileSync(goalsEventCatalogPath, 'utf8');
    expect(onDisk).toBe(formatted(renderGoalsEventCatalog()));
  });

  it('documents every published goals event, and each shape of an adjustment', () => {
    const catalog = renderGoalsEventCatalog();
    for (const definition of goalsIntegrationEvents) {
      expect(catalog).toContain(`### \`${definition.type}\` v${definition.version}`);
    }
    for (const field of ['title', 'target', 'owner', 'weight']) {
      expect(catalog).toContain(`When \`field\` is \`${field}\`:`);
    }
  });
});
