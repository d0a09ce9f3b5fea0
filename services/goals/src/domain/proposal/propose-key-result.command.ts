import { AlreadyExists, NotFound, RuleViolated, rejectInvalid } from '@rhythm/event-sourcing';
import type { Command } from '../command';
import type { CycleStanding } from '../cycle/cycle.state';
import type { KeyResultDraft } from '../objective/objective-draft';
import {
  cleanKeyResultDraft,
  keyResultDraftProblems,
  maxKeyResults,
} from '../objective/objective-draft';
import { assertCycleAllows, goalChangingCycle } from '../objective/objective.rules';
import type { ObjectiveStatus } from '../objective/objective.state';
import type { Owner } from '../owner';
import { isUnit } from '../owner';
import type { KeyResultProposed } from './proposal.events';
import type { ProposalState } from './proposal.state';

/** What the application knows about the objective a key result is proposed for. */
export type TargetObjectiveFacts = Readonly<{
  cycleId: string;
  owner: Owner;
  status: ObjectiveStatus;
  keyResultCount: number;
}>;

export type ProposeKeyResult = Command<
  'ProposeKeyResult',
  { proposalId: string; objectiveId: string; draft: KeyResultDraft },
  {
    cycle: CycleStanding;
    /** 'none' when there is no such objective. */
    objective: TargetObjectiveFacts | 'none';
    ownerExists: boolean;
  }
>;

/** Anyone may propose a key result for a unit's objective; the unit's lead decides. */
export const proposeKeyResult = (
  command: ProposeKeyResult,
  state: ProposalState,
): KeyResultProposed[] => {
  const { data, facts } = command;
  if (facts.objective === 'none') throw new NotFound(`Objective ${data.objectiveId} not found`);
  const objective = facts.objective;
  rejectInvalid(keyResultDraftProblems(data.draft, 'draft'));
  if (state.status !== 'none')
    throw new AlreadyExists(`Proposal ${data.proposalId} already exists`);
  assertCycleAllows(facts.cycle, objective.cycleId, goalChangingCycle, 'propose a key result');
  if (!isUnit(objective.owner)) {
    throw new RuleViolated('A personal objective is set by its owner; propose to a unit instead', {
      objectiveId: 'personal objective',
    });
  }
  if (objective.status !== 'draft' && objective.status !== 'active') {
    throw new RuleViolated(`Objective ${data.objectiveId} is ${objective.status}`, {
      objectiveId: objective.status,
    });
  }
  if (objective.keyResultCount >= maxKeyResults) {
    throw new RuleViolated(
      `Objective ${data.objectiveId} already has ${maxKeyResults} key results, the most an objective may have`,
      { objectiveId: `at most ${maxKeyResults} key results` },
    );
  }
  if (!facts.ownerExists) {
    throw new RuleViolated(`Person ${data.draft.owner} is not known in this organisation`, {
      'draft.owner': 'unknown person',
    });
  }
  return [
    {
      type: 'KeyResultProposed',
      data: {
        proposalId: data.proposalId,
        cycleId: objective.cycleId,
        unit: objective.owner,
        objectiveId: data.objectiveId,
        proposer: command.actor.personId,
        draft: cleanKeyResultDraft(data.draft),
      },
    },
  ];
};
