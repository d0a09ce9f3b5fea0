import { z } from 'zod';
import { defineIntegrationEvent } from '../registry/integration-event-definition';
import { entityId, longText, unitName } from './org-contract-fields';

export const guildFormedV1 = defineIntegrationEvent({
  type: 'org.guild-formed',
  version: 1,
  description: 'A guild (a community of interest across tribes) was formed.',
  schema: z.object({ guildId: entityId, name: unitName, interest: longText }),
});

export const guildRenamedV1 = defineIntegrationEvent({
  type: 'org.guild-renamed',
  version: 1,
  description: 'A guild took a new name.',
  schema: z.object({ guildId: entityId, name: unitName, previousName: unitName }),
});

export const guildCoordinatorAddedV1 = defineIntegrationEvent({
  type: 'org.guild-coordinator-added',
  version: 1,
  description: 'A person became one of the guild coordinators.',
  schema: z.object({ guildId: entityId, personId: entityId }),
});

export const guildCoordinatorRemovedV1 = defineIntegrationEvent({
  type: 'org.guild-coordinator-removed',
  version: 1,
  description: 'A person stopped coordinating the guild.',
  schema: z.object({ guildId: entityId, personId: entityId }),
});

export const guildDissolvedV1 = defineIntegrationEvent({
  type: 'org.guild-dissolved',
  version: 1,
  description:
    'A guild was dissolved. Every membership and coordinator role of the guild end at this ' +
    'moment; no per-person event follows.',
  schema: z.object({ guildId: entityId, reason: longText }),
});
