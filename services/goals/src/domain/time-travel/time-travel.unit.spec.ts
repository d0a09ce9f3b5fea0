import type { RecordedEvent } from '@rhythm/event-sourcing';
import type { KeyResultAdded, ObjectiveDefined } from '../objective/objective.events';
import { cyclePlanned, cycleActivated, cycleId } from '../testing/cycle.fixtures';
import { History } from '../testing/history.fixtures';
import {
  conversionAdded,
  objectiveActivated,
  objectiveDefined,
  objectiveId,
  paymentTimeAdded,
} from '../testing/objective.fixtures';
import type { OkrChange } from './okr-diff';
import { okrDiff, okrDiffOf, segmentRecords, windowRecords, type SegmentRecords } from './okr-diff';
import { rescoreCycle } from '../scoring/rescore.view';
import { googleZonesRule, linearRule } from '../scoring/scoring-rule';
import { findNode, okrTreeAsOf } from './okr-tree';

const squad = `objective-acme.${objectiveId}`;
const tribe = 'objective-acme.payments-growth';
const cycle = `cycle-acme.${cycleId}`;

const tribeDefined: ObjectiveDefined = {
  type: 'ObjectiveDefined',
  data: {
    ...objectiveDefined.data,
    objectiveId: 'payments-growth',
    title: 'Grow payments',
    owner: { kind: 'tribe', id: 'payments' },
  },
};
const tribeRevenue: KeyResultAdded = {
  type: 'KeyResultAdded',
  data: {
    objectiveId: 'payments-growth',
    keyResultId: 'volume',
    title: 'Process €2M a month',
    metric: {
      type: 'currency',
      unit: 'EUR',
      start: 1_000_000,
      target: 2_000_000,
      direction: 'increase',
    },
    owner: 'tom',
    weight: 1,
  },
};

/** A quarter of the payments tribe and the checkout squad, recorded as it happened. */
const quarter = (): History =>
  new History()
    .record(cycle, '2026-01-02T09:00:00.000Z', cyclePlanned, { actor: 'olga' })
    .record(tribe, '2026-01-03T09:00:00.000Z', tribeDefined, { actor: 'tom' })
    .record(tribe, '2026-01-03T09:01:00.000Z', tribeRevenue, { actor: 'tom' })
    .record(
      tribe,
      '2026-01-03T09:02:00.000Z',
      { type: 'ObjectiveActivated', data: { objectiveId: 'payments-growth' } },
      { actor: 'tom' },
    )
    .record(squad, '2026-01-04T10:00:00.000Z', objectiveDefined)
    .record(squad, '2026-01-04T10:01:00.000Z', conversionAdded)
    .record(squad, '2026-01-04T10:02:00.000Z', paymentTimeAdded)
    .record(squad, '2026-01-04T10:03:00.000Z', objectiveActivated)
    .record(cycle, '2026-01-05T08:00:00.000Z', cycleActivated, { actor: 'olga' })
    .record(squad, '2026-01-06T10:00:00.000Z', {
      type: 'ObjectiveAligned',
      data: { objectiveId, parentObjectiveId: 'payments-growth' },
    })
    .record(
      squad,
      '2026-02-02T10:00:00.000Z',
      {
        type: 'KeyResultProgressed',
        data: {
          objectiveId,
          keyResultId: 'conversion',
          value: { before: 60, after: 66 },
          checkInId: 'ci-1',
        },
      },
      { actor: 'system:checkins' },
    )
    .record(
      squad,
      '2026-02-10T10:00:00.000Z',
      {
        type: 'KeyResultTargetAdjusted',
        data: {
          objectiveId,
          keyResultId: 'conversion',
          target: { before: 75, after: 70 },
          lowersAmbition: true,
          reason: 'Payment provider outage in January',
        },
      },
      { reason: 'Payment provider outage in January' },
    )
    .record(squad, '2026-02-15T10:00:00.000Z', {
      type: 'KeyResultOwnerChanged',
      data: { objectiveId, keyResultId: 'payment-time', owner: { before: 'bob', after: 'eve' } },
    })
    .record(
      tribe,
      '2026-02-20T10:00:00.000Z',
      {
        type: 'KeyResultProgressed',
        data: {
          objectiveId: 'payments-growth',
          keyResultId: 'volume',
          value: { before: 1_000_000, after: 1_500_000 },
        },
      },
      { actor: 'tom' },
    )
    .record(
      squad,
      '2026-03-01T10:00:00.000Z',
      {
        type: 'KeyResultProgressed',
        data: { objectiveId, keyResultId: 'conversion', value: { before: 66, after: 70 } },
      },
      { actor: 'bob' },
    )
    .record(
      squad,
      '2026-03-01T10:00:00.000Z',
      {
        type: 'KeyResultAchieved',
        data: { objectiveId, keyResultId: 'conversion', value: 70, target: 70 },
      },
      { actor: 'bob' },
    );

const at = (iso: string) => new Date(iso);

describe('Time travel: the OKR tree as it stood', () => {
  const events = quarter().events;

  it('before the squad set its objective, only the tribe’s existed', () => {
    const tree = okrTreeAsOf(events, cycleId, at('2026-01-03T23:59:59.000Z'));
    expect(tree.cycle.status).toBe('planning');
    expect(tree.objectives.map((node) => node.objective.objectiveId)).toEqual(['payments-growth']);
  });

  it('on 10 January: active, aligned, nothing measured yet', () => {
    const tree = okrTreeAsOf(events, cycleId, at('2026-01-10T00:00:00.000Z'));
    expect(tree.cycle.status).toBe('active');
    expect(findNode(tree, 'payments-growth')?.children).toEqual([objectiveId]);
    expect(findNode(tree, objectiveId)?.objective).toMatchObject({
      status: 'active',
      parents: ['payments-growth'],
    });
    expect(findNode(tree, 'payments-growth')?.progress).toMatchObject({ own: 0, rolledUp: 0 });
  });

  it('on 12 February: the lowered target and the first check-in, rolled up to the tribe', () => {
    const tree = okrTreeAsOf(events, cycleId, at('2026-02-12T00:00:00.000Z'));
    const checkout = findNode(tree, objectiveId);
    expect(checkout?.objective.keyResults[0]).toMatchObject({
      current: 66,
      metric: { target: 70 },
    });
    // conversion (66 - 60) / (70 - 60) = 0.6 with weight 2, payment time 0 with weight 1.
    expect(checkout?.progress.own).toBeCloseTo(0.4, 10);
    // The tribe: its own key result at 0, the squad's objective counted as one more.
    expect(findNode(tree, 'payments-growth')?.progress.rolledUp).toBeCloseTo(0.2, 10);
  });

  it('at the end: the achievement and the tribe’s own progress', () => {
    const tree = okrTreeAsOf(events, cycleId, at('2026-03-31T23:59:59.000Z'));
    expect(findNode(tree, objectiveId)?.objective.keyResults).toMatchObject([
      { keyResultId: 'conversion', current: 70, achieved: true },
      { keyResultId: 'payment-time', owner: 'eve', achieved: false },
    ]);
    expect(findNode(tree, 'payments-growth')?.progress.rolledUp).toBeCloseTo(
      (0.5 + (2 * 1 + 0) / 3) / 2,
      10,
    );
  });

  it('reads by when things happened, not by the order the events are handed over', () => {
    const shuffled = [...events].reverse();
    expect(okrTreeAsOf(shuffled, cycleId, at('2026-02-12T00:00:00.000Z'))).toEqual(
      okrTreeAsOf(events, cycleId, at('2026-02-12T00:00:00.000Z')),
    );
  });

  it('leaves other cycles out', () => {
    const history = quarter().record('objective-acme.next', '2026-01-04T00:00:00.000Z', {
      type: 'ObjectiveDefined',
      data: { ...objectiveDefined.data, objectiveId: 'next', cycleId: 'q2-2026' },
    });
    const tree = okrTreeAsOf(history.events, cycleId, at('2026-03-31T00:00:00.000Z'));
    expect(findNode(tree, 'next')).toBeUndefined();
  });

  it('keeps an abandoned objective in the tree but out of the roll-up', () => {
    const history = quarter().record(squad, '2026-03-10T00:00:00.000Z', {
      type: 'ObjectiveAbandoned',
      data: { objectiveId, reason: 'Merged' },
    });
    const tree = okrTreeAsOf(history.events, cycleId, at('2026-03-31T00:00:00.000Z'));
    expect(findNode(tree, objectiveId)?.objective.status).toBe('abandoned');
    expect(findNode(tree, 'payments-growth')).toMatchObject({
      children: [],
      progress: { rolledUp: 0.5, counted: [] },
    });
  });
});

describe('Time travel: what changed between two dates', () => {
  const byKind = (changes: readonly OkrChange[], kind: OkrChange['kind']) =>
    changes.filter((c) => c.kind === kind);

  it('in February: progress, a lowered target with its reason, a new owner — each with who and when, objective by objective', () => {
    const diff = okrDiff(
      quarter().events,
      cycleId,
      at('2026-02-01T00:00:00.000Z'),
      at('2026-02-28T23:59:59.000Z'),
    );
    expect(diff.changes).toEqual([
      {
        kind: 'progressed',
        objectiveId: 'payments-growth',
        keyResultId: 'volume',
        value: { before: 1_000_000, after: 1_500_000 },
        progress: { before: 0, after: 0.5 },
        because: [
          {
            eventType: 'KeyResultProgressed',
            actor: 'tom',
            occurredAt: '2026-02-20T10:00:00.000Z',
          },
        ],
      },
      {
        kind: 'target-adjusted',
        objectiveId,
        keyResultId: 'conversion',
        target: { before: 75, after: 70 },
        lowersAmbition: true,
        because: [
          {
            eventType: 'KeyResultTargetAdjusted',
            actor: 'ann',
            occurredAt: '2026-02-10T10:00:00.000Z',
            reason: 'Payment provider outage in January',
          },
        ],
      },
      {
        kind: 'progressed',
        objectiveId,
        keyResultId: 'conversion',
        value: { before: 60, after: 66 },
        progress: { before: 0, after: 0.6 },
        because: [
          {
            eventType: 'KeyResultProgressed',
            actor: 'system:checkins',
            occurredAt: '2026-02-02T10:00:00.000Z',
          },
        ],
      },
      {
        kind: 'key-result-owner-changed',
        objectiveId,
        keyResultId: 'payment-time',
        owner: { before: 'bob', after: 'eve' },
        because: [
          {
            eventType: 'KeyResultOwnerChanged',
            actor: 'ann',
            occurredAt: '2026-02-15T10:00:00.000Z',
          },
        ],
      },
    ]);
  });

  it('over the whole quarter: the cycle started, objectives were created and aligned', () => {
    const diff = okrDiff(
      quarter().events,
      cycleId,
      at('2026-01-01T00:00:00.000Z'),
      at('2026-03-31T00:00:00.000Z'),
    );
    expect(byKind(diff.changes, 'cycle-status-changed')).toEqual([
      {
        kind: 'cycle-status-changed',
        status: { before: 'none', after: 'active' },
        because: [expect.objectContaining({ eventType: 'CycleActivated', actor: 'olga' })],
      },
    ]);
    expect(
      byKind(diff.changes, 'objective-created').map(
        (c) => c.kind === 'objective-created' && [c.objectiveId, c.keyResults],
      ),
    ).toEqual([
      ['payments-growth', ['Process €2M a month']],
      [objectiveId, ['Raise checkout conversion to 75%', 'Cut payment time to 2 seconds']],
    ]);
  });

  it('shows an alignment made in the window', () => {
    const diff = okrDiff(
      quarter().events,
      cycleId,
      at('2026-01-05T00:00:00.000Z'),
      at('2026-01-07T00:00:00.000Z'),
    );
    expect(diff.changes).toEqual([
      {
        kind: 'cycle-status-changed',
        status: { before: 'planning', after: 'active' },
        because: [expect.objectContaining({ eventType: 'CycleActivated' })],
      },
      {
        kind: 'aligned',
        objectiveId,
        parentObjectiveId: 'payments-growth',
        because: [expect.objectContaining({ eventType: 'ObjectiveAligned', actor: 'ann' })],
      },
    ]);
  });

  it('a change undone within the window is no change', () => {
    const history = quarter()
      .record(squad, '2026-03-10T00:00:00.000Z', {
        type: 'KeyResultTargetAdjusted',
        data: {
          objectiveId,
          keyResultId: 'payment-time',
          target: { before: 2, after: 1 },
          lowersAmbition: false,
        },
      })
      .record(squad, '2026-03-11T00:00:00.000Z', {
        type: 'KeyResultTargetAdjusted',
        data: {
          objectiveId,
          keyResultId: 'payment-time',
          target: { before: 1, after: 2 },
          lowersAmbition: true,
          reason: 'Too much',
        },
      });
    const diff = okrDiff(
      history.events,
      cycleId,
      at('2026-03-05T00:00:00.000Z'),
      at('2026-03-31T00:00:00.000Z'),
    );
    expect(diff.changes).toEqual([]);
  });

  it('a dropped key result keeps its title and reason; an abandoned objective its status', () => {
    const history = quarter()
      .record(squad, '2026-03-10T00:00:00.000Z', {
        type: 'KeyResultDropped',
        data: {
          objectiveId,
          keyResultId: 'payment-time',
          title: 'Cut payment time to 2 seconds',
          reason: 'Provider fixed it',
        },
      })
      .record(
        tribe,
        '2026-03-12T00:00:00.000Z',
        {
          type: 'ObjectiveAbandoned',
          data: { objectiveId: 'payments-growth', reason: 'Tribe merged into Commerce' },
        },
        { actor: 'tom' },
      );
    const diff = okrDiff(
      history.events,
      cycleId,
      at('2026-03-05T00:00:00.000Z'),
      at('2026-03-31T00:00:00.000Z'),
    );
    expect(diff.changes).toEqual([
      {
        kind: 'objective-status-changed',
        objectiveId: 'payments-growth',
        status: { before: 'active', after: 'abandoned' },
        because: [expect.objectContaining({ actor: 'tom', reason: 'Tribe merged into Commerce' })],
      },
      {
        kind: 'key-result-dropped',
        objectiveId,
        keyResultId: 'payment-time',
        title: 'Cut payment time to 2 seconds',
        because: [expect.objectContaining({ reason: 'Provider fixed it' })],
      },
    ]);
  });

  it('an empty window has no changes', () => {
    const events: readonly RecordedEvent[] = quarter().events;
    expect(
      okrDiff(events, cycleId, at('2026-01-20T00:00:00.000Z'), at('2026-01-25T00:00:00.000Z'))
        .changes,
    ).toEqual([]);
  });
});

describe('Time travel: a window’s records from the segments a snapshot taker kept', () => {
  it('records taken segment by segment (JSON and back) are the records taken event by event', () => {
    const events = quarter().events;
    const from = at('2026-01-01T00:00:00.000Z');
    const to = at('2026-03-31T00:00:00.000Z');
    const byEvent = windowRecords(from, to);
    const bySegment = windowRecords(from, to);
    // The first two events one by one, then segments of three, the last event alone again.
    for (const event of events.slice(0, 2)) bySegment.add(event);
    for (let start = 2; start < events.length - 1; start += 3) {
      const segment = segmentRecords();
      for (const event of events.slice(start, Math.min(start + 3, events.length - 1))) {
        segment.add(event);
      }
      bySegment.addSegment(JSON.parse(JSON.stringify(segment.taken())) as SegmentRecords);
    }
    bySegment.add(events[events.length - 1]);
    for (const event of events) byEvent.add(event);
    const [before, after] = [okrTreeAsOf(events, cycleId, from), okrTreeAsOf(events, cycleId, to)];
    const expected = okrDiffOf(before, after, byEvent);
    expect(okrDiffOf(before, after, bySegment)).toEqual(expected);
    expect(expected).toEqual(okrDiff(events, cycleId, from, to));
    // Not empty: each created objective has its records, the cycle its activation.
    expect(expected.changes.every((change) => change.because.length > 0)).toBe(true);
  });

  it('a segment keeps its events’ records whenever they occurred; the window takes only its own', () => {
    const events = quarter().events;
    const segment = segmentRecords();
    for (const event of events) segment.add(event);
    const taken = segment.taken();
    expect(taken.ofCycle.map((record) => record.eventType)).toEqual(['CycleActivated']);
    expect(taken.byKey[`progress:${objectiveId}:conversion`]).toHaveLength(2);
    const february = windowRecords(at('2026-02-01T00:00:00.000Z'), at('2026-02-28T00:00:00.000Z'));
    for (const event of events) february.add(event);
    expect(february.of(`progress:${objectiveId}:conversion`)).toHaveLength(1);
  });
});

describe('Re-scoring a past cycle from its recorded events', () => {
  it('scores the quarter as it ended under either rule, and the record stays as it was', () => {
    const events = quarter().events;
    const frozen = JSON.stringify(events, (_, value: unknown) =>
      typeof value === 'bigint' ? value.toString() : value,
    );
    const end = okrTreeAsOf(events, cycleId, at('2026-03-31T23:59:59.000Z'));
    const objectives = end.objectives.map((node) => node.objective);
    // Tribe: volume at 0.5. Squad: conversion 1.0 (weight 2), payment time 0 (weight 1).
    expect(rescoreCycle(objectives, linearRule).objectives.map((o) => o.rescored.score)).toEqual([
      0.5, 0.67,
    ]);
    expect(
      rescoreCycle(objectives, googleZonesRule).objectives.map((o) => o.rescored.score),
    ).toEqual([0.3, 0.67]);
    expect(
      JSON.stringify(events, (_, value: unknown) =>
        typeof value === 'bigint' ? value.toString() : value,
      ),
    ).toBe(frozen);
  });
});
