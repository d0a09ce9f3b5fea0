import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const workspaceRoot = path.join(__dirname, '..', '..', '..');

/** One chunk of Vite's build manifest (`build.manifest`). */
type ManifestChunk = Readonly<{
  file: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: readonly string[];
  css?: readonly string[];
}>;

export type FirstScreenBundle = Readonly<{
  /** Each JavaScript file the first screen loads, with its bytes raw and gzipped. */
  files: readonly Readonly<{ file: string; bytes: number; gzipped: number }>[];
  javaScriptGzipped: number;
  cssGzipped: number;
}>;

/**
 * Builds the console as it is in the working tree, with Vite's manifest (`--manifest`), into a
 * temporary folder (the console's own build stays as it is); the bench serves and measures it.
 * `remove()` deletes it.
 */
export const buildConsoleForBench = (): Readonly<{ dist: string; remove: () => void }> => {
  const outDir = mkdtempSync(path.join(tmpdir(), 'console-bench-'));
  const build = () =>
    execFileSync(
      process.execPath,
      [
        path.join(workspaceRoot, 'node_modules', 'vite', 'bin', 'vite.js'),
        'build',
        '--config',
        'services/console/vite.config.mts',
        '--logLevel',
        'error',
        '--manifest',
        '--outDir',
        outDir,
        '--emptyOutDir',
      ],
      { cwd: workspaceRoot, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' },
    );
  try {
    // Vite lets one build of a project run at a time; another (`npm test`'s) may be running.
    for (let attempt = 1; ; attempt++) {
      try {
        build();
        break;
      } catch (error) {
        const { stderr = '' } = error as { stderr?: string };
        if (!stderr.includes('Found another Vite build process') || attempt >= 60) {
          process.stderr.write(stderr);
          throw error;
        }
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 2_000);
      }
    }
  } catch (error) {
    rmSync(outDir, { recursive: true, force: true });
    throw error;
  }
  return { dist: outDir, remove: () => rmSync(outDir, { recursive: true, force: true }) };
};

/**
 * What a browser downloads to show My week, the first screen: the entry chunk, My week's lazy
 * route chunk, and every chunk they import statically — from the build's manifest.
 */
export const measureFirstScreenBundle = (
  outDir: string,
  firstScreenSource = 'src/features/my-week/MyWeekScreen.tsx',
): FirstScreenBundle => {
  const manifest = JSON.parse(
    readFileSync(path.join(outDir, '.vite', 'manifest.json'), 'utf8'),
  ) as Record<string, ManifestChunk>;
  const entry = Object.keys(manifest).find((key) => manifest[key].isEntry);
  if (!entry) throw new Error('The build manifest has no entry chunk');
  if (!manifest[firstScreenSource]) {
    throw new Error(`The build manifest has no chunk for ${firstScreenSource}`);
  }
  const chunks = new Set<string>();
  const visit = (key: string) => {
    if (chunks.has(key)) return;
    chunks.add(key);
    for (const imported of manifest[key].imports ?? []) visit(imported);
  };
  visit(entry);
  visit(firstScreenSource);
  const sizeOf = (file: string) => {
    const content = readFileSync(path.join(outDir, file));
    return { file, bytes: content.length, gzipped: gzipSync(content).length };
  };
  const files = [...chunks].map((key) => sizeOf(manifest[key].file));
  const css = [...new Set([...chunks].flatMap((key) => manifest[key].css ?? []))].map(sizeOf);
  return {
    files,
    javaScriptGzipped: files.reduce((sum, file) => sum + file.gzipped, 0),
    cssGzipped: css.reduce((sum, file) => sum + file.gzipped, 0),
  };
};
