import { Injectable } from '@nestjs/common';
import { proposalNotFound, type ProposalStatus, type Unit } from '@rhythm/goals-domain';
import { GoalsReadModels } from '../../read-models/goals-read-models';
import { objectiveOfCard } from '../../read-models/objective-cards.projection';
import type {
  ProposalCommentEntry,
  ProposalDocument,
  SuggestionEntry,
} from '../../read-models/proposals.projection';
import { ownerKey } from '../../read-models/read-model-keys';
import { VisibilityGate, type Reader } from '../visibility/visibility.gate';

export type ProposalView = Readonly<{
  proposalId: string;
  cycleId: string;
  unit: Unit;
  proposer: string;
  subject: ProposalDocument['subject'];
  status: ProposalStatus;
  revision: number;
  comments: readonly Omit<ProposalCommentEntry, 'order'>[];
  suggestions: readonly (Omit<SuggestionEntry, 'order' | 'addressedIn'> & {
    addressedIn: number | null;
  })[];
  lastReturn: ProposalDocument['lastReturn'] | null;
  approval: ProposalDocument['approval'] | null;
  withdrawal: ProposalDocument['withdrawal'] | null;
  proposedAt: string;
  updatedAt: string;
}>;

export type ProposalCriteria = Readonly<{
  unit?: Unit;
  cycleId?: string;
  status?: ProposalStatus;
}>;

const inOrder = <T extends { order: number }>(entries: Record<string, T> | undefined) =>
  Object.values(entries ?? {}).sort((a, b) => a.order - b.order);

const proposalView = (proposal: ProposalDocument): ProposalView => ({
  proposalId: proposal.proposalId,
  cycleId: proposal.cycleId,
  unit: proposal.unit,
  proposer: proposal.proposer,
  subject: proposal.subject,
  status: proposal.status,
  revision: proposal.revision,
  comments: inOrder(proposal.comments).map(({ order: _order, ...comment }) => comment),
  suggestions: inOrder(proposal.suggestions).map(({ order: _order, addressedIn, ...rest }) => ({
    ...rest,
    addressedIn: addressedIn ?? null,
  })),
  lastReturn: proposal.lastReturn ?? null,
  approval: proposal.approval ?? null,
  withdrawal: proposal.withdrawal ?? null,
  proposedAt: proposal.proposedAt,
  updatedAt: proposal.updatedAt,
});

/** Proposals and their discussion, as visible as what they would become. */
@Injectable()
export class ProposalQueries {
  constructor(
    private readonly readModels: GoalsReadModels,
    private readonly visibility: VisibilityGate,
  ) {}

  async proposals(reader: Reader, criteria: ProposalCriteria): Promise<ProposalView[]> {
    const found = await this.readModels.proposals.search(reader.tenantId, {
      ...(criteria.unit === undefined ? {} : { unitKey: ownerKey(criteria.unit) }),
      ...(criteria.cycleId === undefined ? {} : { cycleId: criteria.cycleId }),
      ...(criteria.status === undefined ? {} : { status: criteria.status }),
    });
    const visible = await this.visible(reader, found);
    return visible.map(proposalView);
  }

  async proposal(reader: Reader, proposalId: string): Promise<ProposalView> {
    const found = await this.readModels.proposals.proposal(reader.tenantId, proposalId);
    const [visible] = found ? await this.visible(reader, [found]) : [];
    if (!visible) throw proposalNotFound(proposalId);
    return proposalView(visible);
  }

  /** The proposals the visibility gate lets the reader see, in their order. */
  private async visible(
    reader: Reader,
    proposals: readonly ProposalDocument[],
  ): Promise<ProposalDocument[]> {
    const targets = [
      ...new Set(
        proposals.flatMap((p) => (p.subject.kind === 'key-result' ? [p.subject.objectiveId] : [])),
      ),
    ];
    const objectives = new Map(
      (targets.length === 0 ? [] : await this.readModels.cards.some(reader.tenantId, targets)).map(
        (card) => [card.objectiveId, objectiveOfCard(card)],
      ),
    );
    const seen = await Promise.all(
      proposals.map((proposal) =>
        this.visibility.seesProposal(
          reader,
          proposal,
          proposal.subject.kind === 'key-result'
            ? objectives.get(proposal.subject.objectiveId)
            : undefined,
        ),
      ),
    );
    return proposals.filter((_, index) => seen[index]);
  }
}
