import { NotFound, RuleViolated } from '@rhythm/event-sourcing';
import type { PersonStanding } from './org-facts';

/**
 * Tribe leads, product owners, chapter leads and guild coordinators: people still in the
 * organisation. An unknown person is not found (404, like the goals service's unknown owner);
 * one who left breaks the rule (409).
 */
export const assertMayLead = (personId: string, standing: PersonStanding, role: string): void => {
  if (standing === 'in-organisation') return;
  if (standing === 'left') {
    throw new RuleViolated(`Person ${personId} has left the organisation and cannot be ${role}`, {
      personId: 'has left the organisation',
    });
  }
  throw new NotFound(`Person ${personId} is not a person of this organisation`, {
    personId: 'unknown person',
  });
};
