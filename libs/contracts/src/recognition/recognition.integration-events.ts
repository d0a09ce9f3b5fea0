import { z } from 'zod';
import { defineIntegrationEvent } from '../registry/integration-event-definition';

/** Ids are org's and goals' (UUIDs or the org's ids) and recognition's own (kudos, stories). */
const entityId = z.string().min(1).max(200);
/** A moment in UTC, as the recognition context stores it. */
const instant = z.iso.datetime({ offset: false });
const unit = z.object({ kind: z.enum(['tribe', 'squad', 'chapter', 'guild']), id: entityId });
/** What a kudos or a story is about: an objective, or one of its key results, check-ins or blockers. */
const goalReference = z.object({
  kind: z.enum(['objective', 'key-result', 'check-in', 'blocker']),
  objectiveId: entityId,
  keyResultId: entityId.optional(),
  checkInId: entityId.optional(),
  blockerId: entityId.optional(),
});

export const kudosGivenV1 = defineIntegrationEvent({
  type: 'recognition.kudos-given',
  version: 1,
  description:
    'A person thanked people and/or one unit, with the organisation’s values, maybe tied to a ' +
    'goal. Only ids and counts: the message stays inside the recognition context (it is what one ' +
    'colleague wrote to another). A private kudos (audience private) is for the giver, the ' +
    'receivers and their leads: consumers show it to no one else. Keyed by the kudos stream.',
  schema: z.object({
    kudosId: entityId,
    giverId: entityId,
    receiverIds: z.array(entityId).max(50),
    unit: unit.optional(),
    values: z.array(z.string().min(1).max(60)).max(10),
    about: goalReference.optional(),
    audience: z.enum(['public', 'private']),
    givenAt: instant,
  }),
});

export const kudosWithdrawnV1 = defineIntegrationEvent({
  type: 'recognition.kudos-withdrawn',
  version: 1,
  description:
    'The giver took a kudos back: consumers leave it out from then on (walls, counts, the flow).',
  schema: z.object({ kudosId: entityId, withdrawnBy: entityId, withdrawnAt: instant }),
});

export const achievementCelebratedV1 = defineIntegrationEvent({
  type: 'recognition.achievement-celebrated',
  version: 1,
  description:
    'An achievement from the goals or checkins topic was celebrated, once per achievementKey ' +
    '(a key result reaching its target once per cycle, an objective achieved or scored a ' +
    'success, a blocker resolved, a check-in streak milestone): on which walls, as the ' +
    'directory knew the goal that day. A private objective’s celebration is for those who may ' +
    'see the objective (docs/security.md). Texts are not published: readers render them.',
  schema: z.object({
    achievementKey: z.string().min(1).max(600),
    kind: z.enum([
      'key-result-achieved',
      'objective-achieved',
      'objective-scored',
      'blocker-resolved',
      'streak-milestone',
    ]),
    cycleId: entityId.optional(),
    objectiveId: entityId.optional(),
    keyResultId: entityId.optional(),
    blockerId: entityId.optional(),
    personId: entityId.optional(),
    weeks: z.number().int().min(1).max(520).optional(),
    walls: z.array(unit).max(20),
    visibility: z.enum(['public', 'private']),
    celebratedAt: instant,
  }),
});

export const storyPublishedV1 = defineIntegrationEvent({
  type: 'recognition.story-published',
  version: 1,
  description:
    'A success story, or the lessons learned an objective left at cycle close, was published on ' +
    'its unit’s wall (or the organisation’s feed for a company objective). Ids only: the text is ' +
    'read from the recognition API. Keyed by the story stream.',
  schema: z.object({
    storyId: entityId,
    kind: z.enum(['success', 'lessons-learned']),
    about: goalReference,
    unit: unit.optional(),
    authorId: entityId,
    publishedBy: entityId,
    helperIds: z.array(entityId).max(50),
    helperUnits: z.array(unit).max(20),
    publishedAt: instant,
  }),
});

export const storyWithdrawnV1 = defineIntegrationEvent({
  type: 'recognition.story-withdrawn',
  version: 1,
  description:
    'A published story left the walls (its author or the unit’s lead withdrew it, with a reason ' +
    'kept inside the context).',
  schema: z.object({ storyId: entityId, withdrawnBy: entityId, withdrawnAt: instant }),
});
