import { z } from 'zod';
import { defineIntegrationEvent } from '../registry/integration-event-definition';
import { entityId, longText, timestamp, unitName } from './org-contract-fields';

export const squadFormedV1 = defineIntegrationEvent({
  type: 'org.squad-formed',
  version: 1,
  description: 'A squad was formed inside a tribe.',
  schema: z.object({
    squadId: entityId,
    tribeId: entityId,
    name: unitName,
    mission: longText,
    formedAt: timestamp,
  }),
});

export const squadRenamedV1 = defineIntegrationEvent({
  type: 'org.squad-renamed',
  version: 1,
  description: 'A squad took a new name.',
  schema: z.object({ squadId: entityId, name: unitName, previousName: unitName }),
});

export const productOwnerAppointedV1 = defineIntegrationEvent({
  type: 'org.product-owner-appointed',
  version: 1,
  description:
    "A person became the squad's product owner, replacing previousProductOwnerId if set.",
  schema: z.object({
    squadId: entityId,
    personId: entityId,
    previousProductOwnerId: entityId.nullable(),
  }),
});

export const squadMovedV1 = defineIntegrationEvent({
  type: 'org.squad-moved',
  version: 1,
  description:
    'A squad moved to another tribe. It belongs to toTribeId from effectiveAt on, which may lie ' +
    'before occurredAt (a move recorded late): credit goals owned after effectiveAt to toTribeId.',
  schema: z.object({
    squadId: entityId,
    fromTribeId: entityId,
    toTribeId: entityId,
    effectiveAt: timestamp,
  }),
});

export const squadDissolvedV1 = defineIntegrationEvent({
  type: 'org.squad-dissolved',
  version: 1,
  description:
    'A squad was dissolved. Every membership of the squad and its product owner role end at ' +
    'this moment; no per-person event follows.',
  schema: z.object({ squadId: entityId, reason: longText }),
});
