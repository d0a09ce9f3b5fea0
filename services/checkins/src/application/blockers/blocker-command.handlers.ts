import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  CommandHandler,
  outcomeOf,
  type Clock,
  type CommandContext,
  type CommandOutcome,
  type EventStore,
} from '@rhythm/event-sourcing';
import { commandContextOf, type AuthenticatedActor } from '@rhythm/identity';
import {
  blockerDecider,
  checkinsStreams,
  type BlockerCommand,
  type BlockerState,
  type BlockerTarget,
  type WaitsOn,
} from '../../checkins-domain';
import { CHECKINS_CLOCK, CHECKINS_EVENT_STORE } from '../../infrastructure/checkins-tokens';
import { CheckinsFacts, type Reader } from '../checkins-facts';

export type RaiseBlockerInput = Readonly<{
  blockerId?: string;
  target: BlockerTarget;
  description: string;
  waitsOn: WaitsOn;
  checkInId?: string;
  escalateAfter?: string;
}>;

/** Who acts on a blocker: a person by the token, the scheduler as `system:cadence-scheduler`. */
export type BlockerIssuer = Readonly<{ actor: AuthenticatedActor; reader?: Reader }>;

const handle = CommandHandler(blockerDecider);

/**
 * A blocker's life, one stream each: raised on a goal and routed to its unit's lead, acknowledged,
 * escalated one level (by a person, or by the scheduler once its deadline passed), resolved. A
 * blocker on an objective the caller may not see is, to them, a blocker that does not exist.
 */
@Injectable()
export class BlockerCommandHandlers {
  constructor(
    @Inject(CHECKINS_EVENT_STORE) private readonly store: EventStore,
    @Inject(CHECKINS_CLOCK) private readonly clock: Clock,
    @Inject(CheckinsFacts) private readonly facts: CheckinsFacts,
  ) {}

  async raise(issuer: AuthenticatedActor, input: RaiseBlockerInput): Promise<CommandOutcome> {
    const blockerId = input.blockerId ?? randomUUID();
    const reader = await this.facts.readerOf(issuer);
    const target = await this.facts.blockerTargetFacts(reader, input.target);
    return this.decide(issuer, blockerId, (at) => ({
      type: 'RaiseBlocker',
      actor: { personId: issuer.personId },
      data: {
        blockerId,
        target: input.target,
        description: input.description,
        waitsOn: input.waitsOn,
        ...(input.checkInId === undefined ? {} : { checkInId: input.checkInId }),
        ...(input.escalateAfter === undefined ? {} : { escalateAfter: input.escalateAfter }),
        at,
      },
      facts: { target },
    }));
  }

  acknowledge(issuer: AuthenticatedActor, blockerId: string): Promise<CommandOutcome> {
    return this.decideVisible(issuer, blockerId, (at, visible) => ({
      type: 'AcknowledgeBlocker',
      actor: { personId: issuer.personId },
      data: { blockerId, at },
      facts: { visible },
    }));
  }

  resolve(issuer: AuthenticatedActor, blockerId: string, note: string): Promise<CommandOutcome> {
    return this.decideVisible(issuer, blockerId, (at, visible) => ({
      type: 'ResolveBlocker',
      actor: { personId: issuer.personId },
      data: { blockerId, note, at },
      facts: { visible },
    }));
  }

  /** By the one who raised it or its lead; the scheduler passes a `system:` actor. */
  escalate(issuer: AuthenticatedActor, blockerId: string): Promise<CommandOutcome> {
    return this.decideVisible(issuer, blockerId, async (at, visible, state) => ({
      type: 'EscalateBlocker',
      actor: { personId: issuer.personId },
      data: { blockerId, at },
      facts: {
        visible,
        above:
          state.status === 'none' ? 'none' : await this.facts.above(issuer.tenantId, state.unit),
      },
    }));
  }

  /** The blocker's objective decides whether the caller may see it; the scheduler sees all. */
  private decideVisible(
    issuer: AuthenticatedActor,
    blockerId: string,
    commandFor: (
      at: string,
      visible: boolean,
      state: BlockerState,
    ) => BlockerCommand | Promise<BlockerCommand>,
  ): Promise<CommandOutcome> {
    let reader: Promise<Reader> | undefined;
    return this.decide(issuer, blockerId, async (at, state) => {
      let visible = state.status !== 'none';
      if (visible && state.status !== 'none' && !issuer.personId.startsWith('system:')) {
        reader ??= this.facts.readerOf(issuer);
        const objective = await this.facts.visibleObjective(
          await reader,
          state.target.objectiveId,
          { wait: false },
        );
        visible = objective !== undefined;
      }
      return commandFor(at, visible, state);
    });
  }

  private async decide(
    issuer: AuthenticatedActor,
    blockerId: string,
    commandFor: (at: string, state: BlockerState) => BlockerCommand | Promise<BlockerCommand>,
  ): Promise<CommandOutcome> {
    const now = this.clock.now();
    const context: CommandContext = commandContextOf(issuer, now);
    const result = await handle(
      this.store,
      checkinsStreams.blocker(issuer.tenantId, blockerId),
      async (state) => blockerDecider.decide(await commandFor(now.toISOString(), state), state),
      { context },
    );
    return outcomeOf(blockerId, result);
  }
}
