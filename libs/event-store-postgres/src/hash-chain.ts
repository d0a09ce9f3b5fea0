/**
 * Each stream's events form a hash chain (docs/adr/0029-a-record-no-one-can-rewrite.md):
 *
 *   hash(revision 0) = sha256(genesis            || content(event 0))
 *   hash(revision n) = sha256(hash(revision n-1) || content(event n))
 *
 * content = the UTF-8 text of the jsonb array [global position, stream id, revision, type, data,
 * metadata, recorded-at in epoch microseconds]. PostgreSQL prints a jsonb value in one canonical
 * form (keys sorted, no insignificant white space), so the append, the back-fill and the verify
 * all hash the same bytes with built-in functions only; an owner who replaces the schema's append
 * function cannot change what the verify computes. The array form keeps fields apart (strings are
 * quoted and escaped), so no two different events hash the same text.
 *
 * These are SQL fragments, spliced into the append function, the back-fill and the verify.
 */

/** The previous hash of every stream's revision 0: 32 zero bytes. */
export const genesisHash = Buffer.alloc(32);

export const genesisHashSql = `'\\x${genesisHash.toString('hex')}'::bytea`;

/** Epoch microseconds of a timestamptz, exact (extract returns numeric from PostgreSQL 14 on). */
export const epochMicrosSql = (timestamp: string): string =>
  `(extract(epoch FROM ${timestamp}) * 1000000)::bigint`;

export type HashedFields = Readonly<{
  globalPosition: string;
  streamId: string;
  streamRevision: string;
  type: string;
  data: string;
  metadata: string;
  /** Epoch microseconds (bigint) of recorded_at. */
  recordedMicros: string;
}>;

/** The bytes an event's hash covers, as a SQL expression over the given column expressions. */
export const hashedContentSql = (fields: HashedFields): string =>
  `convert_to(jsonb_build_array(${fields.globalPosition}, ${fields.streamId}, ` +
  `${fields.streamRevision}, ${fields.type}, ${fields.data}, ${fields.metadata}, ` +
  `${fields.recordedMicros})::text, 'UTF8')`;

/** sha256(previous hash || content). */
export const eventHashSql = (previousHash: string, fields: HashedFields): string =>
  `sha256(${previousHash} || ${hashedContentSql(fields)})`;

/** The hashed fields of a row of the events table under `alias`. */
export const storedEventFields = (alias: string): HashedFields => ({
  globalPosition: `${alias}.global_position`,
  streamId: `${alias}.stream_id`,
  streamRevision: `${alias}.stream_revision`,
  type: `${alias}.type`,
  data: `${alias}.data`,
  metadata: `${alias}.metadata`,
  recordedMicros: epochMicrosSql(`${alias}.recorded_at`),
});
