import { WrongExpectedRevision, type NewEvent, type RecordedEvent } from '@rhythm/event-sourcing';
import {
  ANY,
  NO_STREAM,
  STREAM_EXISTS,
  WrongExpectedVersionError,
  type AllStreamResolvedEvent,
  type ResolvedEvent,
} from '@kurrent/kurrentdb-client';
import {
  occurredBy,
  toEventData,
  toPosition,
  toRecordedEvent,
  toStreamState,
  translateAppendError,
} from './kurrentdb-event-mapping';
import { filterFor } from './kurrentdb-event-store';

const metadata = {
  eventId: '5f0f3b1e-8c1a-4f57-9d43-0c1c4d6b9a11',
  tenantId: 'org-1',
  actor: 'person-1',
  correlationId: 'corr-1',
  causationId: 'cmd-1',
  occurredAt: '2025-03-05T09:00:00.000Z',
  reason: 're-org',
};

const stored = (
  overrides: Partial<{ streamId: string; type: string; isJson: boolean; revision: bigint }> = {},
): AllStreamResolvedEvent =>
  ({
    event: {
      streamId: 'squad-1',
      id: metadata.eventId,
      isJson: true,
      revision: 4n,
      type: 'SquadMoved',
      created: new Date('2025-03-05T09:00:01.000Z'),
      data: { tribe: 'Money' },
      metadata,
      position: { commit: 1234n, prepare: 1234n },
      ...overrides,
    },
    commitPosition: 1234n,
  }) as AllStreamResolvedEvent;

describe('KurrentDB mapping', () => {
  describe('expected revision', () => {
    it.each([
      ['any', ANY],
      ['no_stream', NO_STREAM],
      ['stream_exists', STREAM_EXISTS],
      [0, 0n],
      [41, 41n],
      [-1, NO_STREAM],
    ] as const)('maps %p to the stream state %p', (expected, state) => {
      expect(toStreamState(expected)).toBe(state);
    });

    it.each([-2, 1.5, Number.NaN])('refuses %p as a revision', (expected) => {
      expect(() => toStreamState(expected)).toThrow(RangeError);
    });
  });

  describe('append errors', () => {
    const wrongVersion = (current: bigint | 'no_stream') =>
      new WrongExpectedVersionError(undefined, {
        streamName: 'squad-1',
        expected: 3n,
        current,
      });

    it('turns a wrong expected version into WrongExpectedRevision with the actual revision', () => {
      const error = translateAppendError(wrongVersion(7n), 'squad-1', 3);
      expect(error).toBeInstanceOf(WrongExpectedRevision);
      expect(error).toMatchObject({ streamId: 'squad-1', expected: 3, actual: 7 });
    });

    it("reports a missing (or deleted) stream as 'no_stream'", () => {
      expect(translateAppendError(wrongVersion('no_stream'), 'squad-1', 3)).toMatchObject({
        actual: 'no_stream',
      });
      expect(translateAppendError(wrongVersion(-5n), 'squad-1', 3)).toMatchObject({
        actual: 'no_stream',
      });
    });

    it('passes other failures through unchanged', () => {
      const failure = new Error('unavailable');
      expect(translateAppendError(failure, 'squad-1', 'any')).toBe(failure);
    });
  });

  describe('events', () => {
    it('sends the event id, type, data and the whole metadata as JSON', () => {
      const event: NewEvent = { type: 'SquadMoved', data: { tribe: 'Money' }, metadata };
      expect(toEventData(event)).toMatchObject({
        id: metadata.eventId,
        type: 'SquadMoved',
        contentType: 'application/json',
        data: { tribe: 'Money' },
        metadata,
      });
    });

    it('reads a stored event back with a numeric revision and the commit position', () => {
      expect(toRecordedEvent(stored())).toEqual({
        type: 'SquadMoved',
        data: { tribe: 'Money' },
        metadata,
        streamId: 'squad-1',
        streamRevision: 4,
        globalPosition: 1234n,
        recordedAt: new Date('2025-03-05T09:00:01.000Z'),
      });
    });

    it('falls back to the commit position of a stream read', () => {
      const fromStream = { ...stored(), event: { ...stored().event, position: undefined } };
      expect(toRecordedEvent(fromStream as unknown as ResolvedEvent)?.globalPosition).toBe(1234n);
    });

    it('refuses an event whose position the server does not know, instead of inventing one', () => {
      const unknown = {
        event: { ...stored().event, position: { commit: 2n ** 64n - 1n, prepare: 2n ** 64n - 1n } },
      } as AllStreamResolvedEvent;
      expect(() => toRecordedEvent(unknown)).toThrow(/without a position/);
    });

    it.each([
      ['system event types', { type: '$metadata' }],
      ['system streams', { streamId: '$stats-127.0.0.1:2113' }],
      ['binary events', { isJson: false }],
    ])('skips %s', (_, overrides) => {
      expect(toRecordedEvent(stored(overrides))).toBeUndefined();
    });

    it('skips unresolved links', () => {
      const link: AllStreamResolvedEvent = { commitPosition: 5n };
      expect(toRecordedEvent(link)).toBeUndefined();
    });
  });

  it('uses the same bigint for both halves of a position', () => {
    expect(toPosition(99n)).toEqual({ commit: 99n, prepare: 99n });
  });

  it('filters $all by stream prefixes, or else leaves out system events', () => {
    expect(filterFor(['squad-', 'tribe-'])).toMatchObject({
      filterOn: 'streamName',
      prefixes: ['squad-', 'tribe-'],
    });
    expect(filterFor(undefined)).toMatchObject({ filterOn: 'eventType', regex: '^[^$].*' });
  });

  describe('point-in-time reads', () => {
    const event = { metadata } as RecordedEvent;

    it('keeps events that had occurred by then, including at that very instant', () => {
      expect(occurredBy(event, new Date('2025-03-05T09:00:00.000Z'))).toBe(true);
      expect(occurredBy(event, undefined)).toBe(true);
    });

    it('stops at events that occurred later', () => {
      expect(occurredBy(event, new Date('2025-03-05T08:59:59.999Z'))).toBe(false);
    });
  });
});
