import {
  AlreadyExists,
  Forbidden,
  assertNever,
  rejectInvalid,
  textProblem,
} from '@rhythm/event-sourcing';
import type { Command } from '../command';
import type { CycleStanding, CycleStatus } from '../cycle/cycle.state';
import { clean, limits, oneOfProblem } from '../input-rules';
import type { ReviewNoteRecorded, ReviewStage } from './objective.events';
import { reviewStages } from './objective.events';
import {
  assertCycleAllows,
  assertObjectiveIn,
  existingObjective,
  isInvolved,
} from './objective.rules';
import type { ObjectiveState } from './objective.state';

export type RecordReviewNote = Command<
  'RecordReviewNote',
  { objectiveId: string; noteId: string; stage: ReviewStage; text: string },
  { cycle: CycleStanding }
>;

const cycleFor = (stage: ReviewStage): CycleStatus => {
  switch (stage) {
    case 'mid-cycle':
      return 'active';
    case 'end-of-cycle':
      return 'review';
    default:
      return assertNever(stage);
  }
};

/** Mid-cycle notes while the cycle runs, end-of-cycle notes during its review. */
export const recordReviewNote = (
  command: RecordReviewNote,
  state: ObjectiveState,
): ReviewNoteRecorded[] => {
  const { data, actor } = command;
  const objective = existingObjective(state, data.objectiveId);
  if (!isInvolved(actor, objective)) {
    throw new Forbidden('Only people involved in the objective or an admin can review it');
  }
  rejectInvalid({
    stage: oneOfProblem(reviewStages, data.stage),
    text: textProblem(data.text, limits.note),
  });
  assertObjectiveIn(objective, ['active'], 'review the objective');
  assertCycleAllows(
    command.facts.cycle,
    objective.cycleId,
    [cycleFor(data.stage)],
    `write a ${data.stage} review note`,
  );
  if (objective.reviewNotes.some((note) => note.noteId === data.noteId)) {
    throw new AlreadyExists(`Review note ${data.noteId} already exists`);
  }
  return [
    {
      type: 'ReviewNoteRecorded',
      data: {
        objectiveId: objective.objectiveId,
        noteId: data.noteId,
        stage: data.stage,
        author: actor.personId,
        text: clean(data.text),
      },
    },
  ];
};
