import type { Event } from './event';

/**
 * An aggregate as a pure decider: `decide(command, state) → events`, `evolve(state, event) → state`,
 * from an initial state. Time, ids and the actor come in on the command, never from the environment.
 */
export type Decider<Command, State, E extends Event> = Readonly<{
  decide: (command: Command, state: State) => readonly E[];
  evolve: (state: State, event: E) => State;
  initialState: () => State;
}>;

export const fold = <State, E extends Event>(
  decider: Pick<Decider<unknown, State, E>, 'evolve' | 'initialState'>,
  events: Iterable<E>,
): State => {
  let state = decider.initialState();
  for (const event of events) state = decider.evolve(state, event);
  return state;
};

/** Exhaustiveness guard for switches over unions. */
export const assertNever = (value: never): never => {
  throw new Error(`Unexpected value: ${JSON.stringify(value)}`);
};
