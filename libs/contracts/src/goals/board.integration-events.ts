import { z } from 'zod';
import { defineIntegrationEvent } from '../registry/integration-event-definition';
import { entityId, title, unit } from './goals-contract-fields';

export const boardCreatedV1 = defineIntegrationEvent({
  type: 'goals.board-created',
  version: 1,
  description:
    "A lead (or an admin) made a TV board: a read-only view of a unit's or the company's public " +
    'OKRs of one cycle, opened by a signed link without signing in. The link itself is never ' +
    'published.',
  schema: z.object({
    boardId: entityId,
    scope: unit,
    cycleId: entityId,
    title,
  }),
});

export const boardRevokedV1 = defineIntegrationEvent({
  type: 'goals.board-revoked',
  version: 1,
  description:
    'The board was revoked: its link answers 404 from now on; screens showing it should stop.',
  schema: z.object({ boardId: entityId }),
});
