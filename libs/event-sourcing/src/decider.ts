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

/** What folding a stream needs: a decider, or any `evolve` with its initial state. */
export type StreamFold<State, E extends Event> = Pick<
  Decider<unknown, State, E>,
  'evolve' | 'initialState'
>;

export const fold = <State, E extends Event>(
  { evolve, initialState }: StreamFold<State, E>,
  events: Iterable<E>,
): State => {
  let state = initialState();
  for (const event of events) state = evolve(state, event);
  return state;
};

/**
 * Several commands to one aggregate as one decision: each is decided on the state the ones before
 * it left, and their events come out together (an objective with its key results). Give it to
 * the command handler, and all of them are appended at once, or none.
 */
export const decideAll =
  <Command, State, E extends Event>(
    decider: Decider<Command, State, E>,
    commands: readonly Command[],
  ) =>
  (state: State): E[] => {
    const decided: E[] = [];
    let current = state;
    for (const command of commands) {
      for (const event of decider.decide(command, current)) {
        decided.push(event);
        current = decider.evolve(current, event);
      }
    }
    return decided;
  };

/** Exhaustiveness guard for switches over unions. */
export const assertNever = (value: never): never => {
  throw new Error(`Unexpected value: ${JSON.stringify(value)}`);
};
