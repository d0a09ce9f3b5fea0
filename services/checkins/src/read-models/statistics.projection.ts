import type { RecordedEvent } from '@rhythm/event-sourcing';
import { defineProjection } from '@rhythm/projections';
import type {
  BlockerEvent,
  Cadence,
  CadenceEvent,
  CheckInEvent,
  EscalationLevel,
  Unit,
} from '../checkins-domain';

/**
 * The facts the statistics are computed from (issue 9, item 9), each with its time, so that a
 * query as of a past date keeps only what had happened by then. Figures are never stored: a
 * formula changed tomorrow applies to the whole past at once.
 */

/** One check-in's confidence; corrections are kept with their time, not applied. */
export type CheckInFactDocument = {
  _id: string;
  tenantId: string;
  checkInId: string;
  objectiveId: string;
  keyResultId: string;
  authorId: string;
  confidence: number;
  recordedAt: string;
  corrections: Array<{ confidence: number; at: string }>;
};

/** One blocker's unit and times; the first acknowledgement is kept, escalations do not move it. */
export type BlockerFactDocument = {
  _id: string;
  tenantId: string;
  blockerId: string;
  objectiveId: string;
  unit: Unit;
  /** `kind:id`, flat: FerretDB v1 matches top-level fields best. */
  unitKey: string;
  raisedAt: string;
  firstAcknowledgedAt?: string;
  resolvedAt?: string;
};

/** A unit's cadences in the order they were set, each from the moment it was set. */
export type CadenceHistoryDocument = {
  _id: string;
  tenantId: string;
  unit: Unit;
  changes: Array<{ cadence: Cadence; from: string }>;
};

/** What a sweep announced: an overdue key result, or a lead told of it. */
export type OverdueFactDocument = {
  _id: string;
  tenantId: string;
  unitKey: string;
  kind: 'overdue' | EscalationLevel;
  objectiveId: string;
  keyResultId: string;
  ownerId: string;
  dueAt: string;
  at: string;
};

export const unitKeyOf = (unit: Unit): string => `${unit.kind}:${unit.id}`;

type StatisticsEvent = CheckInEvent | BlockerEvent | CadenceEvent;

/**
 * Written from the check-in, blocker and cadence streams of one store subscription: 'position'
 * guards every collection.
 */
export const statisticsProjection = defineProjection({
  name: 'checkins_statistics',
  version: 1,
  handles: [
    'CheckInRecorded',
    'CheckInCorrected',
    'BlockerRaised',
    'BlockerAcknowledged',
    'BlockerResolved',
    'CadenceSet',
    'CheckInOverdue',
    'OverdueEscalated',
  ],
  streamPrefixes: ['checkins-', 'blocker-', 'cadence-'],
  collections: [
    {
      name: 'checkins_statistics_check_ins',
      guard: 'position',
      indexes: [
        { keys: { tenantId: 1, objectiveId: 1 }, serves: "a unit's or key result's check-ins" },
        { keys: { tenantId: 1, authorId: 1 }, serves: "a person's calibration" },
      ],
    },
    {
      name: 'checkins_statistics_blockers',
      guard: 'position',
      indexes: [{ keys: { tenantId: 1, unitKey: 1, raisedAt: 1 }, serves: "a unit's blockers" }],
    },
    { name: 'checkins_statistics_cadences', guard: 'position' },
    {
      name: 'checkins_statistics_overdue',
      guard: 'position',
      indexes: [{ keys: { tenantId: 1, unitKey: 1, at: 1 }, serves: "a unit's overdue record" }],
    },
  ],
  apply: (event: RecordedEvent<StatisticsEvent>, context) => {
    switch (event.type) {
      case 'CheckInRecorded': {
        const { data } = event;
        return context.upsert('checkins_statistics_check_ins', data.checkInId, {
          $set: {
            checkInId: data.checkInId,
            objectiveId: data.objectiveId,
            keyResultId: data.keyResultId,
            authorId: data.authorId,
            confidence: data.confidence,
            recordedAt: data.recordedAt,
            // Its corrections come later in its own stream: the guard keeps them from a replay.
            corrections: [],
          },
        });
      }
      case 'CheckInCorrected':
        return context.update('checkins_statistics_check_ins', event.data.checkInId, {
          $push: {
            corrections: { confidence: event.data.confidence.after, at: event.data.correctedAt },
          },
        });
      case 'BlockerRaised': {
        const { data } = event;
        return context.upsert('checkins_statistics_blockers', data.blockerId, {
          $set: {
            blockerId: data.blockerId,
            objectiveId: data.target.objectiveId,
            unit: data.unit,
            unitKey: unitKeyOf(data.unit),
            raisedAt: data.raisedAt,
          },
        });
      }
      case 'BlockerAcknowledged':
        return context.update('checkins_statistics_blockers', event.data.blockerId, {
          $min: { firstAcknowledgedAt: event.data.acknowledgedAt },
        });
      case 'BlockerResolved':
        return context.update('checkins_statistics_blockers', event.data.blockerId, {
          $set: { resolvedAt: event.data.resolvedAt },
        });
      case 'CadenceSet': {
        const { data } = event;
        return context.upsert('checkins_statistics_cadences', unitKeyOf(data.unit), {
          $set: { unit: data.unit },
          $push: { changes: { cadence: data.cadence, from: event.metadata.occurredAt } },
        });
      }
      case 'CheckInOverdue':
      case 'OverdueEscalated': {
        const { data } = event;
        return context.create('checkins_statistics_overdue', event.metadata.eventId, {
          $set: {
            unitKey: unitKeyOf(data.unit),
            kind: event.type === 'CheckInOverdue' ? 'overdue' : event.data.level,
            objectiveId: data.objectiveId,
            keyResultId: data.keyResultId,
            ownerId: data.ownerId,
            dueAt: data.dueAt,
            at: event.metadata.occurredAt,
          },
        });
      }
      default:
        return undefined;
    }
  },
});
