import { z } from 'zod';

/** Field types shared by the goals integration events. */
export const entityId = z.string().min(1).max(200);
export const title = z.string().min(1).max(200);
export const longText = z.string().max(4000);
/** A calendar day, YYYY-MM-DD: cycles run from start to end inclusive. */
export const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');
/** Why, where the change gave one; null when it did not. */
export const reason = z.string().max(1000).nullable();

export const ownerKind = z.enum(['company', 'tribe', 'squad', 'chapter', 'guild', 'person']);
/** The owner of an objective; for the company the id is the organisation's (tenant) id. */
export const owner = z.object({ kind: ownerKind, id: entityId });
/** What proposals are made for: an owner that has a lead. */
export const unit = z.object({
  kind: z.enum(['company', 'tribe', 'squad', 'chapter', 'guild']),
  id: entityId,
});

export const objectiveKind = z.enum(['committed', 'aspirational']);
/** Private objectives are for their owners and leads: consumers must not show them to others. */
export const visibility = z.enum(['public', 'private']);

/** How a key result is measured; progress = (current - start) / (target - start). */
export const metric = z.object({
  type: z.enum(['number', 'percentage', 'currency', 'milestone']),
  unit: z.string().max(20),
  start: z.number(),
  target: z.number(),
  direction: z.enum(['increase', 'decrease']),
});

export const scoringRule = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('linear') }),
  z.object({
    kind: z.literal('zones'),
    zones: z.array(z.object({ name: z.string().min(1), from: z.number(), score: z.number() })),
  }),
]);

export const keyResultDraft = z.object({
  title,
  metric,
  /** The person accountable. */
  owner: entityId,
  weight: z.number().positive(),
});

export const objectiveDraft = z.object({
  title,
  description: longText,
  kind: objectiveKind,
  visibility,
  keyResults: z.array(keyResultDraft).max(5),
});

export const change = <T extends z.ZodType>(value: T) => z.object({ before: value, after: value });
