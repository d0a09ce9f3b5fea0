/**
 * The guard rule: a write made for an event applies to a document only if the document has not yet
 * seen that write. Each document records the last write it took, as (order, op) where `order` is
 * the event's stream revision or global position and `op` the index of the write among those the
 * event makes. A write matches only documents whose record is lower, so applying an event twice,
 * or replaying a batch that half-failed, changes nothing.
 *
 * Which order a collection uses depends on who writes its documents:
 *
 * - 'stream'   — each document belongs to one stream (a squad's card, fed by the squad's events).
 *                Fields `_stream`, `_revision`, `_op`. A write from another stream is refused
 *                (ReadModelConflict): that document needs 'streams' or 'position'.
 * - 'position' — documents written by events of many streams, all from ONE totally ordered feed:
 *                this context's own store subscription. Fields `_position` (int64), `_op`.
 *                Never feed it from several Kafka partitions or several stores: their positions
 *                do not interleave, and an event with a lower position would be skipped.
 * - 'streams'  — documents written by events of many streams arriving in any interleaving that
 *                keeps each stream's order (Kafka partitions keyed by stream id, several sources).
 *                Fields `_streams.<stream id>.revision` / `.op`: one record per stream that wrote.
 */
export type GuardKind = 'stream' | 'position' | 'streams';

/** Where one write stands: the event that makes it, and its index among that event's writes. */
export type WriteStamp = Readonly<{
  streamId: string;
  streamRevision: number;
  globalPosition: bigint;
  op: number;
}>;

/** Fields the guard keeps in read-model documents; projections cannot write them. */
export const guardFields = ['_stream', '_revision', '_position', '_op', '_streams'] as const;

type Document = Record<string, unknown>;

/** Matches documents that have not yet taken this write. */
export const guardFilter = (kind: GuardKind, stamp: WriteStamp): Document => {
  switch (kind) {
    case 'stream':
      return {
        $or: [
          { _stream: stamp.streamId, _revision: { $lt: stamp.streamRevision } },
          { _stream: stamp.streamId, _revision: stamp.streamRevision, _op: { $lt: stamp.op } },
          { _revision: { $exists: false } },
        ],
      };
    case 'position':
      return lowerThan('_position', '_op', stamp.globalPosition, stamp.op);
    case 'streams': {
      const record = `_streams.${streamKey(stamp.streamId)}`;
      return lowerThan(`${record}.revision`, `${record}.op`, stamp.streamRevision, stamp.op);
    }
  }
};

/** What a guarded write sets besides the projection's own fields. */
export const guardStamp = (kind: GuardKind, stamp: WriteStamp): Document => {
  switch (kind) {
    case 'stream':
      return { _stream: stamp.streamId, _revision: stamp.streamRevision, _op: stamp.op };
    case 'position':
      return { _position: stamp.globalPosition, _op: stamp.op };
    case 'streams': {
      const record = `_streams.${streamKey(stamp.streamId)}`;
      return { [`${record}.revision`]: stamp.streamRevision, [`${record}.op`]: stamp.op };
    }
  }
};

export type GuardVerdict = 'already-applied' | 'not-applied' | 'owned-by-another-stream';

/** Why a document did not match a guarded write (used after a duplicate-key upsert). */
export const guardVerdict = (
  kind: GuardKind,
  document: Document,
  stamp: WriteStamp,
): GuardVerdict => {
  switch (kind) {
    case 'stream': {
      if (document._revision === undefined) return 'not-applied';
      if (document._stream !== stamp.streamId) return 'owned-by-another-stream';
      return atOrAfter(document._revision, document._op, stamp.streamRevision, stamp.op);
    }
    case 'position':
      if (document._position === undefined) return 'not-applied';
      return atOrAfter(document._position, document._op, stamp.globalPosition, stamp.op);
    case 'streams': {
      const records = (document._streams ?? {}) as Record<string, Document | undefined>;
      const record = records[streamKey(stamp.streamId)];
      if (record?.revision === undefined) return 'not-applied';
      return atOrAfter(record.revision, record.op, stamp.streamRevision, stamp.op);
    }
  }
};

/** A stream id as a field name: dots and dollars would be read as paths and operators. */
export const streamKey = (streamId: string): string =>
  streamId.replace(/%/g, '%25').replace(/\./g, '%2E').replace(/\$/g, '%24');

const lowerThan = (
  orderField: string,
  opField: string,
  order: number | bigint,
  op: number,
): Document => ({
  $or: [
    { [orderField]: { $lt: order } },
    { [orderField]: order, [opField]: { $lt: op } },
    { [orderField]: { $exists: false } },
  ],
});

const atOrAfter = (
  storedOrder: unknown,
  storedOp: unknown,
  order: number | bigint,
  op: number,
): GuardVerdict => {
  const stored = asBigInt(storedOrder);
  const wanted = BigInt(order);
  if (stored > wanted) return 'already-applied';
  if (stored < wanted) return 'not-applied';
  return asBigInt(storedOp ?? -1) >= BigInt(op) ? 'already-applied' : 'not-applied';
};

/** Numbers come back as number, or as a Long for large int64 values. */
const asBigInt = (value: unknown): bigint => {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number') return BigInt(value);
  if (typeof value === 'object' && value !== null && 'toString' in value) {
    return BigInt((value as { toString(): string }).toString());
  }
  throw new Error(`Unreadable guard value: ${JSON.stringify(value)}`);
};
