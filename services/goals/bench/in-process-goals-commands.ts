import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import type { CommandOutcome } from '@rhythm/event-sourcing';
import type { AuthenticatedActor } from '@rhythm/identity';
import { AmbitionCommandHandlers } from '../src/application/ambitions/ambition-command.handlers';
import { CycleCommandHandlers } from '../src/application/cycles/cycle-command.handlers';
import { ObjectiveCommandHandlers } from '../src/application/objectives/objective-command.handlers';
import { ProposalCommandHandlers } from '../src/application/proposals/proposal-command.handlers';
import type { BenchKeyResult, BenchObjective, ObjectivePlan, OkrChange } from './okr-workload';

/**
 * The goals command handlers the HTTP controllers call, called in-process: what the generator
 * uses to fill the store fast. Every command goes through the same facts, deciders and appends.
 */
export class InProcessGoalsCommands {
  private readonly cycles: CycleCommandHandlers;
  private readonly objectives: ObjectiveCommandHandlers;
  private readonly proposals: ProposalCommandHandlers;
  private readonly ambitions: AmbitionCommandHandlers;

  constructor(
    app: INestApplication,
    private readonly tenantId: string,
    private readonly adminId: string,
  ) {
    this.cycles = app.get(CycleCommandHandlers);
    this.objectives = app.get(ObjectiveCommandHandlers);
    this.proposals = app.get(ProposalCommandHandlers);
    this.ambitions = app.get(AmbitionCommandHandlers);
  }

  /** The person as their token would present them. */
  issuer(personId: string): AuthenticatedActor {
    return {
      personId,
      tenantId: this.tenantId,
      roles: personId === this.adminId ? ['admin', 'member'] : ['member'],
      correlationId: randomUUID(),
    };
  }

  /** Plans a cycle (and starts it when asked); returns its id and the events recorded. */
  async cycle(name: string, startsOn: string, endsOn: string, activate: boolean) {
    const admin = this.issuer(this.adminId);
    const planned = await this.cycles.plan(admin, { name, startsOn, endsOn });
    let events = planned.eventCount;
    if (activate) events += (await this.cycles.activate(admin, planned.id, undefined)).eventCount;
    return { cycleId: planned.id, events };
  }

  /** Defines an objective, adds its key results and activates it, as its manager would. */
  async define(cycleId: string, plan: ObjectivePlan) {
    const manager = this.issuer(plan.manager);
    const defined = await this.objectives.define(manager, {
      cycleId,
      title: plan.title,
      description: `${plan.title}: what we commit to this cycle.`,
      owner: plan.owner,
      kind: plan.keyResults.length > 3 ? 'aspirational' : 'committed',
    });
    let events = defined.eventCount;
    const keyResults: BenchKeyResult[] = [];
    for (const draft of plan.keyResults) {
      const added = await this.objectives.addKeyResult(manager, defined.id, draft, undefined);
      events += added.eventCount;
      keyResults.push({ ...draft, keyResultId: added.keyResultId, current: draft.metric.start });
    }
    events += (await this.objectives.activate(manager, defined.id, undefined)).eventCount;
    const objective: BenchObjective = {
      objectiveId: defined.id,
      title: plan.title,
      owner: plan.owner,
      manager: plan.manager,
      keyResults,
      contributors: new Set(),
      followers: new Set(),
      renames: 0,
    };
    return { objective, events };
  }

  async align(objective: BenchObjective, parent: BenchObjective): Promise<number> {
    const outcome = await this.objectives.align(
      this.issuer(objective.manager),
      objective.objectiveId,
      parent.objectiveId,
      undefined,
    );
    return outcome.eventCount;
  }

  /**
   * A squad member proposes a key result, a colleague comments, the product owner approves it:
   * the key result joins the objective. Returns the events recorded.
   */
  async proposeKeyResult(
    objective: BenchObjective,
    proposer: string,
    colleague: string,
    draft: Omit<BenchKeyResult, 'keyResultId' | 'current'>,
  ): Promise<number> {
    const proposed = await this.proposals.proposeKeyResult(this.issuer(proposer), {
      objectiveId: objective.objectiveId,
      draft,
    });
    const commented = await this.proposals.comment(
      this.issuer(colleague),
      proposed.id,
      'Good one; can we measure it weekly?',
      undefined,
    );
    const approved = await this.proposals.approve(
      this.issuer(objective.manager),
      proposed.id,
      undefined,
    );
    const keyResultId = approved.keyResultIds[0];
    if (keyResultId !== undefined) {
      objective.keyResults.push({ ...draft, keyResultId, current: draft.metric.start });
    }
    return proposed.eventCount + commented.eventCount + approved.eventCount;
  }

  /** A person records a growth ambition and links it to an objective they own a key result of. */
  async ambition(personId: string, objective: BenchObjective): Promise<number> {
    const person = this.issuer(personId);
    const recorded = await this.ambitions.record(person, {
      kind: 'growth',
      title: 'Grow into a product-minded engineer',
      description: 'Lead one discovery track this cycle.',
    });
    const linked = await this.ambitions.link(
      person,
      recorded.id,
      { kind: 'objective', objectiveId: objective.objectiveId },
      undefined,
    );
    return recorded.eventCount + linked.eventCount;
  }

  /** Applies one change of the mix; returns the events it recorded. */
  async apply(change: OkrChange): Promise<number> {
    const outcome = await this.run(change);
    return outcome.eventCount;
  }

  private run(change: OkrChange): Promise<CommandOutcome> {
    const issuer = this.issuer(change.issuer);
    const { objectiveId } = change.objective;
    switch (change.kind) {
      case 'record-progress':
        return this.objectives.recordProgress(
          issuer,
          objectiveId,
          change.keyResult.keyResultId,
          { value: change.value },
          undefined,
        );
      case 'adjust-target':
        return this.objectives.adjustTarget(
          issuer,
          objectiveId,
          change.keyResult.keyResultId,
          { target: change.target, reason: change.reason },
          undefined,
        );
      case 'reweigh-key-result':
        return this.objectives.reweighKeyResult(
          issuer,
          objectiveId,
          change.keyResult.keyResultId,
          { weight: change.weight, reason: change.reason },
          undefined,
        );
      case 'rename-key-result':
        return this.objectives.renameKeyResult(
          issuer,
          objectiveId,
          change.keyResult.keyResultId,
          { title: change.title, reason: change.reason },
          undefined,
        );
      case 'record-review-note':
        return this.objectives.recordReviewNote(
          issuer,
          objectiveId,
          { stage: 'mid-cycle', text: change.text },
          undefined,
        );
      case 'add-contributor':
        return this.objectives.addContributor(issuer, objectiveId, change.personId, undefined);
      case 'remove-contributor':
        return this.objectives.removeContributor(issuer, objectiveId, change.personId, undefined);
      case 'follow':
        return this.objectives.follow(issuer, objectiveId, change.guildId, undefined);
      case 'unfollow':
        return this.objectives.unfollow(issuer, objectiveId, change.guildId, undefined);
      default: {
        const never: never = change;
        throw new Error(`Unknown change ${JSON.stringify(never)}`);
      }
    }
  }
}
