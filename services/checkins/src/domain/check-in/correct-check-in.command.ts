import { Forbidden, textProblem } from '@rhythm/event-sourcing';
import type { Command } from '../command';
import type { KeyResultFacts } from '../goal-facts';
import { knownKeyResult } from '../goal-facts';
import { clean, instantProblem, limits, utc } from '../input-rules';
import type { CheckInCorrected, CheckInNote } from './check-in.events';
import { cleanNote, existingCheckIn, rejectInvalidReading, sameNote } from './check-in.rules';
import type { KeyResultCheckIns } from './check-in.state';
import { latestCheckIn } from './check-in.state';
import { bandOf } from './confidence';

export type CorrectCheckIn = Command<
  'CorrectCheckIn',
  {
    objectiveId: string;
    keyResultId: string;
    checkInId: string;
    /** The check-in as it should have read. */
    value: number;
    confidence: number;
    note: CheckInNote;
    reason: string;
    at: string;
  },
  { keyResult: KeyResultFacts }
>;

/**
 * Only the author corrects a check-in, always with a reason; the event keeps the reading before
 * and after, so the history shows both. The band is read with the thresholds of the day it was
 * recorded: a correction fixes what was said, not how the organisation reads it since.
 */
export const correctCheckIn = (
  command: CorrectCheckIn,
  state: KeyResultCheckIns,
): CheckInCorrected[] => {
  const { data, actor } = command;
  knownKeyResult(command.facts.keyResult, data.objectiveId, data.keyResultId);
  const checkIn = existingCheckIn(state, data.checkInId);
  if (checkIn.authorId !== actor.personId) {
    throw new Forbidden(`Only the author of check-in ${data.checkInId} can correct it`);
  }
  rejectInvalidReading(data, {
    reason: textProblem(data.reason, limits.reason),
    at: instantProblem(data.at),
  });
  const note = cleanNote(data.note);
  if (
    data.value === checkIn.value &&
    data.confidence === checkIn.confidence &&
    sameNote(note, checkIn.note)
  ) {
    return [];
  }
  return [
    {
      type: 'CheckInCorrected',
      data: {
        objectiveId: data.objectiveId,
        keyResultId: data.keyResultId,
        checkInId: checkIn.checkInId,
        value: { before: checkIn.value, after: data.value },
        confidence: { before: checkIn.confidence, after: data.confidence },
        band: { before: checkIn.band, after: bandOf(data.confidence, checkIn.thresholds) },
        note: { before: checkIn.note, after: note },
        reason: clean(data.reason),
        latest: latestCheckIn(state)?.checkInId === checkIn.checkInId,
        correctedAt: utc(data.at),
      },
    },
  ];
};
