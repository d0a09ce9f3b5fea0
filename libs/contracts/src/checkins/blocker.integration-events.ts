import { z } from 'zod';
import { defineIntegrationEvent } from '../registry/integration-event-definition';

/** Ids are goals' and org's (UUIDs or the org's ids), as in the goals contract. */
const entityId = z.string().min(1).max(200);
/** A moment in UTC, as the checkins context stores it. */
const instant = z.iso.datetime({ offset: false });

export const blockerResolvedV1 = defineIntegrationEvent({
  type: 'checkins.blocker-resolved',
  version: 1,
  description:
    'A blocker on an objective or one of its key results was resolved: who raised it, who ' +
    "resolved it and when. Keyed by the blocker's stream, one message per blocker (resolved is " +
    'final). What the blocker was, what it waited on and the resolution note stay inside the ' +
    'checkins context; the recognition context celebrates the resolution.',
  schema: z.object({
    blockerId: entityId,
    objectiveId: entityId,
    /** Absent when the blocker stood in the way of the whole objective. */
    keyResultId: entityId.optional(),
    raisedBy: entityId,
    resolvedBy: entityId,
    resolvedAt: instant,
  }),
});
