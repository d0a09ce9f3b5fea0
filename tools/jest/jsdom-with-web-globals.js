// jsdom without the web platform pieces Node already has (fetch's Response, TextEncoder, streams):
// the console's code and its tests use them as a browser would.
const { TestEnvironment } = require('jest-environment-jsdom');

const fromNode = [
  'TextEncoder',
  'TextDecoder',
  'Response',
  'Request',
  'Headers',
  'fetch',
  'ReadableStream',
  'WritableStream',
  'TransformStream',
  'structuredClone',
  'BroadcastChannel',
  'AbortSignal',
];

module.exports = class JsdomWithWebGlobals extends TestEnvironment {
  async setup() {
    await super.setup();
    for (const name of fromNode) {
      if (this.global[name] === undefined) this.global[name] = globalThis[name];
    }
  }
};
