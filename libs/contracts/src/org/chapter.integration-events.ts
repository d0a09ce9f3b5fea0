import { z } from 'zod';
import { defineIntegrationEvent } from '../registry/integration-event-definition';
import { entityId, longText, unitName } from './org-contract-fields';

export const chapterFormedV1 = defineIntegrationEvent({
  type: 'org.chapter-formed',
  version: 1,
  description: 'A chapter (people of one craft across the squads of a tribe) was formed.',
  schema: z.object({
    chapterId: entityId,
    tribeId: entityId,
    name: unitName,
    craft: z.string().min(1).max(60),
  }),
});

export const chapterRenamedV1 = defineIntegrationEvent({
  type: 'org.chapter-renamed',
  version: 1,
  description: 'A chapter took a new name.',
  schema: z.object({ chapterId: entityId, name: unitName, previousName: unitName }),
});

export const chapterLeadAppointedV1 = defineIntegrationEvent({
  type: 'org.chapter-lead-appointed',
  version: 1,
  description: 'A person became the chapter lead, replacing previousLeadId if set.',
  schema: z.object({
    chapterId: entityId,
    personId: entityId,
    previousLeadId: entityId.nullable(),
  }),
});

export const chapterDissolvedV1 = defineIntegrationEvent({
  type: 'org.chapter-dissolved',
  version: 1,
  description:
    'A chapter was dissolved. Every membership of the chapter and its lead role end at this ' +
    'moment; no per-person event follows.',
  schema: z.object({ chapterId: entityId, reason: longText }),
});
