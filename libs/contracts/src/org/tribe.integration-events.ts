import { z } from 'zod';
import { defineIntegrationEvent } from '../registry/integration-event-definition';
import { entityId, longText, unitName } from './org-contract-fields';

export const tribeFormedV1 = defineIntegrationEvent({
  type: 'org.tribe-formed',
  version: 1,
  description: 'A tribe (a group of squads working in one domain) was formed.',
  schema: z.object({ tribeId: entityId, name: unitName, mission: longText }),
});

export const tribeRenamedV1 = defineIntegrationEvent({
  type: 'org.tribe-renamed',
  version: 1,
  description: 'A tribe took a new name.',
  schema: z.object({ tribeId: entityId, name: unitName, previousName: unitName }),
});

export const tribeLeadAppointedV1 = defineIntegrationEvent({
  type: 'org.tribe-lead-appointed',
  version: 1,
  description: 'A person became the tribe lead, replacing previousLeadId if set.',
  schema: z.object({ tribeId: entityId, personId: entityId, previousLeadId: entityId.nullable() }),
});

export const tribeDissolvedV1 = defineIntegrationEvent({
  type: 'org.tribe-dissolved',
  version: 1,
  description: 'A tribe without squads or chapters was dissolved.',
  schema: z.object({ tribeId: entityId, reason: longText }),
});
