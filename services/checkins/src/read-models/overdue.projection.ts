import type { RecordedEvent } from '@rhythm/event-sourcing';
import { defineProjection } from '@rhythm/projections';
import type { CadenceEvent, CheckInEvent, EscalationLevel, Unit } from '../checkins-domain';

/**
 * A key result whose owner let a due moment pass: in the owner's list from the sweep that found
 * it, in the lead's (then the next lead's) once escalated, until a check-in comes.
 */
export type OverdueDocument = {
  _id: string;
  tenantId: string;
  unit: Unit;
  objectiveId: string;
  keyResultId: string;
  ownerId: string;
  dueAt: string;
  /** Everyone told so far, for "what I must look at" (absent until the first escalation). */
  toldPersonIds?: string[];
  levels?: EscalationLevel[];
  open: boolean;
  clearedAt?: string;
};

const overdueId = (objectiveId: string, keyResultId: string, dueAt: string) =>
  `${objectiveId}.${keyResultId}@${dueAt}`;

/**
 * Written by the cadence streams (found, escalated) and cleared by the check-in streams: one
 * ordered feed of both, so 'position' guards it.
 */
export const overdueProjection = defineProjection({
  name: 'checkins_overdue',
  // 2: no $setOnInsert, which a live guarded upsert on FerretDB and a rebuild did not apply alike.
  version: 2,
  handles: ['CheckInOverdue', 'OverdueEscalated', 'CheckInRecorded'],
  streamPrefixes: ['cadence-', 'checkins-'],
  collections: [
    {
      name: 'checkins_overdue',
      guard: 'position',
      indexes: [
        { keys: { tenantId: 1, ownerId: 1, open: 1 }, serves: "an owner's overdue check-ins" },
        { keys: { tenantId: 1, toldPersonIds: 1, open: 1 }, serves: "a lead's overdue list" },
        { keys: { tenantId: 1, objectiveId: 1, keyResultId: 1, open: 1 }, serves: 'clearing' },
      ],
    },
  ],
  apply: (event: RecordedEvent<CadenceEvent | CheckInEvent>, context) => {
    switch (event.type) {
      case 'CheckInOverdue': {
        const { data } = event;
        return context.upsert(
          'checkins_overdue',
          overdueId(data.objectiveId, data.keyResultId, data.dueAt),
          {
            $set: {
              unit: data.unit,
              objectiveId: data.objectiveId,
              keyResultId: data.keyResultId,
              ownerId: data.ownerId,
              dueAt: data.dueAt,
              open: true,
            },
          },
        );
      }
      case 'OverdueEscalated': {
        const { data } = event;
        return context.update(
          'checkins_overdue',
          overdueId(data.objectiveId, data.keyResultId, data.dueAt),
          { $addToSet: { toldPersonIds: { $each: [...data.toPersonIds] }, levels: data.level } },
        );
      }
      case 'CheckInRecorded': {
        const { data } = event;
        return context.updateMany(
          'checkins_overdue',
          { objectiveId: data.objectiveId, keyResultId: data.keyResultId, open: true },
          { $set: { open: false, clearedAt: data.recordedAt } },
        );
      }
      default:
        return undefined;
    }
  },
});
