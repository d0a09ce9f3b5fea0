import { AlreadyExists, RuleViolated, rejectInvalid } from '@rhythm/event-sourcing';
import type { Command } from '../command';
import type { CycleStanding } from '../cycle/cycle.state';
import type { ObjectiveDraft } from '../objective/objective-draft';
import { cleanObjectiveDraft, objectiveDraftProblems } from '../objective/objective-draft';
import {
  assertCycleAllows,
  assertCycleExists,
  goalChangingCycle,
} from '../objective/objective.rules';
import type { Unit } from '../owner';
import { describeOwner, isUnit, ownerProblem } from '../owner';
import type { ObjectiveProposed } from './proposal.events';
import { rejectUnknownOwners, unknownOwnerProblems } from './proposal.rules';
import type { ProposalState } from './proposal.state';

export type ProposeObjective = Command<
  'ProposeObjective',
  { proposalId: string; cycleId: string; unit: Unit; draft: ObjectiveDraft },
  {
    cycle: CycleStanding;
    unitExists: boolean;
    /** Key result owners in the draft the org read model does not know. */
    unknownPeople: readonly string[];
  }
>;

/** Anyone in the organisation may propose an objective for a unit. */
export const proposeObjective = (
  command: ProposeObjective,
  state: ProposalState,
): ObjectiveProposed[] => {
  const { data, facts } = command;
  assertCycleExists(facts.cycle, data.cycleId);
  rejectInvalid({
    unit:
      ownerProblem(data.unit) ??
      (isUnit(data.unit) ? undefined : 'must be a unit; a person sets their own objectives'),
    ...objectiveDraftProblems(data.draft),
  });
  if (state.status !== 'none')
    throw new AlreadyExists(`Proposal ${data.proposalId} already exists`);
  assertCycleAllows(facts.cycle, data.cycleId, goalChangingCycle, 'propose an objective');
  if (!facts.unitExists) {
    throw new RuleViolated(`${describeOwner(data.unit)} is not known in this organisation`, {
      unit: 'unknown unit',
    });
  }
  rejectUnknownOwners(
    unknownOwnerProblems(
      data.draft.keyResults.map((keyResult, index) => ({
        ...keyResult,
        field: `draft.keyResults.${index}.owner`,
      })),
      facts.unknownPeople,
    ),
  );
  return [
    {
      type: 'ObjectiveProposed',
      data: {
        proposalId: data.proposalId,
        cycleId: data.cycleId,
        unit: { kind: data.unit.kind, id: data.unit.id.trim() },
        proposer: command.actor.personId,
        draft: cleanObjectiveDraft(data.draft),
      },
    },
  ];
};
