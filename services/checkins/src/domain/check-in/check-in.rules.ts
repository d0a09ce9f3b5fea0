import { NotFound, rejectInvalid, textProblem } from '@rhythm/event-sourcing';
import type { Problem } from '@rhythm/event-sourcing';
import { clean, finiteProblem, limits } from '../input-rules';
import type { CheckInNote } from './check-in.events';
import type { CheckIn, KeyResultCheckIns } from './check-in.state';
import { findCheckIn } from './check-in.state';
import { confidenceProblem } from './confidence';

/** Messages name objects by id, never by title (docs/security.md). */
export const existingCheckIn = (state: KeyResultCheckIns, checkInId: string): CheckIn => {
  const checkIn = findCheckIn(state, checkInId);
  if (checkIn === undefined) throw new NotFound(`Check-in ${checkInId} not found`);
  return checkIn;
};

const noteProblems = (note: CheckInNote): Record<string, Problem> => ({
  'note.progress': textProblem(note.progress, limits.notePart),
  'note.obstacles': textProblem(note.obstacles, limits.notePart),
  'note.nextSteps': textProblem(note.nextSteps, limits.notePart),
});

/** What a check-in says: a value, a confidence, a note. Every field at fault is named at once. */
export const rejectInvalidReading = (
  reading: Readonly<{ value: number; confidence: number; note: CheckInNote }>,
  more: Readonly<Record<string, Problem>> = {},
): void =>
  rejectInvalid({
    value: finiteProblem(reading.value),
    confidence: confidenceProblem(reading.confidence),
    ...noteProblems(reading.note),
    ...more,
  });

export const cleanNote = (note: CheckInNote): CheckInNote => ({
  progress: clean(note.progress),
  obstacles: clean(note.obstacles),
  nextSteps: clean(note.nextSteps),
});

export const sameNote = (a: CheckInNote, b: CheckInNote): boolean =>
  a.progress === b.progress && a.obstacles === b.obstacles && a.nextSteps === b.nextSteps;
