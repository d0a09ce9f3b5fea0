export * from './event';
export * from './decider';
export * from './errors';
export * from './event-store';
export * from './command-handler';
export * from './input-rules';
