import type { Event } from '@rhythm/event-sourcing';
import type { ConfidenceBand, ConfidenceThresholds } from './confidence';

/** A check-in's note, split as the OKR tools do. Each part may be empty. */
export type CheckInNote = Readonly<{ progress: string; obstacles: string; nextSteps: string }>;

export type Change<T> = Readonly<{ before: T; after: T }>;

/**
 * A check-in on a key result (stream `checkins-<tenant>.<objectiveId>.<keyResultId>`: all of one
 * key result's check-ins, ADR 0036). `band` is the confidence as the organisation's thresholds
 * read it that day; `acknowledgers` are who may acknowledge it, fixed that day: the objective's
 * and the unit's leads, not the author. A lead appointed later does not inherit it.
 */
export type CheckInRecorded = Event<
  'CheckInRecorded',
  {
    objectiveId: string;
    keyResultId: string;
    checkInId: string;
    authorId: string;
    value: number;
    confidence: number;
    band: ConfidenceBand;
    thresholds: ConfidenceThresholds;
    note: CheckInNote;
    blockerIds: readonly string[];
    acknowledgers: readonly string[];
    recordedAt: string;
  }
>;

/**
 * The author corrected a check-in. Both versions stay in the stream; `latest` says whether it was
 * the key result's most recent check-in, whose value is the key result's current value.
 */
export type CheckInCorrected = Event<
  'CheckInCorrected',
  {
    objectiveId: string;
    keyResultId: string;
    checkInId: string;
    value: Change<number>;
    confidence: Change<number>;
    band: Change<ConfidenceBand>;
    note: Change<CheckInNote>;
    reason: string;
    latest: boolean;
    correctedAt: string;
  }
>;

export type CheckInAcknowledged = Event<
  'CheckInAcknowledged',
  {
    objectiveId: string;
    keyResultId: string;
    checkInId: string;
    acknowledgedBy: string;
    comment: string;
    acknowledgedAt: string;
  }
>;

export type CheckInEvent = CheckInRecorded | CheckInCorrected | CheckInAcknowledged;
