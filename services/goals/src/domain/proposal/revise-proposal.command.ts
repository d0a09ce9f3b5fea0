import { ValidationFailed, assertNever, type Problem, rejectInvalid } from '@rhythm/event-sourcing';
import type { Command } from '../command';
import {
  cleanKeyResultDraft,
  cleanObjectiveDraft,
  keyResultDraftProblems,
  objectiveDraftProblems,
} from '../objective/objective-draft';
import type { KeyResultDraft, ObjectiveDraft } from '../objective/objective-draft';
import type { ProposalRevised, ProposalSubject } from './proposal.events';
import {
  assertIsProposer,
  assertProposalIn,
  existingProposal,
  rejectUnknownOwners,
  unknownOwnerProblems,
} from './proposal.rules';
import type { Proposal, ProposalState } from './proposal.state';

/** The new version of what is proposed: of the same kind as the proposal. */
export type RevisedDraft =
  | Readonly<{ kind: 'objective'; draft: ObjectiveDraft }>
  | Readonly<{ kind: 'key-result'; draft: KeyResultDraft }>;

export type ReviseProposal = Command<
  'ReviseProposal',
  { proposalId: string; revised: RevisedDraft; addressedSuggestionIds: readonly string[] },
  { unknownPeople: readonly string[] }
>;

/** The proposer answers comments and suggestions with a new version, also after a return. */
export const reviseProposal = (
  command: ReviseProposal,
  state: ProposalState,
): ProposalRevised[] => {
  const { data, facts } = command;
  const proposal = existingProposal(state, data.proposalId);
  assertIsProposer(command.actor, proposal, 'revise it');
  const subject = revisedSubject(proposal, data.revised);
  const known = new Set(proposal.suggestions.map((s) => s.suggestionId));
  const unknownSuggestions = data.addressedSuggestionIds.filter((id) => !known.has(id));
  rejectInvalid({
    addressedSuggestionIds:
      unknownSuggestions.length === 0
        ? undefined
        : `unknown suggestions ${unknownSuggestions.join(', ')}`,
  });
  assertProposalIn(proposal, ['open', 'returned'], 'revise the proposal');
  rejectUnknownOwners(unknownOwnerProblems(ownersOf(subject), facts.unknownPeople));
  const unchanged = JSON.stringify(subject) === JSON.stringify(proposal.subject);
  if (unchanged && data.addressedSuggestionIds.length === 0) return [];
  return [
    {
      type: 'ProposalRevised',
      data: {
        proposalId: proposal.proposalId,
        revision: proposal.revision + 1,
        subject,
        addressedSuggestionIds: data.addressedSuggestionIds,
      },
    },
  ];
};

const revisedSubject = (proposal: Proposal, revised: RevisedDraft): ProposalSubject => {
  const current = proposal.subject;
  if (revised.kind !== current.kind) {
    throw new ValidationFailed(
      `This proposal is for ${current.kind === 'objective' ? 'an objective' : 'a key result'}`,
      {
        'revised.kind': `must be ${current.kind}`,
      },
    );
  }
  switch (revised.kind) {
    case 'objective':
      rejectInvalid(prefixed('revised.draft', objectiveDraftProblems(revised.draft)));
      return { kind: 'objective', draft: cleanObjectiveDraft(revised.draft) };
    case 'key-result':
      if (current.kind !== 'key-result') throw new Error('kinds were checked above');
      rejectInvalid(keyResultDraftProblems(revised.draft, 'revised.draft'));
      return {
        kind: 'key-result',
        objectiveId: current.objectiveId,
        draft: cleanKeyResultDraft(revised.draft),
      };
    default:
      return assertNever(revised);
  }
};

const prefixed = (prefix: string, problems: Record<string, Problem>): Record<string, Problem> =>
  Object.fromEntries(
    Object.entries(problems).map(([field, problem]) => [`${prefix}.${field}`, problem]),
  );

const ownersOf = (subject: ProposalSubject) => {
  switch (subject.kind) {
    case 'objective':
      return subject.draft.keyResults.map((keyResult, index) => ({
        ...keyResult,
        field: `revised.draft.keyResults.${index}.owner`,
      }));
    case 'key-result':
      return [{ ...subject.draft, field: 'revised.draft.owner' }];
    default:
      return assertNever(subject);
  }
};
