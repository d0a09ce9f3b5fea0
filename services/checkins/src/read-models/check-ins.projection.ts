import { assertNever, type RecordedEvent } from '@rhythm/event-sourcing';
import { defineProjection } from '@rhythm/projections';
import type { CheckInEvent, CheckInNote, ConfidenceBand } from '../checkins-domain';

/** One check-in as it reads now, with its corrections and acknowledgement. */
export type CheckInDocument = {
  _id: string;
  tenantId: string;
  checkInId: string;
  objectiveId: string;
  keyResultId: string;
  authorId: string;
  value: number;
  confidence: number;
  band: ConfidenceBand;
  note: CheckInNote;
  blockerIds: string[];
  /** The leads who may acknowledge it, fixed the day it was recorded. */
  acknowledgers: string[];
  /** Open while no lead acknowledged it: what the leads' lists read. */
  awaitingAcknowledgement: boolean;
  acknowledgedBy?: string;
  acknowledgedAt?: string;
  acknowledgementComment?: string;
  corrections: Array<{
    reason: string;
    correctedAt: string;
    correctedBy: string;
    before: { value: number; confidence: number; note: CheckInNote };
  }>;
  recordedAt: string;
};

/** A key result's latest reading: what "the previous check-in" and the lists show. */
export type KeyResultPulseDocument = {
  _id: string;
  tenantId: string;
  objectiveId: string;
  keyResultId: string;
  latestCheckInId: string;
  value: number;
  confidence: number;
  band: ConfidenceBand;
  note: CheckInNote;
  authorId: string;
  checkIns: number;
  lastCheckInAt: string;
};

const pulseId = (objectiveId: string, keyResultId: string) => `${objectiveId}.${keyResultId}`;

/**
 * Check-ins and each key result's latest reading, from the key results' check-in streams: one
 * stream per key result writes both, so 'stream' guards them by revision.
 */
export const checkInsProjection = defineProjection({
  name: 'checkins_check_ins',
  version: 1,
  handles: ['CheckInRecorded', 'CheckInCorrected', 'CheckInAcknowledged'],
  streamPrefixes: ['checkins-'],
  collections: [
    {
      name: 'checkins_check_ins',
      guard: 'stream',
      indexes: [
        {
          keys: { tenantId: 1, objectiveId: 1, keyResultId: 1, recordedAt: -1 },
          serves: "a key result's history, newest first",
        },
        {
          keys: { tenantId: 1, acknowledgers: 1, awaitingAcknowledgement: 1 },
          serves: 'check-ins awaiting a lead',
        },
        { keys: { tenantId: 1, authorId: 1, recordedAt: -1 }, serves: "a person's check-ins" },
      ],
    },
    {
      name: 'checkins_key_result_pulse',
      guard: 'stream',
      indexes: [{ keys: { tenantId: 1, objectiveId: 1 }, serves: "an objective's key results" }],
    },
  ],
  apply: (event: RecordedEvent<CheckInEvent>, context) => {
    const { data } = event;
    switch (event.type) {
      case 'CheckInRecorded': {
        const recorded = event.data;
        context.upsert('checkins_check_ins', recorded.checkInId, {
          $set: {
            checkInId: recorded.checkInId,
            objectiveId: recorded.objectiveId,
            keyResultId: recorded.keyResultId,
            authorId: recorded.authorId,
            value: recorded.value,
            confidence: recorded.confidence,
            band: recorded.band,
            note: recorded.note,
            blockerIds: [...recorded.blockerIds],
            acknowledgers: [...recorded.acknowledgers],
            awaitingAcknowledgement: recorded.acknowledgers.length > 0,
            corrections: [],
            recordedAt: recorded.recordedAt,
          },
        });
        return context.upsert(
          'checkins_key_result_pulse',
          pulseId(recorded.objectiveId, recorded.keyResultId),
          {
            $set: {
              objectiveId: recorded.objectiveId,
              keyResultId: recorded.keyResultId,
              latestCheckInId: recorded.checkInId,
              value: recorded.value,
              confidence: recorded.confidence,
              band: recorded.band,
              note: recorded.note,
              authorId: recorded.authorId,
              lastCheckInAt: recorded.recordedAt,
            },
            $inc: { checkIns: 1 },
          },
        );
      }
      case 'CheckInCorrected': {
        const corrected = event.data;
        const after = {
          value: corrected.value.after,
          confidence: corrected.confidence.after,
          band: corrected.band.after,
          note: corrected.note.after,
        };
        context.update('checkins_check_ins', corrected.checkInId, {
          $set: after,
          $push: {
            corrections: {
              reason: corrected.reason,
              correctedAt: corrected.correctedAt,
              correctedBy: event.metadata.actor,
              before: {
                value: corrected.value.before,
                confidence: corrected.confidence.before,
                note: corrected.note.before,
              },
            },
          },
        });
        if (!corrected.latest) return;
        return context.update(
          'checkins_key_result_pulse',
          pulseId(corrected.objectiveId, corrected.keyResultId),
          { $set: after },
        );
      }
      case 'CheckInAcknowledged':
        return context.update('checkins_check_ins', data.checkInId, {
          $set: {
            awaitingAcknowledgement: false,
            acknowledgedBy: event.data.acknowledgedBy,
            acknowledgedAt: event.data.acknowledgedAt,
            acknowledgementComment: event.data.comment,
          },
        });
      default:
        return assertNever(event);
    }
  },
});
