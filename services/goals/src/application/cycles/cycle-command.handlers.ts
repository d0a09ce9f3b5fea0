import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { CommandContext, EventStore } from '@rhythm/event-sourcing';
import type { AuthenticatedActor } from '@rhythm/identity';
import {
  cycleDecider,
  goalsStreams,
  type Actor,
  type CycleCommand,
  type CycleEvent,
  type CycleState,
  type ScoringRule,
} from '../../goals-domain';
import { GOALS_CLOCK, GOALS_EVENT_STORE } from '../../infrastructure/goals-tokens';
import type { GoalsClock } from '../goals-clock';
import { commandContextOf } from '../goals-command-context';
import {
  GoalsCommandExecution,
  type CommandOutcome,
  type ExpectedRevision,
} from '../goals-command-execution';
import { GoalsFactsReader } from '../goals-facts.reader';
import { CycleCloseProcess } from './cycle-close.process';

export type PlanCycleInput = Readonly<{
  cycleId?: string;
  name: string;
  startsOn: string;
  endsOn: string;
  scoringRule?: ScoringRule;
}>;

/** Cycles are the OKR champion's: plan, reschedule, change the rule, move through the lifecycle. */
@Injectable()
export class CycleCommandHandlers {
  private readonly cycles: GoalsCommandExecution<CycleCommand, CycleState, CycleEvent>;

  constructor(
    @Inject(GOALS_EVENT_STORE) store: EventStore,
    @Inject(GOALS_CLOCK) private readonly clock: GoalsClock,
    private readonly facts: GoalsFactsReader,
    private readonly closeProcess: CycleCloseProcess,
  ) {
    this.cycles = new GoalsCommandExecution(store, cycleDecider);
  }

  async plan(issuer: AuthenticatedActor, input: PlanCycleInput): Promise<CommandOutcome> {
    const cycleId = input.cycleId ?? randomUUID();
    return this.run(issuer, cycleId, undefined, (actor) => ({
      type: 'PlanCycle',
      actor,
      data: {
        cycleId,
        name: input.name,
        startsOn: input.startsOn,
        endsOn: input.endsOn,
        scoringRule: input.scoringRule ?? { kind: 'linear' },
      },
    }));
  }

  reschedule(
    issuer: AuthenticatedActor,
    cycleId: string,
    input: Readonly<{ startsOn: string; endsOn: string; reason?: string }>,
    expected: ExpectedRevision,
  ): Promise<CommandOutcome> {
    return this.run(
      issuer,
      cycleId,
      expected,
      (actor) => ({ type: 'RescheduleCycle', actor, data: { cycleId, ...input } }),
      input.reason,
    );
  }

  changeScoringRule(
    issuer: AuthenticatedActor,
    cycleId: string,
    input: Readonly<{ scoringRule: ScoringRule; reason?: string }>,
    expected: ExpectedRevision,
  ): Promise<CommandOutcome> {
    return this.run(
      issuer,
      cycleId,
      expected,
      (actor) => ({ type: 'ChangeScoringRule', actor, data: { cycleId, ...input } }),
      input.reason,
    );
  }

  activate(issuer: AuthenticatedActor, cycleId: string, expected: ExpectedRevision) {
    return this.run(issuer, cycleId, expected, (actor) => ({
      type: 'ActivateCycle',
      actor,
      data: { cycleId },
    }));
  }

  startReview(issuer: AuthenticatedActor, cycleId: string, expected: ExpectedRevision) {
    return this.run(issuer, cycleId, expected, (actor) => ({
      type: 'StartCycleReview',
      actor,
      data: { cycleId },
    }));
  }

  reopen(issuer: AuthenticatedActor, cycleId: string, reason: string, expected: ExpectedRevision) {
    return this.run(
      issuer,
      cycleId,
      expected,
      (actor) => ({ type: 'ReopenCycle', actor, data: { cycleId, reason } }),
      reason,
    );
  }

  /** review → closed, then every active objective of the cycle is scored under its rule. */
  async close(
    issuer: AuthenticatedActor,
    cycleId: string,
    expected: ExpectedRevision,
  ): Promise<CommandOutcome & Readonly<{ scoredObjectives: number }>> {
    const context = commandContextOf(issuer, this.clock.now());
    const actor = await this.facts.actor(issuer);
    const outcome = await this.cycles.execute(
      cycleId,
      goalsStreams.cycle(issuer.tenantId, cycleId),
      { type: 'CloseCycle', actor, data: { cycleId } },
      context,
      expected,
    );
    // Also when the cycle was closed before: closing again finishes a scoring that was cut short.
    const scoredObjectives = await this.closeProcess.scoreCycle(issuer.tenantId, cycleId, context);
    return {
      id: outcome.id,
      revision: outcome.revision,
      eventCount: outcome.eventCount,
      scoredObjectives,
    };
  }

  private async run(
    issuer: AuthenticatedActor,
    cycleId: string,
    expected: ExpectedRevision,
    commandFor: (actor: Actor) => CycleCommand,
    reason?: string,
  ): Promise<CommandOutcome> {
    const context: CommandContext = commandContextOf(issuer, this.clock.now(), reason);
    const command = commandFor(await this.facts.actor(issuer));
    const { id, revision, eventCount } = await this.cycles.execute(
      cycleId,
      goalsStreams.cycle(issuer.tenantId, cycleId),
      command,
      context,
      expected,
    );
    return { id, revision, eventCount };
  }
}
