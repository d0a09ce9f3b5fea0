import type { Decider, Event } from '@rhythm/event-sourcing';
import { fold } from '@rhythm/event-sourcing';

/**
 * given(events).when(command).then(events) — or .thenThrows(ErrorClass, message?).
 *
 *   const spec = DeciderSpecification.for(squadDecider);
 *   spec.given([squadFormed]).when(moveSquad).then([squadMoved]);
 */
export const DeciderSpecification = {
  for: <Command, State, E extends Event>(decider: Decider<Command, State, E>) => ({
    given: (events: readonly E[]) => ({
      when: (command: Command) => {
        const run = () => decider.decide(command, fold(decider, events));
        return {
          then: (expected: readonly E[]) => {
            expect(run()).toEqual(expected);
          },
          thenNothingHappens: () => {
            expect(run()).toEqual([]);
          },
          thenThrows: (
            errorClass: new (...args: never[]) => Error,
            match?: string | RegExp | ((error: Error) => void),
          ) => {
            let thrown: unknown;
            try {
              run();
            } catch (error) {
              thrown = error;
            }
            expect(thrown).toBeInstanceOf(errorClass);
            if (typeof match === 'function') match(thrown as Error);
            else if (match !== undefined) expect((thrown as Error).message).toMatch(match);
          },
        };
      },
    }),
  }),
};
