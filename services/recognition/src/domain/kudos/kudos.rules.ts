import { Forbidden, NotFound, RuleViolated } from '@rhythm/event-sourcing';
import type { Actor } from '../actor';
import { isSystem } from '../actor';
import type { Kudos, KudosState } from './kudos.state';

/**
 * A kudos the caller may not see (a private one not theirs, one tied to an objective out of
 * their sight) answers as an unknown kudos, to every command: `visible` is the application's
 * rule (ADR 0042).
 */
export const existingKudos = (state: KudosState, kudosId: string, visible: boolean): Kudos => {
  if (state.status === 'none' || !visible) throw new NotFound(`Kudos ${kudosId} not found`);
  return state;
};

/** Thanks, reactions and comments are a person's words: automatic work has none to give. */
export const assertPerson = (actor: Actor, doing: string): void => {
  if (!isSystem(actor)) return;
  throw new Forbidden(`Only a person can ${doing}`);
};

export const assertGiven = (kudos: Kudos, doing: string): void => {
  if (kudos.status === 'given') return;
  throw new RuleViolated(`Cannot ${doing}: kudos ${kudos.kudosId} is withdrawn`, {
    kudos: 'withdrawn',
  });
};
