export * from './lock-session';
export * from './lease';
export * from './lease-observer';
export * from './leased-schedule';
export * from './postgres-lock-session';
export * from './postgres-lease';
export * from './sole-lease';
