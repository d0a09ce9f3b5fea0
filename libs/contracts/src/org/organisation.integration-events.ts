import { z } from 'zod';
import { defineIntegrationEvent } from '../registry/integration-event-definition';
import { entityId, unitName } from './org-contract-fields';

export const organisationEstablishedV1 = defineIntegrationEvent({
  type: 'org.organisation-established',
  version: 1,
  description: 'An organisation (a tenant) was established. Its id is the tenant id.',
  schema: z.object({ organisationId: entityId, name: unitName }),
});

export const organisationRenamedV1 = defineIntegrationEvent({
  type: 'org.organisation-renamed',
  version: 1,
  description: 'The organisation took a new name.',
  schema: z.object({ organisationId: entityId, name: unitName, previousName: unitName }),
});
