import type { Provider } from '@nestjs/common';
import { PERSON_REGISTRY, type PersonRegistry } from '@rhythm/identity';
import { OrgFactsReader } from '../org-facts.reader';

/**
 * Who may act here: the people of the organisation, joined and not left (docs/adr/0032). The auth
 * guard asks it after the token verifies. Answered from the person's own stream, as every command
 * reads its facts (ADR 0010): a person registered a moment ago may act at once, and one who left
 * is refused at once, whatever the read model's lag or parked events.
 */
export const orgPersonRegistry: Provider = {
  provide: PERSON_REGISTRY,
  useFactory: (facts: OrgFactsReader): PersonRegistry => ({
    isPerson: async (tenantId, personId) =>
      (await facts.person(tenantId, personId)) === 'in-organisation',
  }),
  inject: [OrgFactsReader],
};
