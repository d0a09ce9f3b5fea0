import { Inject, Injectable } from '@nestjs/common';
import type { AuthenticatedActor } from '@rhythm/identity';
import { TenantId } from '@rhythm/projections';
import {
  objectiveNotFound,
  proposalNotFound,
  type ObjectiveState,
  type Owner,
  type ProposalState,
  type ProposalSubject,
  type Unit,
} from '../../goals-domain';
import { ownerKey } from '../../read-models/read-model-keys';
import { ORG_DIRECTORY, type OrgDirectory } from '../org-directory.port';
import {
  asksOwnerTribe,
  mayView,
  subjectOf,
  subjectOfProposedObjective,
  viewerOf,
  type Viewer,
  type VisibilitySubject,
} from '@rhythm/access-rules';

/** Who reads or acts, in which organisation: every query and every gated command takes one. */
export type Reader = Readonly<{ tenantId: TenantId; viewer: Viewer }>;

/** Whatever the rule can judge: a folded objective, a read-model one, one as it stood then. */
type Judged = Parameters<typeof subjectOf>[0];

/** What the rule needs of a proposal, folded or read. */
type ProposalLike = Readonly<{ unit: Unit; proposer: string; subject: ProposalSubject }>;

const missing: ObjectiveState = { status: 'none' };

/**
 * The one gate of the goals service between a caller and an objective or a proposal: every query
 * and every command about one asks it before anything else (ADR 0030). An objective the caller may
 * not see is, to them, an objective that does not exist: left out of lists, trees and histories,
 * and refused with the very NotFound an unknown id gets — before any rule that could tell the two
 * apart (an If-Match revision, a 403 naming its lead, a 409 about its state).
 */
@Injectable()
export class VisibilityGate {
  constructor(@Inject(ORG_DIRECTORY) private readonly directory: OrgDirectory) {}

  /** The caller as the rules see them: the token's person and roles, the directory's memberships. */
  async readerOf(actor: AuthenticatedActor): Promise<Reader> {
    const person = await this.directory.person(actor.tenantId, actor.personId);
    return {
      tenantId: TenantId.of(actor.tenantId),
      viewer: viewerOf(actor.personId, actor.roles, person),
    };
  }

  /** Of these objectives, the ones the reader may see, in their order. */
  async visible<T extends Judged>(reader: Reader, objectives: readonly T[]): Promise<T[]> {
    const subjects = objectives.map(subjectOf);
    const tribes = await this.tribesAsked(reader, subjects);
    return objectives.filter((_, index) =>
      mayView(reader.viewer, subjects[index], tribes.get(ownerKey(subjects[index].owner))),
    );
  }

  /** Whether the reader may see this objective; one that does not exist, they may not. */
  async sees(reader: Reader, objective: ObjectiveState): Promise<boolean> {
    if (objective.status === 'none') return false;
    return (await this.visible(reader, [objective])).length === 1;
  }

  /**
   * An objective reached through another (the parent of an alignment, the objective of a proposal
   * or of an ambition's link), as the reader may know it: missing when they may not see it.
   */
  async reached(reader: Reader, objective: ObjectiveState): Promise<ObjectiveState> {
    return (await this.sees(reader, objective)) ? objective : missing;
  }

  /**
   * The `admit` of a command on an existing objective's stream: one that does not exist and one
   * the reader may not see are refused alike, whatever revision the caller sent.
   */
  objective(reader: Reader, objectiveId: string): (state: ObjectiveState) => Promise<void> {
    return async (state) => {
      if (!(await this.sees(reader, state))) throw objectiveNotFound(objectiveId);
    };
  }

  /**
   * A proposed key result is as visible as its objective (`target`, as the caller found it; its
   * proposer included); a proposed objective as the objective it would become, and to its proposer.
   */
  async seesProposal(
    reader: Reader,
    proposal: ProposalLike,
    target: ObjectiveState | undefined,
  ): Promise<boolean> {
    const { subject } = proposal;
    if (subject.kind === 'key-result' && target !== undefined && target.status !== 'none') {
      return this.sees(reader, target);
    }
    if (reader.viewer.personId === proposal.proposer) return true;
    // An objective the read side has not caught up with yet is taken for a private one.
    const judged = subjectOfProposedObjective(
      proposal.unit,
      subject.kind === 'objective' ? subject.draft.visibility : 'private',
    );
    const tribes = await this.tribesAsked(reader, [judged]);
    return mayView(reader.viewer, judged, tribes.get(ownerKey(judged.owner)));
  }

  /**
   * The `admit` of a command on an existing proposal's stream; `targetOf` folds the objective a
   * proposed key result is for.
   */
  proposal(
    reader: Reader,
    proposalId: string,
    targetOf: (objectiveId: string) => Promise<ObjectiveState>,
  ): (state: ProposalState) => Promise<void> {
    return async (state) => {
      const seen =
        state.status !== 'none' &&
        (await this.seesProposal(
          reader,
          state,
          state.subject.kind === 'key-result'
            ? await targetOf(state.subject.objectiveId)
            : undefined,
        ));
      if (!seen) throw proposalNotFound(proposalId);
    };
  }

  /**
   * The tribes of the owning squads and chapters the rule must ask about (asksOwnerTribe): one
   * directory round trip, and none at all for everyone but tribe leads.
   */
  private async tribesAsked(
    { tenantId, viewer }: Reader,
    subjects: readonly VisibilitySubject[],
  ): Promise<Map<string, string>> {
    const asked = new Map<string, Owner>();
    for (const subject of subjects) {
      if (asksOwnerTribe(viewer, subject)) asked.set(ownerKey(subject.owner), subject.owner);
    }
    if (asked.size === 0) return new Map();
    const labels = await this.directory.labelsOf(tenantId, [...asked.values()]);
    return new Map(
      labels.flatMap((label) =>
        label.tribeId === undefined ? [] : [[ownerKey(label), label.tribeId] as const],
      ),
    );
  }
}
