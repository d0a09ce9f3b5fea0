import { assertNever } from '@rhythm/event-sourcing';
import type { Actor } from '../actor';
import type { CycleStanding } from '../cycle/cycle.state';
import type { AddKeyResult } from '../objective/add-key-result.command';
import type { DefineObjective } from '../objective/define-objective.command';
import type { KeyResultDraft } from '../objective/objective-draft';
import type { ProposalApproved } from './proposal.events';

/** What the application knows when it reacts to an approval. */
export type ApprovalContext = Readonly<{
  /** The approver as the org read model knows them now (they lead the unit, or are an admin). */
  actor: Actor;
  cycle: CycleStanding;
  unitExists: boolean;
  unknownPeople: readonly string[];
}>;

/**
 * The process that makes an approval real: from a ProposalApproved event, the ordinary objective
 * commands that create the objective (a draft with its key results) or add the key result. They
 * pass through the objective decider like any other command, so every rule still holds.
 */
export const objectiveCommandsForApproval = (
  approved: ProposalApproved['data'],
  context: ApprovalContext,
): (DefineObjective | AddKeyResult)[] => {
  const { subject, outcome } = approved;
  switch (subject.kind) {
    case 'objective': {
      if (outcome.kind !== 'objective')
        throw new Error(`Inconsistent approval ${approved.proposalId}`);
      const define: DefineObjective = {
        type: 'DefineObjective',
        actor: context.actor,
        data: {
          objectiveId: outcome.objectiveId,
          cycleId: approved.cycleId,
          title: subject.draft.title,
          description: subject.draft.description,
          owner: approved.unit,
          kind: subject.draft.kind,
          visibility: subject.draft.visibility,
          fromProposalId: approved.proposalId,
        },
        facts: { cycle: context.cycle, ownerExists: context.unitExists },
      };
      return [
        define,
        ...subject.draft.keyResults.map((draft, index) =>
          addKeyResult(approved, outcome.objectiveId, outcome.keyResultIds[index], draft, context),
        ),
      ];
    }
    case 'key-result':
      if (outcome.kind !== 'key-result')
        throw new Error(`Inconsistent approval ${approved.proposalId}`);
      return [
        addKeyResult(approved, outcome.objectiveId, outcome.keyResultId, subject.draft, context),
      ];
    default:
      return assertNever(subject);
  }
};

const addKeyResult = (
  approved: ProposalApproved['data'],
  objectiveId: string,
  keyResultId: string,
  draft: KeyResultDraft,
  context: ApprovalContext,
): AddKeyResult => ({
  type: 'AddKeyResult',
  actor: context.actor,
  data: { objectiveId, keyResultId, ...draft, fromProposalId: approved.proposalId },
  facts: { cycle: context.cycle, ownerExists: !context.unknownPeople.includes(draft.owner) },
});
