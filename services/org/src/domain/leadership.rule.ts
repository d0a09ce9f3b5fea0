import { RuleViolated } from '@rhythm/event-sourcing';
import type { PersonStanding } from './org-facts';

/** Tribe leads, product owners, chapter leads and guild coordinators: people still in the organisation. */
export const assertMayLead = (personId: string, standing: PersonStanding, role: string): void => {
  if (standing === 'in-organisation') return;
  throw new RuleViolated(
    standing === 'left'
      ? `Person ${personId} has left the organisation and cannot be ${role}`
      : `Person ${personId} is not a person of this organisation and cannot be ${role}`,
    { personId: standing === 'left' ? 'has left the organisation' : 'unknown person' },
  );
};
