export * from './decider-specification';
export * from './expect-eventually';
export * from './infrastructure';
export * from './event-store-contract';
export * from './in-memory-event-store';
export * from './database-roles';
export * from './service-process';
export * from './topic-reader';
