import {
  WrongExpectedRevision,
  type EventMetadata,
  type ExpectedRevision,
  type NewEvent,
  type RecordedEvent,
} from '@rhythm/event-sourcing';
import {
  ANY,
  NO_STREAM,
  STREAM_EXISTS,
  WrongExpectedVersionError,
  jsonEvent,
  type AllStreamResolvedEvent,
  type AppendStreamState,
  type EventData,
  type Position,
  type ResolvedEvent,
} from '@kurrent/kurrentdb-client';

/** Our expected revision as KurrentDB's stream state (revisions are bigint there). */
export const toStreamState = (expected: ExpectedRevision): AppendStreamState => {
  switch (expected) {
    case 'any':
      return ANY;
    case 'no_stream':
      return NO_STREAM;
    case 'stream_exists':
      return STREAM_EXISTS;
    default:
      // -1 is what the CommandHandler reports for an empty stream.
      if (expected === -1) return NO_STREAM;
      if (!Number.isInteger(expected) || expected < 0) {
        throw new RangeError(`Expected revision must be a revision (0, 1, ...), got ${expected}`);
      }
      return BigInt(expected);
  }
};

export const toEventData = (event: NewEvent): EventData =>
  jsonEvent({
    id: event.metadata.eventId,
    type: event.type,
    data: event.data as Record<string, unknown>,
    metadata: event.metadata,
  });

/** A wrong-expected-version failure as the port's WrongExpectedRevision; anything else as is. */
export const translateAppendError = (
  error: unknown,
  streamId: string,
  expected: ExpectedRevision,
): unknown => {
  if (!(error instanceof WrongExpectedVersionError)) return error;
  const actual = error.actualState;
  // Deleted (-5) and tombstoned (-6) streams hold nothing one could append after.
  const actualRevision = typeof actual === 'bigint' && actual >= 0n ? Number(actual) : 'no_stream';
  return new WrongExpectedRevision(streamId, expected, actualRevision);
};

/** Our checkpoint (a commit position) as a KurrentDB position. */
export const toPosition = (globalPosition: bigint): Position => ({
  commit: globalPosition,
  prepare: globalPosition,
});

/**
 * A stored event as the port's RecordedEvent, or undefined for what is not ours: system events
 * and streams ($-prefixed), links, and non-JSON events.
 */
export const toRecordedEvent = (
  resolved: ResolvedEvent | AllStreamResolvedEvent,
): RecordedEvent | undefined => {
  const event = resolved.event;
  if (!event || !event.isJson) return undefined;
  if (event.type.startsWith('$') || event.streamId.startsWith('$')) return undefined;
  const globalPosition = knownPosition(event.position?.commit) ?? resolved.commitPosition;
  if (globalPosition === undefined) {
    throw new Error(
      `KurrentDB returned event ${event.id} without a position (server older than 22.6?)`,
    );
  }
  return {
    type: event.type,
    data: event.data as object,
    metadata: event.metadata as unknown as EventMetadata,
    streamId: event.streamId,
    streamRevision: Number(event.revision),
    globalPosition,
    recordedAt: event.created,
  };
};

/** Old servers answer stream reads with 2^64-1 for "no position known". */
const unknownPosition = 18_446_744_073_709_551_615n;

const knownPosition = (position: bigint | undefined): bigint | undefined =>
  position === undefined || position === unknownPosition ? undefined : position;

/** Point-in-time reads stop at the first event that had not occurred yet. */
export const occurredBy = (event: RecordedEvent, asOf: Date | undefined): boolean =>
  asOf === undefined || Date.parse(event.metadata.occurredAt) <= asOf.getTime();
