import type { Event, EventStore } from '@rhythm/event-sourcing';
import { appendAsWritten } from '@rhythm/testing';
import { linearRule, type CycleEvent, type ObjectiveEvent, type Owner } from '../../goals-domain';

/**
 * Events of a cycle's history written straight into the event store, each at a time the test
 * chooses, as one organisation's commands would have written them: what the time-travel tests
 * (snapshots, the taker) fold and compare.
 */
export const cycleHistory = (store: EventStore, tenantId: string) => ({
  /** Appends one event to the stream, as having occurred at `at` (milliseconds). */
  append: (streamId: string, event: Event, at: number) =>
    appendAsWritten(store, tenantId, streamId, event, { actor: 'ann', at: new Date(at) }),
});

export const cyclePlanned = (cycleId: string): CycleEvent => ({
  type: 'CyclePlanned',
  data: {
    cycleId,
    name: cycleId,
    startsOn: '2026-03-01',
    endsOn: '2026-05-31',
    scoringRule: linearRule,
  },
});

export const objectiveDefined = (
  objectiveId: string,
  cycleId: string,
  shown: Partial<{ title: string; owner: Owner; visibility: 'public' | 'private' }> = {},
): ObjectiveEvent => ({
  type: 'ObjectiveDefined',
  data: {
    objectiveId,
    cycleId,
    title: shown.title ?? `An objective of ${cycleId}`,
    description: '',
    owner: shown.owner ?? { kind: 'squad', id: 'support' },
    kind: 'committed',
    visibility: shown.visibility ?? 'public',
  },
});

/** The key result `kr`: tickets solved, 0 → 100. */
export const ticketsSolved = (objectiveId: string, weight = 1): ObjectiveEvent => ({
  type: 'KeyResultAdded',
  data: {
    objectiveId,
    keyResultId: 'kr',
    title: 'Tickets solved',
    metric: { type: 'number', unit: '', start: 0, target: 100, direction: 'increase' },
    owner: 'ann',
    weight,
  },
});
