import type { Owner, Unit } from './owner';
import { sameOwner } from './owner';

/**
 * The person behind a command, with what the org read model knows about them at that moment.
 * Automatic work (the check-in relay, the cycle-close process) acts as `system:<component>`
 * with `isAdmin: true`.
 */
export type Actor = Readonly<{
  personId: string;
  /** Organisation admin or OKR champion. */
  isAdmin: boolean;
  /**
   * Units this person leads today: tribes they lead, squads they are product owner of, chapters
   * they lead, guilds they coordinate; executives lead the company.
   */
  leads: readonly Unit[];
}>;

/** Leads the unit, or is the person, that owns a goal. */
export const leadsOwner = (actor: Actor, owner: Owner): boolean =>
  owner.kind === 'person'
    ? owner.id === actor.personId
    : actor.leads.some((unit) => sameOwner(unit, owner));

/** May set and change the goals of this owner: its lead (or the person), or an admin. */
export const mayManage = (actor: Actor, owner: Owner): boolean =>
  actor.isAdmin || leadsOwner(actor, owner);
