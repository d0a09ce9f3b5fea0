import { AlreadyExists, RuleViolated, rejectInvalid } from '@rhythm/event-sourcing';
import type { Command } from '../command';
import type { CycleStanding } from '../cycle/cycle.state';
import { clean } from '../input-rules';
import type { Owner } from '../owner';
import { describeOwner, ownerProblem } from '../owner';
import type { ObjectiveKind, Visibility } from './objective-draft';
import { objectiveTextProblems } from './objective-draft';
import type { ObjectiveDefined } from './objective.events';
import {
  assertCycleAllows,
  assertCycleExists,
  assertMayManageGoalsOf,
  goalChangingCycle,
} from './objective.rules';
import type { ObjectiveState } from './objective.state';

export type DefineObjective = Command<
  'DefineObjective',
  {
    objectiveId: string;
    cycleId: string;
    title: string;
    description: string;
    owner: Owner;
    kind: ObjectiveKind;
    visibility: Visibility;
    fromProposalId?: string;
    fromTemplateId?: string;
  },
  { cycle: CycleStanding; ownerExists: boolean }
>;

/**
 * A new objective starts as a draft: key results are added, then it is activated. Set directly by
 * the owner's lead (or the person, for a personal objective), or by the lead approving a proposal.
 */
export const defineObjective = (
  command: DefineObjective,
  state: ObjectiveState,
): ObjectiveDefined[] => {
  const { data, facts } = command;
  assertCycleExists(facts.cycle, data.cycleId);
  assertMayManageGoalsOf(
    command.actor,
    data.owner,
    `set objectives for ${describeOwner(data.owner)}`,
  );
  rejectInvalid({ ...objectiveTextProblems(data), owner: ownerProblem(data.owner) });
  if (state.status !== 'none')
    throw new AlreadyExists(`Objective ${data.objectiveId} already exists`);
  assertCycleAllows(facts.cycle, data.cycleId, goalChangingCycle, 'define an objective');
  if (!facts.ownerExists) {
    throw new RuleViolated(`${describeOwner(data.owner)} is not known in this organisation`, {
      owner: 'unknown owner',
    });
  }
  return [
    {
      type: 'ObjectiveDefined',
      data: {
        objectiveId: data.objectiveId,
        cycleId: data.cycleId,
        title: clean(data.title),
        description: clean(data.description),
        owner: { kind: data.owner.kind, id: data.owner.id.trim() },
        kind: data.kind,
        visibility: data.visibility,
        ...(data.fromProposalId === undefined ? {} : { fromProposalId: data.fromProposalId }),
        ...(data.fromTemplateId === undefined ? {} : { fromTemplateId: data.fromTemplateId }),
      },
    },
  ];
};
