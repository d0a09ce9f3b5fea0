/** What services' specs use of the projections' test support (`@rhythm/projections/testing`). */
export { ReadModelSandbox } from './read-model-sandbox';
