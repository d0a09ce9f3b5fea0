export * from './live-change';
