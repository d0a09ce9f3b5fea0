import type { StreamFold } from './decider';
import type { Event, RecordedEvent } from './event';
import type { EventStore } from './event-store';
import { StreamUnreadable } from './errors';

export type AggregatedStream<State> = Readonly<{
  /** The stream folded from its initial state. */
  state: State;
  /** Revision of the stream's last event; -1 while the stream is empty. */
  currentRevision: number;
  streamExists: boolean;
  /**
   * The first event the stream's fold could not take, when there is one: `state` is then the
   * fold of the events before it (what the projections show, which park it). The command handler
   * admits the caller on that state before it refuses the command (ADR 0066).
   */
  unreadable?: StreamUnreadable;
}>;

/**
 * Folds recorded events onto a state up to the first the fold cannot take: the state before
 * it and that event, as a `StreamUnreadable`.
 */
export const foldRecorded = <State, E extends Event>(
  evolve: (state: State, event: E) => State,
  state: State,
  events: Iterable<RecordedEvent<E>>,
): Readonly<{ state: State; unreadable?: StreamUnreadable }> => {
  for (const event of events) {
    try {
      state = evolve(state, event);
    } catch (error) {
      return {
        state,
        unreadable: new StreamUnreadable(event.streamId, event.streamRevision, event.type, error),
      };
    }
  }
  return { state };
};

/**
 * Reads one stream and folds it, up to the first event the fold cannot take (`unreadable`):
 * for a caller that must decide who may know of the stream before it refuses.
 */
export const readAggregate = async <State, E extends Event>(
  store: EventStore,
  streamId: string,
  evolution: StreamFold<State, E>,
): Promise<AggregatedStream<State>> => {
  const events = await store.readStream<E>(streamId);
  const { state, unreadable } = foldRecorded(evolution.evolve, evolution.initialState(), events);
  return {
    state,
    currentRevision: events.length - 1,
    streamExists: events.length > 0,
    ...(unreadable ? { unreadable } : {}),
  };
};

/**
 * Reads one stream and folds it: an aggregate's state now, as the write side sees it. Throws
 * `StreamUnreadable` when an event of it cannot be folded.
 */
export const aggregateStream = async <State, E extends Event>(
  store: EventStore,
  streamId: string,
  evolution: StreamFold<State, E>,
): Promise<AggregatedStream<State>> => {
  const aggregated = await readAggregate(store, streamId, evolution);
  if (aggregated.unreadable) throw aggregated.unreadable;
  return aggregated;
};
