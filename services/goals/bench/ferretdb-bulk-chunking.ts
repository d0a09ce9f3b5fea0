import mongoose from 'mongoose';

type BulkWrite = mongoose.mongo.Collection['bulkWrite'];

/**
 * FerretDB v1.24 (PostgreSQL backend) takes one PostgreSQL connection per statement of an
 * `update` command and keeps them all until the command ends: an ordered bulkWrite of more
 * updates than its pool (100 on the local stack) deadlocks FerretDB for every client. The
 * projection runner flushes up to 500 writes per collection in one bulkWrite, so under load the
 * goals service hangs the read store (README: "FerretDB and bulk writes").
 *
 * Until the projections library splits its flushes, the benchmark splits every bulkWrite of
 * this process into ordered chunks of at most `maxOperations`, one after the other. Only the
 * projections call bulkWrite, and they ignore its result; a failed chunk stops the rest, as an
 * ordered bulk write would.
 */
export const chunkBulkWrites = (maxOperations: number): void => {
  const prototype = mongoose.mongo.Collection.prototype;
  const original = prototype.bulkWrite;
  const chunked = async function (
    this: mongoose.mongo.Collection,
    operations: Parameters<BulkWrite>[0],
    options?: Parameters<BulkWrite>[1],
  ) {
    if (operations.length <= maxOperations) return original.call(this, operations, options);
    let result: Awaited<ReturnType<BulkWrite>> | undefined;
    for (let start = 0; start < operations.length; start += maxOperations) {
      result = await original.call(this, operations.slice(start, start + maxOperations), options);
    }
    return result!;
  };
  prototype.bulkWrite = chunked;
};
