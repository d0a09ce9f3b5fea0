import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  CommandHandler,
  outcomeOf,
  type Clock,
  type CommandOutcome,
  type EventStore,
} from '@rhythm/event-sourcing';
import { commandContextOf, type AuthenticatedActor } from '@rhythm/identity';
import {
  giverDecider,
  kudosDecider,
  recognitionStreams,
  type GiveKudosFacts,
  type KudosAudience,
  type KudosCommand,
  type KudosReaction,
  type KudosReceivers,
  type KudosState,
  type KudosSubject,
} from '../../recognition-domain';
import {
  RECOGNITION_CLOCK,
  RECOGNITION_EVENT_STORE,
} from '../../infrastructure/recognition-tokens';
import { RecognitionFacts, type Reader } from '../recognition-facts';

export type GiveKudosInput = Readonly<{
  kudosId?: string;
  to: KudosReceivers;
  message: string;
  values?: readonly string[];
  about?: KudosSubject;
  audience: KudosAudience;
}>;

const handleKudos = CommandHandler(kudosDecider);
const handleGiver = CommandHandler(giverDecider);

/**
 * Kudos, one stream each, and the giver's hourly allowance in the giver's own stream. A kudos the
 * caller may not see (private and not theirs, or tied to an objective out of their sight) is, to
 * every command, a kudos that does not exist (docs/security.md).
 */
@Injectable()
export class KudosCommandHandlers {
  constructor(
    @Inject(RECOGNITION_EVENT_STORE) private readonly store: EventStore,
    @Inject(RECOGNITION_CLOCK) private readonly clock: Clock,
    @Inject(RecognitionFacts) private readonly facts: RecognitionFacts,
  ) {}

  /**
   * Checked in full on the kudos stream first (nothing written), then the giver's allowance is
   * claimed, then the kudos is appended. A retry with the same id after a crash between the two
   * finds its allowance already claimed (it counts once) and appends the kudos.
   */
  async give(issuer: AuthenticatedActor, input: GiveKudosInput): Promise<CommandOutcome> {
    const kudosId = input.kudosId ?? randomUUID();
    const reader = await this.facts.readerOf(issuer);
    const [settings, facts] = await Promise.all([
      this.facts.settings(issuer.tenantId),
      this.giveFacts(reader, input),
    ]);
    const now = this.clock.now();
    const at = now.toISOString();
    const command: KudosCommand = {
      type: 'GiveKudos',
      actor: { personId: issuer.personId },
      data: {
        kudosId,
        to: input.to,
        message: input.message,
        ...(input.values === undefined ? {} : { values: input.values }),
        ...(input.about === undefined ? {} : { about: input.about }),
        audience: input.audience,
        at,
      },
      facts: { ...facts, values: settings.values },
    };
    const context = commandContextOf(issuer, now);
    return this.decide(issuer, kudosId, async (state) => {
      const gift = kudosDecider.decide(command, state);
      if (gift.length > 0) {
        await handleGiver(
          this.store,
          recognitionStreams.giver(issuer.tenantId, issuer.personId),
          (giver) =>
            giverDecider.decide(
              {
                type: 'UseKudosAllowance',
                actor: { personId: issuer.personId },
                data: { kudosId, at },
                facts: { kudosPerHour: settings.kudosPerHour },
              },
              giver,
            ),
          { context },
        );
      }
      return gift;
    });
  }

  react(issuer: AuthenticatedActor, kudosId: string, reaction: KudosReaction) {
    return this.decideVisible(issuer, kudosId, (at, visible) => ({
      type: 'ReactToKudos',
      actor: { personId: issuer.personId },
      data: { kudosId, reaction, at },
      facts: { visible },
    }));
  }

  removeReaction(issuer: AuthenticatedActor, kudosId: string, reaction: KudosReaction) {
    return this.decideVisible(issuer, kudosId, (at, visible) => ({
      type: 'RemoveKudosReaction',
      actor: { personId: issuer.personId },
      data: { kudosId, reaction, at },
      facts: { visible },
    }));
  }

  async comment(
    issuer: AuthenticatedActor,
    kudosId: string,
    input: Readonly<{ commentId?: string; text: string }>,
  ): Promise<CommandOutcome & Readonly<{ commentId: string }>> {
    const commentId = input.commentId ?? randomUUID();
    const outcome = await this.decideVisible(issuer, kudosId, (at, visible) => ({
      type: 'CommentOnKudos',
      actor: { personId: issuer.personId },
      data: { kudosId, commentId, text: input.text, at },
      facts: { visible },
    }));
    return { ...outcome, commentId };
  }

  withdraw(issuer: AuthenticatedActor, kudosId: string) {
    return this.decideVisible(issuer, kudosId, (at, visible) => ({
      type: 'WithdrawKudos',
      actor: { personId: issuer.personId },
      data: { kudosId, at },
      facts: { visible },
    }));
  }

  private async giveFacts(
    reader: Reader,
    input: GiveKudosInput,
  ): Promise<Omit<GiveKudosFacts, 'values'>> {
    const personIds = Array.isArray(input.to?.personIds) ? input.to.personIds : [];
    const unit = input.to?.unit;
    const [unknownPersonIds, unknownUnits, about] = await Promise.all([
      this.facts.unknownPeople(reader.tenantId, personIds),
      unit === undefined ? [] : this.facts.unknownUnits(reader.tenantId, [unit]),
      input.about === undefined ? undefined : this.facts.subjectFacts(reader, input.about),
    ]);
    return {
      unknownPersonIds,
      ...(unit === undefined ? {} : { unit: unknownUnits.length > 0 ? 'no-unit' : 'known' }),
      ...(about === undefined ? {} : { about }),
    };
  }

  /** Whether the caller may see the kudos decides whether it exists for them. */
  private decideVisible(
    issuer: AuthenticatedActor,
    kudosId: string,
    commandFor: (at: string, visible: boolean) => KudosCommand,
  ): Promise<CommandOutcome> {
    let reader: Promise<Reader> | undefined;
    return this.decide(issuer, kudosId, async (state, at) => {
      let visible = state.status !== 'none';
      if (visible && state.status !== 'none') {
        reader ??= this.facts.readerOf(issuer);
        visible = await this.facts.mayViewKudos(await reader, state);
      }
      return kudosDecider.decide(commandFor(at, visible), state);
    });
  }

  private async decide(
    issuer: AuthenticatedActor,
    kudosId: string,
    decide: (
      state: KudosState,
      at: string,
    ) => ReturnType<typeof kudosDecider.decide> | Promise<ReturnType<typeof kudosDecider.decide>>,
  ): Promise<CommandOutcome> {
    const now = this.clock.now();
    const result = await handleKudos(
      this.store,
      recognitionStreams.kudos(issuer.tenantId, kudosId),
      (state) => decide(state, now.toISOString()),
      { context: commandContextOf(issuer, now) },
    );
    return outcomeOf(kudosId, result);
  }
}
