import { z } from 'zod';
import { defineIntegrationEvent } from '../registry/integration-event-definition';

/** Ids are goals' and org's (UUIDs or the org's ids), as in the goals contract. */
const entityId = z.string().min(1).max(200);
/** How sure the person was of reaching the target: a whole number 0–10. */
const confidence = z.number().int().min(0).max(10);
/** The confidence as the organisation's thresholds read it the day of the check-in. */
const band = z.enum(['on-track', 'at-risk', 'off-track']);
/** A moment in UTC, as the checkins context stores it. */
const instant = z.iso.datetime({ offset: false });
const change = <T extends z.ZodType>(value: T) => z.object({ before: value, after: value });

export const checkInRecordedV1 = defineIntegrationEvent({
  type: 'checkins.check-in-recorded',
  version: 1,
  description:
    "A check-in on a key result: its new current value and the author's confidence. Keyed by " +
    "the key result's check-in stream, so one key result's check-ins arrive in order; goals " +
    "takes value as the key result's current value (checkInId names the check-in). The note " +
    'and linked blockers stay inside the checkins context.',
  schema: z.object({
    objectiveId: entityId,
    keyResultId: entityId,
    checkInId: entityId,
    /** The person who checked in: the key result's owner, a contributor or the objective's lead. */
    authorId: entityId,
    value: z.number(),
    confidence,
    band,
    recordedAt: instant,
  }),
});

export const checkInCorrectedV1 = defineIntegrationEvent({
  type: 'checkins.check-in-corrected',
  version: 1,
  description:
    'The author corrected a check-in, with a reason: its value and confidence before and after. ' +
    "latest is true when it was the key result's most recent check-in: only then is value.after " +
    "the key result's current value (goals takes it); an older check-in's correction changes " +
    'the history only.',
  schema: z.object({
    objectiveId: entityId,
    keyResultId: entityId,
    checkInId: entityId,
    /** Only the author corrects a check-in. */
    authorId: entityId,
    value: change(z.number()),
    confidence: change(confidence),
    band: change(band),
    reason: z.string().min(1).max(1000),
    latest: z.boolean(),
    correctedAt: instant,
  }),
});
