import { z } from 'zod';
import { defineIntegrationEvent } from '../registry/integration-event-definition';
import { change, day, entityId, reason, scoringRule } from './goals-contract-fields';

export const cyclePlannedV1 = defineIntegrationEvent({
  type: 'goals.cycle-planned',
  version: 1,
  description:
    'A cycle (e.g. a quarter) was planned, with its days and the rule its objectives will be ' +
    'scored by. Lifecycle: planning → active → review → closed.',
  schema: z.object({
    cycleId: entityId,
    name: z.string().min(1).max(120),
    startsOn: day,
    endsOn: day,
    scoringRule,
  }),
});

export const cycleRescheduledV1 = defineIntegrationEvent({
  type: 'goals.cycle-rescheduled',
  version: 1,
  description: 'The days of a planned or running cycle moved.',
  schema: z.object({ cycleId: entityId, startsOn: change(day), endsOn: change(day), reason }),
});

export const cycleScoringRuleChangedV1 = defineIntegrationEvent({
  type: 'goals.cycle-scoring-rule-changed',
  version: 1,
  description: 'The rule the cycle will be scored by changed (possible until it closes).',
  schema: z.object({ cycleId: entityId, scoringRule: change(scoringRule), reason }),
});

export const cycleActivatedV1 = defineIntegrationEvent({
  type: 'goals.cycle-activated',
  version: 1,
  description: 'The cycle started: planning → active. Check-ins may now be expected.',
  schema: z.object({ cycleId: entityId }),
});

export const cycleReviewStartedV1 = defineIntegrationEvent({
  type: 'goals.cycle-review-started',
  version: 1,
  description: 'The end-of-cycle review started: active → review.',
  schema: z.object({ cycleId: entityId }),
});

export const cycleReopenedV1 = defineIntegrationEvent({
  type: 'goals.cycle-reopened',
  version: 1,
  description: 'The cycle went back from review to active, with a reason.',
  schema: z.object({ cycleId: entityId, reason: z.string().min(1).max(1000) }),
});

export const cycleClosedV1 = defineIntegrationEvent({
  type: 'goals.cycle-closed',
  version: 1,
  description:
    'The cycle closed for good, under this scoring rule. A goals.objective-scored event follows ' +
    'for each of its active objectives.',
  schema: z.object({ cycleId: entityId, scoringRule }),
});
