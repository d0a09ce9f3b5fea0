import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { recognitionIntegrationEvents } from '@rhythm/contracts';
import {
  recognitionEventCatalogPath,
  renderRecognitionEventCatalog,
} from './recognition-event-catalog';

// Prettier 3 loads its parsers with dynamic import, which jest's CommonJS runtime refuses: format
// through the CLI in a child process instead.
const prettier = require.resolve('prettier/bin/prettier.cjs');
const formatted = (markdown: string) =>
  execFileSync(process.execPath, [prettier, '--stdin-filepath', recognitionEventCatalogPath], {
    input: markdown,
    encoding: 'utf8',
  });

describe('docs/events/recognition.md', () => {
  it('is generated from the current contracts (re-run the script when this fails)', () => {
    const onDisk = readFileSync(recognitionEventCatalogPath, 'utf8');
    expect(onDisk).toBe(formatted(renderRecognitionEventCatalog()));
  });

  it('documents every published recognition event with its key and no message field', () => {
    const catalog = renderRecognitionEventCatalog();
    for (const definition of recognitionIntegrationEvents) {
      expect(catalog).toContain(`### \`${definition.type}\` v${definition.version}`);
    }
    expect(catalog).toContain('Key: `celebration-<tenantId>:<achievementKey>`');
    expect(catalog).not.toContain('| `message` |');
  });
});
