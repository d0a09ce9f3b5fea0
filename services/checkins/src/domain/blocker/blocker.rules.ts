import { Forbidden, NotFound, RuleViolated } from '@rhythm/event-sourcing';
import type { Actor } from '../actor';
import type { Unit } from '../goal-facts';
import type { Blocker, BlockerState } from './blocker.state';

/**
 * A blocker on a goal the caller may not see answers as an unknown blocker, to every command
 * (docs/security.md): `visible` is the application's visibility rule, applied to its objective.
 */
export const existingBlocker = (
  state: BlockerState,
  blockerId: string,
  visible: boolean,
): Blocker => {
  if (state.status === 'none' || !visible) throw new NotFound(`Blocker ${blockerId} not found`);
  return state;
};

export const assertOwner = (actor: Actor, blocker: Blocker, doing: string): void => {
  if (blocker.ownerIds.includes(actor.personId)) return;
  throw new Forbidden(`Only the lead blocker ${blocker.blockerId} is routed to can ${doing}`);
};

export const assertOpen = (blocker: Blocker, doing: string): void => {
  if (blocker.status === 'open') return;
  throw new RuleViolated(`Cannot ${doing}: blocker ${blocker.blockerId} is resolved`, {
    blocker: 'resolved',
  });
};

/**
 * Where a blocker goes when its unit's lead does not clear it (ADR 0036): a squad's or chapter's
 * to the lead of their tribe, a guild's to all its coordinators; a tribe's has nowhere to go.
 */
export const escalationOf = (unit: Unit): 'tribe' | 'guild' | undefined => {
  switch (unit.kind) {
    case 'squad':
    case 'chapter':
      return 'tribe';
    case 'guild':
      return 'guild';
    case 'tribe':
      return undefined;
  }
};
