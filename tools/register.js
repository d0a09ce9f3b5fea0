// Runs TypeScript sources directly (services, scripts, benchmarks): SWC with decorator metadata
// and the workspace path aliases of tsconfig.base.json.
process.env.SWC_NODE_PROJECT ??= require('node:path').join(__dirname, '..', 'tsconfig.base.json');
process.env.TZ ??= 'UTC';
require('@swc-node/register');
