import { eventStoreContract } from './event-store-contract';
import { InMemoryEventStore } from './in-memory-event-store';

// The fake must keep the port's promises, or tests built on it prove nothing.
eventStoreContract('in-memory', () => {
  const store = new InMemoryEventStore();
  return Promise.resolve({ store, dispose: () => store.close() });
});
