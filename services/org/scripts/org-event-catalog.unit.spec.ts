import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { orgEventCatalogPath, renderOrgEventCatalog } from './org-event-catalog';

// Prettier 3 loads its parsers with dynamic import, which jest's CommonJS runtime refuses: format
// through the CLI in a child process instead.
const prettier = require.resolve('prettier/bin/prettier.cjs');
const formatted = (markdown: string) =>
  execFileSync(process.execPath, [prettier, '--stdin-filepath', orgEventCatalogPath], {
    input: markdown,
    encoding: 'utf8',
  });

describe('docs/events/org.md', () => {
  it('is generated from the current contracts (re-run the script when this fails)', () => {
    const onDisk = readFileSync(orgEventCatalogPath, 'utf8');
    expect(onDisk).toBe(formatted(renderOrgEventCatalog()));
  });
});
