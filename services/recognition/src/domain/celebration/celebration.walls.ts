import type { GoalOwner, Unit } from '../directory-facts';

/**
 * The walls a celebration goes to, from who owned the goal that day (ADR 0042): the owning
 * unit's and its tribe's (a squad's or chapter's success is the tribe's too); a guild's to the
 * guild; a person's to their squad and its tribe; the company's to no unit. Every public
 * celebration is in the organisation's feed besides.
 */
export const wallsOf = (owner: GoalOwner): readonly Unit[] => {
  switch (owner.kind) {
    case 'company':
      return [];
    case 'unit': {
      const { unit, tribeId } = owner;
      if ((unit.kind === 'squad' || unit.kind === 'chapter') && tribeId !== undefined) {
        return [unit, { kind: 'tribe', id: tribeId }];
      }
      return [unit];
    }
    case 'person': {
      if (owner.squad === undefined) return [];
      const squad: Unit = { kind: 'squad', id: owner.squad.id };
      return owner.squad.tribeId === undefined
        ? [squad]
        : [squad, { kind: 'tribe', id: owner.squad.tribeId }];
    }
  }
};
