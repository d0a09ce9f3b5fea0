import { Forbidden, NotFound, RuleViolated } from '@rhythm/event-sourcing';
import type { Actor } from '../actor';
import type { Ambition, Ambitions } from './ambition.state';

/**
 * Ambitions are personal: only the person edits their own — not their lead, not an admin. Weighed
 * before any ambition is looked up, so that another's ambitions are not even known to exist.
 */
export const assertOwnAmbitions = (actor: Actor, personId: string): void => {
  if (actor.personId === personId) return;
  throw new Forbidden('Only the person themselves can record and change their ambitions');
};

export const existingAmbition = (state: Ambitions, ambitionId: string): Ambition => {
  const ambition = state.ambitions.find((a) => a.ambitionId === ambitionId);
  if (ambition === undefined) throw new NotFound(`Ambition ${ambitionId} not found`);
  return ambition;
};

export const openAmbition = (state: Ambitions, ambitionId: string, doing: string): Ambition => {
  const ambition = existingAmbition(state, ambitionId);
  if (ambition.status !== 'open') {
    throw new RuleViolated(`Cannot ${doing}: the ambition is ${ambition.status}`, {
      ambition: ambition.status,
    });
  }
  return ambition;
};
