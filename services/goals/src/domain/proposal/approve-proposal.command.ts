import { RuleViolated, assertNever, type Problem, rejectInvalid } from '@rhythm/event-sourcing';
import type { Command } from '../command';
import type { CycleStanding } from '../cycle/cycle.state';
import { maxKeyResults } from '../objective/objective-draft';
import { assertCycleAllows, goalChangingCycle } from '../objective/objective.rules';
import type { ObjectiveStatus } from '../objective/objective.state';
import type { ProposalApproved, ProposalOutcome } from './proposal.events';
import { assertMayDecide, assertProposalIn, existingProposal } from './proposal.rules';
import type { Proposal, ProposalState } from './proposal.state';

export type ApproveProposal = Command<
  'ApproveProposal',
  {
    proposalId: string;
    /** Ids for what the approval creates: a new objective id for an objective proposal. */
    objectiveId?: string;
    /** One per proposed key result, in order. */
    keyResultIds: readonly string[];
  },
  {
    cycle: CycleStanding;
    /** For a key result proposal: the objective it goes to, as it is now. */
    objective?: Readonly<{ status: ObjectiveStatus; keyResultCount: number }> | 'none';
  }
>;

/**
 * The unit's lead (or an admin) approves: the proposal becomes part of the unit's OKRs — the
 * approved-proposal process creates the objective (as a draft, for the lead to activate) or adds
 * the key result.
 */
export const approveProposal = (
  command: ApproveProposal,
  state: ProposalState,
): ProposalApproved[] => {
  const { data, facts } = command;
  const proposal = existingProposal(state, data.proposalId);
  assertMayDecide(command.actor, proposal, 'approve proposals for it');
  rejectInvalid(idsProblems(proposal, data));
  if (proposal.status === 'approved') return [];
  assertProposalIn(proposal, ['open'], 'approve the proposal');
  assertCycleAllows(facts.cycle, proposal.cycleId, goalChangingCycle, 'approve a proposal');
  const outcome = outcomeOf(proposal, data, facts.objective);
  return [
    {
      type: 'ProposalApproved',
      data: {
        proposalId: proposal.proposalId,
        approvedBy: command.actor.personId,
        revision: proposal.revision,
        cycleId: proposal.cycleId,
        unit: proposal.unit,
        proposer: proposal.proposer,
        subject: proposal.subject,
        outcome,
      },
    },
  ];
};

/** The ids for what the approval creates: one per thing the proposal's subject makes. */
const idsProblems = (
  { subject }: Proposal,
  data: ApproveProposal['data'],
): Record<string, Problem> => {
  switch (subject.kind) {
    case 'objective':
      return {
        objectiveId: idProblem(data.objectiveId),
        keyResultIds: idsProblem(data.keyResultIds, subject.draft.keyResults.length),
      };
    case 'key-result':
      return { keyResultIds: idsProblem(data.keyResultIds, 1) };
    default:
      return assertNever(subject);
  }
};

/** What the approval creates, under the rules of the objective a key result goes to. */
const outcomeOf = (
  proposal: Proposal,
  data: ApproveProposal['data'],
  objective: ApproveProposal['facts']['objective'],
): ProposalOutcome => {
  const { subject } = proposal;
  switch (subject.kind) {
    case 'objective':
      return {
        kind: 'objective',
        objectiveId: data.objectiveId as string,
        keyResultIds: data.keyResultIds,
      };
    case 'key-result': {
      if (objective === undefined || objective === 'none') {
        throw new RuleViolated(`Objective ${subject.objectiveId} no longer exists`, {
          objectiveId: 'not found',
        });
      }
      if (objective.status !== 'draft' && objective.status !== 'active') {
        throw new RuleViolated(`Objective ${subject.objectiveId} is ${objective.status}`, {
          objectiveId: objective.status,
        });
      }
      if (objective.keyResultCount >= maxKeyResults) {
        throw new RuleViolated(
          `Objective ${subject.objectiveId} already has ${maxKeyResults} key results, the most an objective may have; drop one first`,
          { objectiveId: `at most ${maxKeyResults} key results` },
        );
      }
      return {
        kind: 'key-result',
        objectiveId: subject.objectiveId,
        keyResultId: data.keyResultIds[0],
      };
    }
    default:
      return assertNever(subject);
  }
};

const idProblem = (id: string | undefined): Problem =>
  id === undefined || id.trim() === '' ? 'must name the new objective' : undefined;

const idsProblem = (ids: readonly string[], wanted: number): Problem => {
  if (ids.length !== wanted) return `must name ${wanted} key result id${wanted === 1 ? '' : 's'}`;
  if (ids.some((id) => id.trim() === '')) return 'must not contain empty ids';
  return new Set(ids).size === ids.length ? undefined : 'must not repeat an id';
};
