import { Forbidden, rejectInvalid, textProblem } from '@rhythm/event-sourcing';
import type { Command } from '../command';
import type { CycleStanding } from '../cycle/cycle.state';
import { clean, limits } from '../input-rules';
import type { RetrospectiveRecorded } from './objective.events';
import {
  assertCycleAllows,
  assertObjectiveIn,
  existingObjective,
  isInvolved,
} from './objective.rules';
import type { ObjectiveState } from './objective.state';

export type RecordRetrospective = Command<
  'RecordRetrospective',
  { objectiveId: string; wentWell: string; learned: string; doDifferently: string },
  { cycle: CycleStanding }
>;

const optionalNote = { required: false, max: limits.note.max };

/**
 * What was learned, from the review on (also after close: it is reflection, not a change to the
 * goal). Writing it again replaces it; the history keeps every version.
 */
export const recordRetrospective = (
  command: RecordRetrospective,
  state: ObjectiveState,
): RetrospectiveRecorded[] => {
  const { data, actor } = command;
  const objective = existingObjective(state, data.objectiveId);
  if (!isInvolved(actor, objective)) {
    throw new Forbidden(
      'Only people involved in the objective or an admin can write its retrospective',
    );
  }
  rejectInvalid({
    wentWell: textProblem(data.wentWell, optionalNote),
    learned: textProblem(data.learned, limits.note),
    doDifferently: textProblem(data.doDifferently, optionalNote),
  });
  assertObjectiveIn(objective, ['active', 'scored'], 'write a retrospective');
  assertCycleAllows(
    command.facts.cycle,
    objective.cycleId,
    ['review', 'closed'],
    'write a retrospective',
  );
  return [
    {
      type: 'RetrospectiveRecorded',
      data: {
        objectiveId: objective.objectiveId,
        author: actor.personId,
        wentWell: clean(data.wentWell),
        learned: clean(data.learned),
        doDifferently: clean(data.doDifferently),
      },
    },
  ];
};
