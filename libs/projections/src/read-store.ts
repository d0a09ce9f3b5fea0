import mongoose, { type Connection, type ConnectOptions, type mongo } from 'mongoose';

/**
 * Bounds on every read-store call (ADR 0028): a server that cannot be found, a pool with no free
 * connection, or a server that stops answering mid-call fails the call, as an outage (the
 * projection runner recovers, HTTP answers 503), instead of holding it. The socket bound is what
 * covers everything: FerretDB 1.24 refuses `maxTimeMS` on some commands (distinct), so it is not
 * set for all queries. A single read-store call of ours takes milliseconds; 30 s is an outage.
 */
export const readStoreConnectionOptions = {
  serverSelectionTimeoutMS: 10_000,
  connectTimeoutMS: 10_000,
  waitQueueTimeoutMS: 10_000,
  socketTimeoutMS: 30_000,
} as const satisfies ConnectOptions;

/** A service's read-store connection, open, with the bounds above (a test may pass others). */
export const connectReadStore = (
  url: string,
  bounds: ConnectOptions = readStoreConnectionOptions,
): Promise<Connection> => mongoose.createConnection(url, bounds).asPromise();

/** The native database behind a mongoose connection; projections write through the driver. */
export const databaseOf = (connection: Connection): mongo.Db => {
  if (!connection.db) {
    throw new Error(
      'The read-store connection is not open yet: await connection.asPromise() first',
    );
  }
  return connection.db;
};

/** E11000, as a single write error or inside a bulk write error. */
export const isDuplicateKey = (error: unknown): boolean => {
  if (typeof error !== 'object' || error === null) return false;
  const { code, writeErrors } = error as { code?: unknown; writeErrors?: unknown };
  if (code === 11000) return true;
  return (
    Array.isArray(writeErrors) &&
    writeErrors.some((entry) => (entry as { code?: unknown }).code === 11000)
  );
};

export const sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
