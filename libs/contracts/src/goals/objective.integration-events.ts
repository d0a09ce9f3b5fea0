import { z } from 'zod';
import { defineIntegrationEvent } from '../registry/integration-event-definition';
import {
  change,
  entityId,
  longText,
  metric,
  objectiveKind,
  owner,
  reason,
  scoringRule,
  title,
  visibility,
} from './goals-contract-fields';

export const objectiveCreatedV1 = defineIntegrationEvent({
  type: 'goals.objective-created',
  version: 1,
  description:
    'An objective was set, as a draft (key results follow, then goals.objective-activated). ' +
    'fromProposalId / fromTemplateId say what gave rise to it. A private objective is for its ' +
    'owner and leads only: consumers must not show it to anyone else.',
  schema: z.object({
    objectiveId: entityId,
    cycleId: entityId,
    title,
    description: longText,
    owner,
    kind: objectiveKind,
    visibility,
    fromProposalId: entityId.nullable(),
    fromTemplateId: entityId.nullable(),
  }),
});

export const keyResultAddedV1 = defineIntegrationEvent({
  type: 'goals.key-result-added',
  version: 1,
  description: 'A key result was added to an objective (one to five per objective).',
  schema: z.object({
    objectiveId: entityId,
    keyResultId: entityId,
    title,
    metric,
    /** The person accountable. */
    owner: entityId,
    weight: z.number().positive(),
    fromProposalId: entityId.nullable(),
    reason,
  }),
});

export const objectiveActivatedV1 = defineIntegrationEvent({
  type: 'goals.objective-activated',
  version: 1,
  description: 'The objective is set (1–5 key results): progress may be recorded from now on.',
  schema: z.object({ objectiveId: entityId }),
});

export const objectiveAdjustedV1 = defineIntegrationEvent({
  type: 'goals.objective-adjusted',
  version: 1,
  description:
    'The objective itself changed mid-cycle: its text (title and description), its owner or its ' +
    'visibility, with the values before and after and the reason when one was given.',
  schema: z.discriminatedUnion('field', [
    z.object({
      objectiveId: entityId,
      field: z.literal('text'),
      title: change(title),
      description: change(longText),
      reason,
    }),
    z.object({ objectiveId: entityId, field: z.literal('owner'), owner: change(owner), reason }),
    z.object({
      objectiveId: entityId,
      field: z.literal('visibility'),
      visibility: change(visibility),
      reason,
    }),
  ]),
});

export const keyResultAdjustedV1 = defineIntegrationEvent({
  type: 'goals.key-result-adjusted',
  version: 1,
  description:
    'A key result changed mid-cycle: its title, target, owner (a person) or weight, before and ' +
    'after, with the reason. lowersAmbition is true when a new target asks for less (taking the ' +
    'direction into account); such a change on an active objective always has a reason.',
  schema: z.discriminatedUnion('field', [
    z.object({
      objectiveId: entityId,
      keyResultId: entityId,
      field: z.literal('title'),
      before: title,
      after: title,
      reason,
    }),
    z.object({
      objectiveId: entityId,
      keyResultId: entityId,
      field: z.literal('target'),
      before: z.number(),
      after: z.number(),
      lowersAmbition: z.boolean(),
      reason,
    }),
    z.object({
      objectiveId: entityId,
      keyResultId: entityId,
      field: z.literal('owner'),
      before: entityId,
      after: entityId,
      reason,
    }),
    z.object({
      objectiveId: entityId,
      keyResultId: entityId,
      field: z.literal('weight'),
      before: z.number().positive(),
      after: z.number().positive(),
      reason,
    }),
  ]),
});

export const keyResultDroppedV1 = defineIntegrationEvent({
  type: 'goals.key-result-dropped',
  version: 1,
  description: 'A key result was dropped (on an active objective, always with a reason).',
  schema: z.object({ objectiveId: entityId, keyResultId: entityId, title, reason }),
});

export const keyResultProgressedV1 = defineIntegrationEvent({
  type: 'goals.key-result-progressed',
  version: 1,
  description:
    'The current value of a key result changed. checkInId names the check-in that reported it.',
  schema: z.object({
    objectiveId: entityId,
    keyResultId: entityId,
    value: z.number(),
    previousValue: z.number(),
    checkInId: entityId.nullable(),
  }),
});

export const keyResultAchievedV1 = defineIntegrationEvent({
  type: 'goals.key-result-achieved',
  version: 1,
  description: 'A key result reached its target: a moment to celebrate. Once per target.',
  schema: z.object({
    objectiveId: entityId,
    keyResultId: entityId,
    value: z.number(),
    target: z.number(),
  }),
});

export const objectiveAchievedV1 = defineIntegrationEvent({
  type: 'goals.objective-achieved',
  version: 1,
  description: 'Every key result of the objective reached its target.',
  schema: z.object({ objectiveId: entityId }),
});

export const objectiveAlignedV1 = defineIntegrationEvent({
  type: 'goals.objective-aligned',
  version: 1,
  description:
    'The objective contributes to a parent objective (any unit, same cycle; never a loop). ' +
    'Progress rolls up through this link.',
  schema: z.object({ objectiveId: entityId, parentObjectiveId: entityId }),
});

export const objectiveUnalignedV1 = defineIntegrationEvent({
  type: 'goals.objective-unaligned',
  version: 1,
  description: 'The objective no longer contributes to the parent objective.',
  schema: z.object({ objectiveId: entityId, parentObjectiveId: entityId, reason }),
});

export const objectiveFollowedV1 = defineIntegrationEvent({
  type: 'goals.objective-followed',
  version: 1,
  description: 'A guild follows the objective (and may post insights on it).',
  schema: z.object({ objectiveId: entityId, guildId: entityId }),
});

export const objectiveUnfollowedV1 = defineIntegrationEvent({
  type: 'goals.objective-unfollowed',
  version: 1,
  description: 'A guild stopped following the objective.',
  schema: z.object({ objectiveId: entityId, guildId: entityId }),
});

export const contributorAddedV1 = defineIntegrationEvent({
  type: 'goals.contributor-added',
  version: 1,
  description: 'A person contributes to the objective (e.g. a chapter member aligning their work).',
  schema: z.object({ objectiveId: entityId, personId: entityId }),
});

export const contributorRemovedV1 = defineIntegrationEvent({
  type: 'goals.contributor-removed',
  version: 1,
  description: 'A person no longer contributes to the objective.',
  schema: z.object({ objectiveId: entityId, personId: entityId }),
});

export const reviewNoteRecordedV1 = defineIntegrationEvent({
  type: 'goals.review-note-recorded',
  version: 1,
  description: 'A mid-cycle or end-of-cycle review note on the objective.',
  schema: z.object({
    objectiveId: entityId,
    noteId: entityId,
    stage: z.enum(['mid-cycle', 'end-of-cycle']),
    author: entityId,
    text: longText,
  }),
});

export const keyResultScoreOverriddenV1 = defineIntegrationEvent({
  type: 'goals.key-result-score-overridden',
  version: 1,
  description:
    'A person set the score of a key result (0.0–1.0) instead of the computed one, with a reason. ' +
    'before is null when the computed score applied.',
  schema: z.object({
    objectiveId: entityId,
    keyResultId: entityId,
    score: z.object({ before: z.number().nullable(), after: z.number().min(0).max(1) }),
    reason: z.string().min(1).max(1000),
  }),
});

export const objectiveScoredV1 = defineIntegrationEvent({
  type: 'goals.objective-scored',
  version: 1,
  description:
    "The objective's final score at cycle close under the cycle's rule: each key result's " +
    'progress, computed score and the score that counts (an override wins), and the weighted ' +
    'mean. success: committed objectives succeed at 1.0, aspirational ones at 0.7.',
  schema: z.object({
    objectiveId: entityId,
    rule: scoringRule,
    keyResults: z.array(
      z.object({
        keyResultId: entityId,
        weight: z.number(),
        progress: z.number(),
        computed: z.number(),
        score: z.number(),
        overridden: z.boolean(),
      }),
    ),
    score: z.number().min(0).max(1),
    grade: z.enum(['red', 'yellow', 'green']),
    success: z.boolean(),
  }),
});

export const retrospectiveRecordedV1 = defineIntegrationEvent({
  type: 'goals.retrospective-recorded',
  version: 1,
  description: 'What was learned from the objective: lessons to share at cycle close.',
  schema: z.object({
    objectiveId: entityId,
    author: entityId,
    wentWell: longText,
    learned: longText,
    doDifferently: longText,
  }),
});

export const objectiveAbandonedV1 = defineIntegrationEvent({
  type: 'goals.objective-abandoned',
  version: 1,
  description: 'The objective was abandoned, with a reason; it is not scored.',
  schema: z.object({ objectiveId: entityId, reason: z.string().min(1).max(1000) }),
});
