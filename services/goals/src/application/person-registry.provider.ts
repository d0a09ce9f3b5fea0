import type { Provider } from '@nestjs/common';
import { PERSON_REGISTRY, type PersonRegistry } from '@rhythm/identity';
import { ORG_DIRECTORY, type OrgDirectory } from './org-directory.port';

/**
 * Who may act here: the people of the organisation as the org directory knows them from the org
 * topic, joined and not left (docs/adr/0032). The auth guard asks it after the token verifies.
 */
export const goalsPersonRegistry: Provider = {
  provide: PERSON_REGISTRY,
  useFactory: (directory: OrgDirectory): PersonRegistry => ({
    isPerson: (tenantId, personId) =>
      directory.ownerExists(tenantId, { kind: 'person', id: personId }),
  }),
  inject: [ORG_DIRECTORY],
};
