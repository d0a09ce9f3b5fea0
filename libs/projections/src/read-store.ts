import type { Connection, mongo } from 'mongoose';

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
