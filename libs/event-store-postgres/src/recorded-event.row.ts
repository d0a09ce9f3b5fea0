import type { EventMetadata, RecordedEvent } from '@rhythm/event-sourcing';

/**
 * Columns every read selects, in this order (rows come back as arrays: no per-row key objects).
 * recorded_at travels as epoch milliseconds: parsing a float is much cheaper than a timestamp text.
 */
export const recordedEventColumns =
  'global_position, stream_id, stream_revision, type, data, metadata, ' +
  '(extract(epoch FROM recorded_at) * 1000)::float8';

export type RecordedEventRow = [
  globalPosition: string, // int8 arrives as text: JavaScript numbers cannot hold every bigint
  streamId: string,
  streamRevision: number,
  type: string,
  data: object,
  metadata: EventMetadata,
  recordedAtMs: number,
];

export const toRecordedEvent = (row: RecordedEventRow): RecordedEvent => ({
  type: row[3],
  data: row[4],
  metadata: row[5],
  streamId: row[1],
  streamRevision: row[2],
  globalPosition: BigInt(row[0]),
  recordedAt: new Date(row[6]),
});
