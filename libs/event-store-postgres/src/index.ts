export {
  PostgresEventStore,
  createPostgresEventStore,
  type PostgresEventStoreOptions,
} from './postgres-event-store';
