// End-to-end tests start services and wait for relays and projections: three minutes a test.
jest.setTimeout(180_000);
