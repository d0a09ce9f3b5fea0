import { erasedPersonalText, erasedPersonName } from '@rhythm/contracts';
import { personalDataPolicy } from '@rhythm/personal-data';
import type { OrgEvent } from '../org-domain';

const ofThePerson = { subject: 'personId', fields: [] } as const;

/**
 * The org context's personal data (ADR 0034): a person's name and e-mail, their reason for leaving,
 * and the reason recorded with any change to them, sealed under their own key. Units' names,
 * missions and reasons describe units, not people; ids are pseudonyms that stay.
 */
export const orgPersonalData = personalDataPolicy<OrgEvent>({
  events: {
    PersonJoinedOrganisation: { subject: 'personId', fields: ['name', 'email'] },
    PersonProfileUpdated: { subject: 'personId', fields: ['name', 'email'] },
    PersonLeftOrganisation: { subject: 'personId', fields: ['reason'] },
    PersonJoinedSquad: ofThePerson,
    PersonMovedToSquad: ofThePerson,
    PersonLeftSquad: ofThePerson,
    PersonJoinedChapter: ofThePerson,
    PersonLeftChapter: ofThePerson,
    PersonJoinedGuild: ofThePerson,
    PersonLeftGuild: ofThePerson,
  },
  erasures: { PersonErased: { subject: 'personId' } },
  erased: { name: erasedPersonName, email: '' },
  erasedText: erasedPersonalText,
});
