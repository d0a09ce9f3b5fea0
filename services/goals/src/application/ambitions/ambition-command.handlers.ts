import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  CommandHandler,
  outcomeOf,
  type CallerRevision,
  type Clock,
  type CommandOutcome,
  type EventStore,
} from '@rhythm/event-sourcing';
import { commandContextOf, type AuthenticatedActor } from '@rhythm/identity';
import {
  ambitionDecider,
  goalsStreams,
  type AmbitionCommand,
  type AmbitionKind,
  type AmbitionLink,
  type AmbitionOutcome,
  type Ambitions,
  type ObjectiveState,
} from '../../goals-domain';
import { GOALS_CLOCK, GOALS_EVENT_STORE } from '../../infrastructure/goals-tokens';
import { GoalsFactsReader } from '../goals-facts.reader';
import { VisibilityGate } from '../visibility/visibility.gate';

const handle = CommandHandler(ambitionDecider);

/**
 * A person's own growth and career ambitions (stream `ambition-<tenant>.<personId>`), linked to
 * the OKRs they contribute to. Always the caller's own: the person comes from the token.
 */
@Injectable()
export class AmbitionCommandHandlers {
  constructor(
    @Inject(GOALS_EVENT_STORE) private readonly store: EventStore,
    @Inject(GOALS_CLOCK) private readonly clock: Clock,
    private readonly facts: GoalsFactsReader,
    private readonly visibility: VisibilityGate,
  ) {}

  async record(
    issuer: AuthenticatedActor,
    input: Readonly<{ kind: AmbitionKind; title: string; description?: string }>,
  ): Promise<CommandOutcome> {
    const ambitionId = randomUUID();
    return this.run(issuer, ambitionId, undefined, (personId) => ({
      type: 'RecordAmbition',
      data: {
        personId,
        ambitionId,
        kind: input.kind,
        title: input.title,
        description: input.description ?? '',
      },
    }));
  }

  revise(
    issuer: AuthenticatedActor,
    ambitionId: string,
    input: Readonly<{ title: string; description?: string }>,
    expected: CallerRevision,
  ): Promise<CommandOutcome> {
    return this.run(issuer, ambitionId, expected, (personId, state) => ({
      type: 'ReviseAmbition',
      data: {
        personId,
        ambitionId,
        title: input.title,
        description:
          input.description ??
          state.ambitions.find((ambition) => ambition.ambitionId === ambitionId)?.description ??
          '',
      },
    }));
  }

  async link(
    issuer: AuthenticatedActor,
    ambitionId: string,
    link: AmbitionLink,
    expected: CallerRevision,
  ): Promise<CommandOutcome> {
    // An objective the person may not see (any more) is missing to them.
    const reader = await this.visibility.readerOf(issuer);
    const objective = await this.facts.objectiveSeenBy(reader, link.objectiveId);
    const { targetExists, personContributes } = contribution(objective, link, issuer.personId);
    return this.run(issuer, ambitionId, expected, (personId) => ({
      type: 'LinkAmbition',
      data: { personId, ambitionId, link },
      facts: { targetExists, personContributes },
    }));
  }

  unlink(
    issuer: AuthenticatedActor,
    ambitionId: string,
    link: AmbitionLink,
    expected: CallerRevision,
  ): Promise<CommandOutcome> {
    return this.run(issuer, ambitionId, expected, (personId) => ({
      type: 'UnlinkAmbition',
      data: { personId, ambitionId, link },
    }));
  }

  close(
    issuer: AuthenticatedActor,
    ambitionId: string,
    input: Readonly<{ outcome: AmbitionOutcome; note: string }>,
    expected: CallerRevision,
  ): Promise<CommandOutcome> {
    return this.run(issuer, ambitionId, expected, (personId) => ({
      type: 'CloseAmbition',
      data: { personId, ambitionId, outcome: input.outcome, note: input.note },
    }));
  }

  private async run(
    issuer: AuthenticatedActor,
    ambitionId: string,
    expected: CallerRevision,
    commandFor: (personId: string, state: Ambitions) => DistributiveOmit<AmbitionCommand, 'actor'>,
  ): Promise<CommandOutcome> {
    const actor = await this.facts.actor(issuer);
    // The revision is the person's ambitions stream's: one stream holds all their ambitions.
    const result = await handle(
      this.store,
      goalsStreams.ambitions(issuer.tenantId, issuer.personId),
      (state) => ambitionDecider.decide({ ...commandFor(issuer.personId, state), actor }, state),
      { context: commandContextOf(issuer, this.clock.now()), expectedRevision: expected },
    );
    return outcomeOf(ambitionId, result);
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** Whether the objective (and key result) exist, and the person owns or contributes to them. */
export const contribution = (
  objective: ObjectiveState,
  link: AmbitionLink,
  personId: string,
): Readonly<{ targetExists: boolean; personContributes: boolean }> => {
  if (objective.status === 'none') return { targetExists: false, personContributes: false };
  const contributor = objective.contributors.includes(personId);
  if (link.kind === 'objective') {
    return {
      targetExists: true,
      personContributes:
        contributor || objective.keyResults.some((keyResult) => keyResult.owner === personId),
    };
  }
  const keyResult = objective.keyResults.find((kr) => kr.keyResultId === link.keyResultId);
  return {
    targetExists: keyResult !== undefined,
    personContributes: contributor || keyResult?.owner === personId,
  };
};
