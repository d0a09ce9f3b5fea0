import type { EventMetadata, RecordedEvent } from '@rhythm/event-sourcing';

/** Columns every read selects, in this order (rows come back as arrays: no per-row key objects). */
export const recordedEventColumns =
  'global_position, stream_id, stream_revision, type, data, metadata, recorded_at';

export type RecordedEventRow = [
  globalPosition: string, // int8 arrives as text: JavaScript numbers cannot hold every bigint
  streamId: string,
  streamRevision: number,
  type: string,
  data: object,
  metadata: EventMetadata,
  recordedAt: Date,
];

export const toRecordedEvent = (row: RecordedEventRow): RecordedEvent => ({
  type: row[3],
  data: row[4],
  metadata: row[5],
  streamId: row[1],
  streamRevision: row[2],
  globalPosition: BigInt(row[0]),
  recordedAt: row[6],
});
