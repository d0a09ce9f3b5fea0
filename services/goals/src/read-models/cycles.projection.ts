import { assertNever, type RecordedEvent } from '@rhythm/event-sourcing';
import { defineProjection } from '@rhythm/projections';
import type { CycleEvent, CycleStatus, ScoringRule } from '@rhythm/goals-domain';

/** A cycle as it is now. */
export type CycleDocument = {
  _id: string;
  tenantId: string;
  cycleId: string;
  name: string;
  startsOn: string;
  endsOn: string;
  status: CycleStatus;
  scoringRule: ScoringRule;
  reopenings: number;
  plannedAt: string;
  closedAt?: string;
  updatedAt: string;
};

export const cyclesEventTypes = [
  'CyclePlanned',
  'CycleRescheduled',
  'CycleScoringRuleChanged',
  'CycleActivated',
  'CycleReviewStarted',
  'CycleReopened',
  'CycleClosed',
] as const satisfies readonly CycleEvent['type'][];

/** One document per cycle, written by the cycle's stream only: 'stream' guards by revision. */
export const cyclesProjection = defineProjection({
  name: 'goals_cycles',
  // 2: documents keyed by tenant and id (ADR 0025).
  version: 2,
  handles: cyclesEventTypes,
  streamPrefixes: ['cycle-'],
  collections: [
    {
      name: 'goals_cycles',
      guard: 'stream',
      indexes: [{ keys: { tenantId: 1, startsOn: -1 }, serves: 'cycles, newest first' }],
    },
  ],
  apply: (event: RecordedEvent<CycleEvent>, context) => {
    const at = event.metadata.occurredAt;
    const id = event.data.cycleId;
    const set = (fields: Record<string, unknown>) =>
      context.update('goals_cycles', id, { $set: { ...fields, updatedAt: at } });
    switch (event.type) {
      case 'CyclePlanned':
        return context.upsert('goals_cycles', id, {
          $set: { ...event.data, status: 'planning', reopenings: 0, plannedAt: at, updatedAt: at },
        });
      case 'CycleRescheduled':
        return set({ startsOn: event.data.startsOn.after, endsOn: event.data.endsOn.after });
      case 'CycleScoringRuleChanged':
        return set({ scoringRule: event.data.scoringRule.after });
      case 'CycleActivated':
        return set({ status: 'active' });
      case 'CycleReviewStarted':
        return set({ status: 'review' });
      case 'CycleReopened':
        return context.update('goals_cycles', id, {
          $set: { status: 'active', updatedAt: at },
          // Guarded like every write: a replay does not count twice.
          $inc: { reopenings: 1 },
        });
      case 'CycleClosed':
        return set({ status: 'closed', scoringRule: event.data.scoringRule, closedAt: at });
      default:
        return assertNever(event);
    }
  },
});
