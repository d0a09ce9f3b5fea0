// The depConstraints keep adapters off type:testing; their specs need the shared contract suite.
import { eventStoreContract, testInfrastructure } from '@rhythm/testing';
import { createKurrentDbEventStore } from './kurrentdb-event-store';

const kurrentDbUrl = testInfrastructure.kurrentDbUrl();

if (kurrentDbUrl === undefined) {
  // KurrentDB is not obtainable without Docker: say so, and count nothing as passed.
  const reason = 'NOT RUN: KURRENTDB_URL not set and no Docker engine';
  console.warn(`KurrentDB event store contract — ${reason}`);
  describe(`KurrentDB event store contract — ${reason}`, () => {
    it.skip(`${reason} (set KURRENTDB_URL, e.g. kurrentdb://127.0.0.1:2113?tls=false)`, () => {});
  });
} else {
  eventStoreContract('KurrentDB', () => {
    const store = createKurrentDbEventStore({ connectionString: kurrentDbUrl });
    return Promise.resolve({
      store,
      dispose: () => store.close(),
      connect: () => Promise.resolve(createKurrentDbEventStore({ connectionString: kurrentDbUrl })),
    });
  });
}
