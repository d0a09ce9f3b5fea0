import { RuleViolated } from '@rhythm/event-sourcing';
import { objectiveDecider } from '../objective/objective.decider';
import type { ObjectiveEvent } from '../objective/objective.events';
import type { ObjectiveState } from '../objective/objective.state';
import { ann } from '../testing/actors.fixtures';
import { cycleId } from '../testing/cycle.fixtures';
import { activeObjective } from '../testing/objective.fixtures';
import { npsDraft, objectiveDraft, proposalId } from '../testing/proposal.fixtures';
import type { ApprovalContext } from './approved-proposal.process';
import { objectiveCommandsForApproval } from './approved-proposal.process';
import type { ProposalApproved } from './proposal.events';

const context: ApprovalContext = {
  actor: ann,
  cycle: 'active',
  unitExists: true,
  unknownPeople: [],
};

/** Runs commands one after the other through the objective decider, as the application would. */
const run = (
  given: readonly ObjectiveEvent[],
  commands: ReturnType<typeof objectiveCommandsForApproval>,
) => {
  let state: ObjectiveState = given.reduce(
    objectiveDecider.evolve,
    objectiveDecider.initialState(),
  );
  const events: ObjectiveEvent[] = [];
  for (const command of commands) {
    const decided = objectiveDecider.decide(command, state);
    state = decided.reduce(objectiveDecider.evolve, state);
    events.push(...decided);
  }
  return { state, events };
};

const objectiveApproval: ProposalApproved['data'] = {
  proposalId,
  approvedBy: 'ann',
  revision: 1,
  cycleId,
  unit: { kind: 'squad', id: 'checkout' },
  proposer: 'eve',
  subject: { kind: 'objective', draft: objectiveDraft },
  outcome: { kind: 'objective', objectiveId: 'loved-checkout', keyResultIds: ['checkout-nps'] },
};

const keyResultApproval: ProposalApproved['data'] = {
  ...objectiveApproval,
  subject: { kind: 'key-result', objectiveId: 'effortless-checkout', draft: npsDraft },
  outcome: { kind: 'key-result', objectiveId: 'effortless-checkout', keyResultId: 'checkout-nps' },
};

describe('An approved proposal becomes part of the unit’s OKRs', () => {
  it('an objective proposal creates the objective as a draft with its key results', () => {
    const { state, events } = run([], objectiveCommandsForApproval(objectiveApproval, context));
    expect(events).toEqual([
      {
        type: 'ObjectiveDefined',
        data: {
          objectiveId: 'loved-checkout',
          cycleId,
          title: objectiveDraft.title,
          description: objectiveDraft.description,
          owner: { kind: 'squad', id: 'checkout' },
          kind: 'aspirational',
          visibility: 'public',
          fromProposalId: proposalId,
        },
      },
      {
        type: 'KeyResultAdded',
        data: {
          objectiveId: 'loved-checkout',
          keyResultId: 'checkout-nps',
          ...npsDraft,
          fromProposalId: proposalId,
        },
      },
    ]);
    expect(state).toMatchObject({ status: 'draft', owner: { kind: 'squad', id: 'checkout' } });
  });

  it('a key result proposal adds the key result to the objective', () => {
    const { events } = run(
      activeObjective,
      objectiveCommandsForApproval(keyResultApproval, context),
    );
    expect(events).toEqual([
      {
        type: 'KeyResultAdded',
        data: {
          objectiveId: 'effortless-checkout',
          keyResultId: 'checkout-nps',
          ...npsDraft,
          fromProposalId: proposalId,
        },
      },
    ]);
  });

  it('the objective rules still hold: an unknown person cannot own the key result', () =>
    expect(() =>
      run(
        activeObjective,
        objectiveCommandsForApproval(keyResultApproval, { ...context, unknownPeople: ['bob'] }),
      ),
    ).toThrow(RuleViolated));

  it('refuses an approval whose outcome does not match its subject', () =>
    expect(() =>
      objectiveCommandsForApproval(
        { ...objectiveApproval, outcome: keyResultApproval.outcome },
        context,
      ),
    ).toThrow(/Inconsistent approval/));
});
