import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  CommandHandler,
  outcomeOf,
  type CallerRevision,
  type Clock,
  type CommandContext,
  type CommandOutcome,
  type EventStore,
  type NewEvent,
} from '@rhythm/event-sourcing';
import { commandContextOf, type AuthenticatedActor } from '@rhythm/identity';
import {
  goalsStreams,
  objectiveCommandsForApproval,
  proposalDecider,
  type Actor,
  type KeyResultDraft,
  type ObjectiveDraft,
  type ProposalApproved,
  type ProposalCommand,
  type ProposalEvent,
  type ProposalState,
  type RevisedDraft,
  type Unit,
} from '../../goals-domain';
import { GOALS_CLOCK, GOALS_EVENT_STORE } from '../../infrastructure/goals-tokens';
import { GoalsFactsReader } from '../goals-facts.reader';
import { VisibilityGate, type Reader } from '../visibility/visibility.gate';
import { approvalSteps, remainingSteps } from './approved-proposal.steps';

/** What an approval created, beside the proposal's own revision. */
export type ApprovalOutcome = CommandOutcome &
  Readonly<{ objectiveId?: string; keyResultIds: readonly string[] }>;

const handle = CommandHandler(proposalDecider);
const handleApprovalSteps = CommandHandler(approvalSteps);

/**
 * Setting OKRs together: anyone proposes an objective or a key result for a unit, others comment
 * and suggest, the proposer revises, the unit's lead (or an admin) approves or returns it.
 * Approving runs the approved-proposal process in the same request: the objective (with its key
 * results) or the key result is created through the objective decider like any other.
 */
@Injectable()
export class ProposalCommandHandlers {
  constructor(
    @Inject(GOALS_EVENT_STORE) private readonly store: EventStore,
    @Inject(GOALS_CLOCK) private readonly clock: Clock,
    private readonly facts: GoalsFactsReader,
    private readonly visibility: VisibilityGate,
  ) {}

  async proposeObjective(
    issuer: AuthenticatedActor,
    input: Readonly<{ cycleId: string; unit: Unit; draft: ObjectiveDraft }>,
  ): Promise<CommandOutcome> {
    const proposalId = randomUUID();
    const unit: Unit =
      input.unit.kind === 'company' ? { kind: 'company', id: issuer.tenantId } : input.unit;
    await this.facts.requireOwner(issuer.tenantId, unit);
    const [actor, cycle, unknownPeople] = await Promise.all([
      this.facts.actor(issuer),
      this.facts.cycleStanding(issuer.tenantId, input.cycleId),
      this.facts.unknownPeople(
        issuer.tenantId,
        input.draft.keyResults.map((keyResult) => keyResult.owner),
      ),
    ]);
    return this.run(issuer, proposalId, undefined, {
      type: 'ProposeObjective',
      actor,
      data: { proposalId, cycleId: input.cycleId, unit, draft: input.draft },
      facts: { cycle, unitExists: true, unknownPeople },
    });
  }

  async proposeKeyResult(
    issuer: AuthenticatedActor,
    input: Readonly<{ objectiveId: string; draft: KeyResultDraft }>,
  ): Promise<CommandOutcome> {
    const proposalId = randomUUID();
    const { actor, reader } = await this.caller(issuer);
    // An objective the proposer may not see is missing to them: the decider answers NotFound.
    const [objective, ownerExists] = await Promise.all([
      this.facts.objectiveSeenBy(reader, input.objectiveId),
      this.facts.ownerKnown(issuer.tenantId, { kind: 'person', id: input.draft.owner.trim() }),
    ]);
    const cycle =
      objective.status === 'none'
        ? 'none'
        : await this.facts.cycleStanding(issuer.tenantId, objective.cycleId);
    return this.run(issuer, proposalId, undefined, {
      type: 'ProposeKeyResult',
      actor,
      data: { proposalId, objectiveId: input.objectiveId, draft: input.draft },
      facts: {
        cycle,
        objective:
          objective.status === 'none'
            ? 'none'
            : {
                cycleId: objective.cycleId,
                owner: objective.owner,
                status: objective.status,
                keyResultCount: objective.keyResults.length,
              },
        ownerExists,
      },
    });
  }

  async comment(
    issuer: AuthenticatedActor,
    proposalId: string,
    text: string,
    expected: CallerRevision,
  ): Promise<CommandOutcome & Readonly<{ commentId: string }>> {
    const commentId = randomUUID();
    const { actor, reader } = await this.caller(issuer);
    const outcome = await this.run(
      issuer,
      proposalId,
      expected,
      { type: 'CommentOnProposal', actor, data: { proposalId, commentId, text } },
      undefined,
      reader,
    );
    return { ...outcome, commentId };
  }

  async suggest(
    issuer: AuthenticatedActor,
    proposalId: string,
    text: string,
    expected: CallerRevision,
  ): Promise<CommandOutcome & Readonly<{ suggestionId: string }>> {
    const suggestionId = randomUUID();
    const { actor, reader } = await this.caller(issuer);
    const outcome = await this.run(
      issuer,
      proposalId,
      expected,
      { type: 'SuggestChange', actor, data: { proposalId, suggestionId, text } },
      undefined,
      reader,
    );
    return { ...outcome, suggestionId };
  }

  async revise(
    issuer: AuthenticatedActor,
    proposalId: string,
    input: Readonly<{ revised: RevisedDraft; addressedSuggestionIds?: readonly string[] }>,
    expected: CallerRevision,
  ): Promise<CommandOutcome> {
    const owners =
      input.revised.kind === 'objective'
        ? input.revised.draft.keyResults.map((keyResult) => keyResult.owner)
        : [input.revised.draft.owner];
    const [{ actor, reader }, unknownPeople] = await Promise.all([
      this.caller(issuer),
      this.facts.unknownPeople(issuer.tenantId, owners),
    ]);
    return this.run(
      issuer,
      proposalId,
      expected,
      {
        type: 'ReviseProposal',
        actor,
        data: {
          proposalId,
          revised: input.revised,
          addressedSuggestionIds: input.addressedSuggestionIds ?? [],
        },
        facts: { unknownPeople },
      },
      undefined,
      reader,
    );
  }

  async resubmit(issuer: AuthenticatedActor, proposalId: string, expected: CallerRevision) {
    const { actor, reader } = await this.caller(issuer);
    return this.run(
      issuer,
      proposalId,
      expected,
      { type: 'ResubmitProposal', actor, data: { proposalId } },
      undefined,
      reader,
    );
  }

  async return(
    issuer: AuthenticatedActor,
    proposalId: string,
    reason: string,
    expected: CallerRevision,
  ) {
    const { actor, reader } = await this.caller(issuer);
    return this.run(
      issuer,
      proposalId,
      expected,
      { type: 'ReturnProposal', actor, data: { proposalId, reason } },
      reason,
      reader,
    );
  }

  async withdraw(
    issuer: AuthenticatedActor,
    proposalId: string,
    reason: string | undefined,
    expected: CallerRevision,
  ) {
    const { actor, reader } = await this.caller(issuer);
    return this.run(
      issuer,
      proposalId,
      expected,
      {
        type: 'WithdrawProposal',
        actor,
        data: { proposalId, ...(reason === undefined ? {} : { reason }) },
      },
      reason,
      reader,
    );
  }

  /**
   * The unit's lead approves; then the approved-proposal process creates what was proposed.
   * Approving an approved proposal again changes nothing on the proposal and completes the
   * process if it was cut short (each step is guarded by what already exists).
   */
  async approve(
    issuer: AuthenticatedActor,
    proposalId: string,
    expected: CallerRevision,
  ): Promise<ApprovalOutcome> {
    const { actor, reader } = await this.caller(issuer);
    const context = commandContextOf(issuer, this.clock.now());
    const streamId = goalsStreams.proposal(issuer.tenantId, proposalId);
    const approveFor = async (proposal: ProposalState): Promise<ProposalCommand> => {
      if (proposal.status === 'none') {
        return {
          type: 'ApproveProposal',
          actor,
          data: { proposalId, keyResultIds: [] },
          facts: { cycle: 'none' },
        };
      }
      const { subject } = proposal;
      const cycle = await this.facts.cycleStanding(issuer.tenantId, proposal.cycleId);
      if (subject.kind === 'objective') {
        return {
          type: 'ApproveProposal',
          actor,
          data: {
            proposalId,
            objectiveId: randomUUID(),
            keyResultIds: subject.draft.keyResults.map(() => randomUUID()),
          },
          facts: { cycle },
        };
      }
      const objective = await this.facts.objective(issuer.tenantId, subject.objectiveId);
      return {
        type: 'ApproveProposal',
        actor,
        data: { proposalId, keyResultIds: [randomUUID()] },
        facts: {
          cycle,
          objective:
            objective.status === 'none'
              ? 'none'
              : { status: objective.status, keyResultCount: objective.keyResults.length },
        },
      };
    };
    const approved = await handle(
      this.store,
      streamId,
      async (proposal) => proposalDecider.decide(await approveFor(proposal), proposal),
      { context, expectedRevision: expected, admit: this.admit(reader, proposalId) },
    );
    const outcome = outcomeOf(proposalId, approved);
    const approval = approved.newEvents.find(isApproval) ?? (await this.recordedApproval(streamId));
    if (approval === undefined) return { ...outcome, keyResultIds: [] };
    await this.createApproved(issuer, actor, approval, {
      ...context,
      causationId: approval.metadata.eventId,
    });
    const created = approval.data.outcome;
    return {
      ...outcome,
      objectiveId: created.objectiveId,
      keyResultIds: created.kind === 'objective' ? created.keyResultIds : [created.keyResultId],
    };
  }

  /** The approved-proposal process: the objective commands an approval gives rise to. */
  private async createApproved(
    issuer: AuthenticatedActor,
    approver: Actor,
    approval: NewEvent<ProposalApproved>,
    context: CommandContext,
  ): Promise<void> {
    const approved = approval.data;
    const owners =
      approved.subject.kind === 'objective'
        ? approved.subject.draft.keyResults.map((keyResult) => keyResult.owner)
        : [approved.subject.draft.owner];
    const [cycle, unitExists, unknownPeople] = await Promise.all([
      this.facts.cycleStanding(issuer.tenantId, approved.cycleId),
      this.facts.ownerKnown(issuer.tenantId, approved.unit),
      this.facts.unknownPeople(issuer.tenantId, owners),
    ]);
    const commands = objectiveCommandsForApproval(approved, {
      actor: approver,
      cycle,
      unitExists,
      unknownPeople,
    });
    await handleApprovalSteps(
      this.store,
      goalsStreams.objective(issuer.tenantId, approved.outcome.objectiveId),
      remainingSteps(commands),
      { context },
    );
  }

  /** The approval recorded by an earlier request, for approving again. */
  private async recordedApproval(
    streamId: string,
  ): Promise<NewEvent<ProposalApproved> | undefined> {
    const recorded = await this.store.readStream<ProposalEvent>(streamId);
    return recorded.find(isApproval);
  }

  /** Who acts: the actor the deciders judge, the reader the visibility gate judges. */
  private async caller(issuer: AuthenticatedActor): Promise<{ actor: Actor; reader: Reader }> {
    const [actor, reader] = await Promise.all([
      this.facts.actor(issuer),
      this.visibility.readerOf(issuer),
    ]);
    return { actor, reader };
  }

  /**
   * The visibility gate of a proposal that exists: one the reader may not see answers as a
   * missing one, before the revision and every rule (ADR 0030).
   */
  private admit(reader: Reader, proposalId: string) {
    return this.visibility.proposal(reader, proposalId, (objectiveId) =>
      this.facts.objective(reader.tenantId, objectiveId),
    );
  }

  /** A proposal command; `reader` for one on an existing proposal, to be admitted first. */
  private async run(
    issuer: AuthenticatedActor,
    proposalId: string,
    expected: CallerRevision,
    command: ProposalCommand,
    reason?: string,
    reader?: Reader,
  ): Promise<CommandOutcome> {
    const result = await handle(
      this.store,
      goalsStreams.proposal(issuer.tenantId, proposalId),
      (proposal) => proposalDecider.decide(command, proposal),
      {
        context: commandContextOf(issuer, this.clock.now(), reason),
        expectedRevision: expected,
        ...(reader === undefined ? {} : { admit: this.admit(reader, proposalId) }),
      },
    );
    return outcomeOf(proposalId, result);
  }
}

const isApproval = <Recorded extends NewEvent<ProposalEvent>>(
  event: Recorded,
): event is Recorded & NewEvent<ProposalApproved> => event.type === 'ProposalApproved';
