// Runs TypeScript sources directly (services, scripts, benchmarks): SWC with decorator metadata
// and the workspace path aliases of tsconfig.base.json, one module at a time as Node requires it.
//
// Not `@swc-node/register` (ADR 0060): that loads the whole TypeScript compiler into every process
// to read the tsconfig (~15 MB of heap, ~45 MB of RSS that stay) and appends each module's source
// map to its code as base64. Here the maps are kept apart and read only to print a stack trace.
// SWC_NODE_SOURCE_MAP_MODE=inline puts them in the code too, for a debugger.
const fs = require('node:fs');
const Module = require('node:module');
const path = require('node:path');
const { transformSync } = require('@swc/core');

process.env.TZ ??= 'UTC';

const project = process.env.SWC_NODE_PROJECT ?? path.join(__dirname, '..', 'tsconfig.base.json');
const { compilerOptions } = JSON.parse(fs.readFileSync(project, 'utf8'));
const baseUrl = path.resolve(path.dirname(project), compilerOptions.baseUrl ?? '.');
const paths = Object.fromEntries(
  Object.entries(compilerOptions.paths ?? {}).map(([alias, targets]) => [
    alias,
    targets.map((target) => path.resolve(baseUrl, target)),
  ]),
);
const inline = process.env.SWC_NODE_SOURCE_MAP_MODE?.trim().toLowerCase() === 'inline';

// What tsconfig.base.json asks for (ES2022, CommonJS with interop, legacy decorators with
// metadata, define semantics for class fields as TypeScript's ES2022 default), as SWC options.
const options = (filename) => ({
  filename,
  swcrc: false,
  isModule: true,
  sourceMaps: inline ? 'inline' : true,
  // A stack trace needs the mappings only; a debugger shows the sources from inline maps.
  inlineSourcesContent: inline,
  module: { type: 'commonjs', noInterop: !compilerOptions.esModuleInterop },
  jsc: {
    target: compilerOptions.target.toLowerCase(),
    parser: {
      syntax: 'typescript',
      tsx: filename.endsWith('.tsx'),
      decorators: Boolean(compilerOptions.experimentalDecorators),
      dynamicImport: true,
    },
    transform: {
      legacyDecorator: Boolean(compilerOptions.experimentalDecorators),
      decoratorMetadata: Boolean(compilerOptions.emitDecoratorMetadata),
      useDefineForClassFields: compilerOptions.useDefineForClassFields ?? true,
    },
    keepClassNames: true,
    baseUrl,
    paths,
  },
});

/** Each compiled module's source map, as SWC wrote it (parsed only for a stack trace). */
const sourceMaps = new Map();
require('source-map-support').install({
  environment: 'node',
  handleUncaughtExceptions: false,
  retrieveSourceMap: (file) => {
    const map = sourceMaps.get(file);
    return map === undefined ? null : { url: file, map };
  },
});

for (const extension of ['.ts', '.tsx']) {
  Module._extensions[extension] = (module, filename) => {
    const { code, map } = transformSync(fs.readFileSync(filename, 'utf8'), options(filename));
    if (map !== undefined && !inline) sourceMaps.set(filename, map);
    module._compile(code, filename);
  };
}
