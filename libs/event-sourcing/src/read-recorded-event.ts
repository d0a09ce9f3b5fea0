import type { RecordedEvent } from './event';
import type { EventStore } from './event-store';

/** Where one recorded event sits: its stream and revision, and the global position it had. */
export type RecordedEventAddress = Readonly<{
  streamId: string;
  streamRevision: number;
  globalPosition: bigint;
}>;

/**
 * Reads back the one event at this address (a parked event, kept by address only so that its
 * payload stays in the store). Throws when the store holds another event there, or none.
 */
export const readRecordedEvent = async (
  store: EventStore,
  address: RecordedEventAddress,
): Promise<RecordedEvent> => {
  const [recorded] = await store.readStream(address.streamId, {
    fromRevision: address.streamRevision,
    maxCount: 1,
  });
  if (recorded?.globalPosition !== address.globalPosition) {
    throw new Error(
      `${address.streamId}@${address.streamRevision} is not in the event store at ${address.globalPosition}`,
    );
  }
  return recorded;
};
