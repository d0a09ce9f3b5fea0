import { assertNever } from '@rhythm/event-sourcing';
import type { CheckInEvent, CheckInNote } from './check-in.events';
import type { ConfidenceBand, ConfidenceThresholds } from './confidence';

export type CheckIn = Readonly<{
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
  corrections: number;
  acknowledgement?: Readonly<{ by: string; comment: string; at: string }>;
}>;

/** One key result's check-ins, oldest first. */
export type KeyResultCheckIns = Readonly<{ checkIns: readonly CheckIn[] }>;

export const initialCheckIns = (): KeyResultCheckIns => ({ checkIns: [] });

/** The check-in a new one is written beside: the previous value, confidence and note. */
export const latestCheckIn = (state: KeyResultCheckIns): CheckIn | undefined =>
  state.checkIns.at(-1);

export const findCheckIn = (state: KeyResultCheckIns, checkInId: string): CheckIn | undefined =>
  state.checkIns.find((checkIn) => checkIn.checkInId === checkInId);

const update = (
  state: KeyResultCheckIns,
  checkInId: string,
  change: (checkIn: CheckIn) => CheckIn,
): KeyResultCheckIns => ({
  checkIns: state.checkIns.map((c) => (c.checkInId === checkInId ? change(c) : c)),
});

export const evolveCheckIns = (
  state: KeyResultCheckIns,
  event: CheckInEvent,
): KeyResultCheckIns => {
  switch (event.type) {
    case 'CheckInRecorded': {
      const { objectiveId: _o, keyResultId: _k, ...checkIn } = event.data;
      return { checkIns: [...state.checkIns, { ...checkIn, corrections: 0 }] };
    }
    case 'CheckInCorrected':
      return update(state, event.data.checkInId, (checkIn) => ({
        ...checkIn,
        value: event.data.value.after,
        confidence: event.data.confidence.after,
        band: event.data.band.after,
        note: event.data.note.after,
        corrections: checkIn.corrections + 1,
      }));
    case 'CheckInAcknowledged':
      return update(state, event.data.checkInId, (checkIn) => ({
        ...checkIn,
        acknowledgement: {
          by: event.data.acknowledgedBy,
          comment: event.data.comment,
          at: event.data.acknowledgedAt,
        },
      }));
    default:
      return assertNever(event);
  }
};
