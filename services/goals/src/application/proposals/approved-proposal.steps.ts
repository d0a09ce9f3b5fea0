import { decideAll, type StreamFold } from '@rhythm/event-sourcing';
import {
  objectiveDecider,
  type ObjectiveCommand,
  type ObjectiveEvent,
  type ObjectiveState,
} from '../../goals-domain';

/**
 * The objective as the approved-proposal process sees it: its state, and every key result ever
 * added to it (a dropped one is gone from the state, but the step that added it was taken).
 */
export type ApprovalSteps = Readonly<{
  objective: ObjectiveState;
  keyResultsAdded: readonly string[];
}>;

export const approvalSteps: StreamFold<ApprovalSteps, ObjectiveEvent> = {
  initialState: () => ({ objective: objectiveDecider.initialState(), keyResultsAdded: [] }),
  evolve: ({ objective, keyResultsAdded }, event) => ({
    objective: objectiveDecider.evolve(objective, event),
    keyResultsAdded:
      event.type === 'KeyResultAdded'
        ? [...keyResultsAdded, event.data.keyResultId]
        : keyResultsAdded,
  }),
};

/**
 * A step of the approval process that an earlier, interrupted run already took: the objective was
 * defined, or the key result was added (even if it was dropped since: it is not added twice).
 */
export const alreadyDone = (command: ObjectiveCommand, steps: ApprovalSteps): boolean => {
  switch (command.type) {
    case 'DefineObjective':
      return steps.objective.status !== 'none';
    case 'AddKeyResult':
      return steps.keyResultsAdded.includes(command.data.keyResultId);
    default:
      return false;
  }
};

/** The steps not taken yet, decided as one change on the objective. */
export const remainingSteps =
  (commands: readonly ObjectiveCommand[]) =>
  (steps: ApprovalSteps): ObjectiveEvent[] =>
    decideAll(
      objectiveDecider,
      commands.filter((command) => !alreadyDone(command, steps)),
    )(steps.objective);
