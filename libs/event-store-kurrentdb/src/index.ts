export {
  KurrentDbEventStore,
  createKurrentDbEventStore,
  type KurrentDbEventStoreOptions,
} from './kurrentdb-event-store';
