import { AlreadyExists, RuleViolated, rejectInvalid } from '@rhythm/event-sourcing';
import type { Command } from '../command';
import type { CycleStanding } from '../cycle/cycle.state';
import { cleanReason, reasonProblem } from '../input-rules';
import type { KeyResultDraft } from './objective-draft';
import { cleanKeyResultDraft, keyResultDraftProblems, maxKeyResults } from './objective-draft';
import type { KeyResultAdded } from './objective.events';
import { assertChangeable, managedObjective } from './objective.rules';
import type { ObjectiveState } from './objective.state';
import { findKeyResult } from './objective.state';

export type AddKeyResult = Command<
  'AddKeyResult',
  KeyResultDraft & {
    objectiveId: string;
    keyResultId: string;
    reason?: string;
    fromProposalId?: string;
  },
  { cycle: CycleStanding; ownerExists: boolean }
>;

/** Key results start at their start value. An objective holds at most five (ADR 0020). */
export const addKeyResult = (command: AddKeyResult, state: ObjectiveState): KeyResultAdded[] => {
  const { data, facts } = command;
  const objective = managedObjective(state, data.objectiveId, command.actor, 'add a key result');
  rejectInvalid({ ...keyResultDraftProblems(data), reason: reasonProblem(data.reason) });
  assertChangeable(objective, facts.cycle, 'add a key result');
  if (findKeyResult(objective, data.keyResultId) !== undefined) {
    throw new AlreadyExists(`Key result ${data.keyResultId} already exists`);
  }
  if (objective.keyResults.length >= maxKeyResults) {
    throw new RuleViolated(
      `Objective ${objective.objectiveId} already has ${maxKeyResults} key results, the most an objective may have. Drop one before adding another.`,
      { keyResults: `at most ${maxKeyResults}` },
    );
  }
  if (!facts.ownerExists) {
    throw new RuleViolated(`Person ${data.owner} is not known in this organisation`, {
      owner: 'unknown person',
    });
  }
  const draft = cleanKeyResultDraft(data);
  return [
    {
      type: 'KeyResultAdded',
      data: {
        objectiveId: objective.objectiveId,
        keyResultId: data.keyResultId,
        ...draft,
        ...cleanReason(data.reason),
        ...(data.fromProposalId === undefined ? {} : { fromProposalId: data.fromProposalId }),
      },
    },
  ];
};
