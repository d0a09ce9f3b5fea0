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
} from '@rhythm/event-sourcing';
import { commandContextOf, type AuthenticatedActor } from '@rhythm/identity';
import {
  cycleDecider,
  goalsStreams,
  type Actor,
  type CycleCommand,
  type ScoringRule,
} from '../../goals-domain';
import { GOALS_CLOCK, GOALS_EVENT_STORE } from '../../infrastructure/goals-tokens';
import { GoalsFactsReader } from '../goals-facts.reader';
import { CycleCloseProcess } from './cycle-close.process';

export type PlanCycleInput = Readonly<{
  cycleId?: string;
  name: string;
  startsOn: string;
  endsOn: string;
  scoringRule?: ScoringRule;
}>;

const handle = CommandHandler(cycleDecider);

/** Cycles are the OKR champion's: plan, reschedule, change the rule, move through the lifecycle. */
@Injectable()
export class CycleCommandHandlers {
  constructor(
    @Inject(GOALS_EVENT_STORE) private readonly store: EventStore,
    @Inject(GOALS_CLOCK) private readonly clock: Clock,
    private readonly facts: GoalsFactsReader,
    private readonly closeProcess: CycleCloseProcess,
  ) {}

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
    expected: CallerRevision,
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
    expected: CallerRevision,
  ): Promise<CommandOutcome> {
    return this.run(
      issuer,
      cycleId,
      expected,
      (actor) => ({ type: 'ChangeScoringRule', actor, data: { cycleId, ...input } }),
      input.reason,
    );
  }

  activate(issuer: AuthenticatedActor, cycleId: string, expected: CallerRevision) {
    return this.run(issuer, cycleId, expected, (actor) => ({
      type: 'ActivateCycle',
      actor,
      data: { cycleId },
    }));
  }

  startReview(issuer: AuthenticatedActor, cycleId: string, expected: CallerRevision) {
    return this.run(issuer, cycleId, expected, (actor) => ({
      type: 'StartCycleReview',
      actor,
      data: { cycleId },
    }));
  }

  reopen(issuer: AuthenticatedActor, cycleId: string, reason: string, expected: CallerRevision) {
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
    expected: CallerRevision,
  ): Promise<CommandOutcome & Readonly<{ scoredObjectives: number }>> {
    const context = commandContextOf(issuer, this.clock.now());
    const outcome = await this.decide(
      issuer,
      cycleId,
      expected,
      { type: 'CloseCycle', actor: await this.facts.actor(issuer), data: { cycleId } },
      context,
    );
    // Also when the cycle was closed before: closing again finishes a scoring that was cut short.
    const scoredObjectives = await this.closeProcess.scoreCycle(issuer.tenantId, cycleId, context);
    return { ...outcome, scoredObjectives };
  }

  private async run(
    issuer: AuthenticatedActor,
    cycleId: string,
    expected: CallerRevision,
    commandFor: (actor: Actor) => CycleCommand,
    reason?: string,
  ): Promise<CommandOutcome> {
    const context = commandContextOf(issuer, this.clock.now(), reason);
    const command = commandFor(await this.facts.actor(issuer));
    return this.decide(issuer, cycleId, expected, command, context);
  }

  private async decide(
    issuer: AuthenticatedActor,
    cycleId: string,
    expected: CallerRevision,
    command: CycleCommand,
    context: CommandContext,
  ): Promise<CommandOutcome> {
    const result = await handle(
      this.store,
      goalsStreams.cycle(issuer.tenantId, cycleId),
      (state) => cycleDecider.decide(command, state),
      { context, expectedRevision: expected },
    );
    return outcomeOf(cycleId, result);
  }
}
