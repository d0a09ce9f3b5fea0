import type { StreamFold } from './decider';
import { fold } from './decider';
import type { Event } from './event';
import type { EventStore } from './event-store';

export type AggregatedStream<State> = Readonly<{
  /** The stream folded from its initial state. */
  state: State;
  /** Revision of the stream's last event; -1 while the stream is empty. */
  currentRevision: number;
  streamExists: boolean;
}>;

/** Reads one stream and folds it: an aggregate's state now, as the write side sees it. */
export const aggregateStream = async <State, E extends Event>(
  store: EventStore,
  streamId: string,
  evolution: StreamFold<State, E>,
): Promise<AggregatedStream<State>> => {
  const events = await store.readStream<E>(streamId);
  return {
    state: fold(evolution, events),
    currentRevision: events.length - 1,
    streamExists: events.length > 0,
  };
};
