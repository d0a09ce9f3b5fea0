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
  checkinsStreams,
  insightDecider,
  type InsightCommand,
  type InsightFacts,
  type InsightState,
} from '../../checkins-domain';
import { CHECKINS_CLOCK, CHECKINS_EVENT_STORE } from '../../infrastructure/checkins-tokens';
import { ORG_KNOWLEDGE, type OrgKnowledge } from '../checkins-directory.port';
import { CheckinsFacts, type Reader } from '../checkins-facts';

export type InsightText = Readonly<{ title: string; body: string }>;

const handle = CommandHandler(insightDecider);

/**
 * Guild insights, one stream each (ADR 0038): a member or coordinator of a guild posts one on an
 * objective the guild follows; its author revises or withdraws it. The guild's people come from
 * the org topic, the follows from the goals topic, both as the directory holds them now.
 */
@Injectable()
export class InsightCommandHandlers {
  constructor(
    @Inject(CHECKINS_EVENT_STORE) private readonly store: EventStore,
    @Inject(CHECKINS_CLOCK) private readonly clock: Clock,
    @Inject(CheckinsFacts) private readonly facts: CheckinsFacts,
    @Inject(ORG_KNOWLEDGE) private readonly org: OrgKnowledge,
  ) {}

  async post(
    issuer: AuthenticatedActor,
    objectiveId: string,
    input: InsightText & Readonly<{ insightId?: string; guildId: string }>,
  ): Promise<CommandOutcome> {
    const insightId = input.insightId ?? randomUUID();
    const reader = await this.facts.readerOf(issuer);
    const facts = await this.postingFacts(reader, objectiveId, input.guildId);
    return this.decide(issuer, insightId, (at) => ({
      type: 'PostInsight',
      actor: { personId: issuer.personId },
      data: {
        insightId,
        objectiveId,
        guildId: input.guildId,
        title: input.title,
        body: input.body,
        at,
      },
      facts,
    }));
  }

  revise(
    issuer: AuthenticatedActor,
    insightId: string,
    text: InsightText,
  ): Promise<CommandOutcome> {
    return this.decideVisible(issuer, insightId, (at, visible) => ({
      type: 'ReviseInsight',
      actor: { personId: issuer.personId },
      data: { insightId, title: text.title, body: text.body, at },
      facts: { visible },
    }));
  }

  withdraw(issuer: AuthenticatedActor, insightId: string): Promise<CommandOutcome> {
    return this.decideVisible(issuer, insightId, (at, visible) => ({
      type: 'WithdrawInsight',
      actor: { personId: issuer.personId },
      data: { insightId, at },
      facts: { visible },
    }));
  }

  /**
   * The objective (waited for a moment, as goals' events arrive asynchronously), whether the guild
   * follows it, and the caller's place in the guild: its leads are its coordinators. A dissolved
   * guild speaks no more.
   */
  private async postingFacts(
    reader: Reader,
    objectiveId: string,
    guildId: string,
  ): Promise<InsightFacts> {
    const [objective, guild] = await Promise.all([
      this.facts.visibleObjective(reader, objectiveId),
      this.org.unit(reader.tenantId, { kind: 'guild', id: guildId }),
    ]);
    const me = reader.viewer.personId;
    return {
      objective:
        objective === undefined
          ? 'no-objective'
          : { followedByGuild: objective.followerGuildIds.includes(guildId) },
      guild:
        guild === undefined || guild.status !== 'active'
          ? 'no-guild'
          : {
              actorIs: guild.leadIds.includes(me)
                ? 'coordinator'
                : guild.memberIds.includes(me)
                  ? 'member'
                  : 'neither',
            },
    };
  }

  /** An insight on an objective the caller may not see is, to them, an unknown insight. */
  private decideVisible(
    issuer: AuthenticatedActor,
    insightId: string,
    commandFor: (at: string, visible: boolean) => InsightCommand,
  ): Promise<CommandOutcome> {
    let reader: Promise<Reader> | undefined;
    return this.decide(issuer, insightId, async (at, state) => {
      if (state.status === 'none') return commandFor(at, false);
      reader ??= this.facts.readerOf(issuer);
      const objective = await this.facts.visibleObjective(await reader, state.objectiveId, {
        wait: false,
      });
      return commandFor(at, objective !== undefined);
    });
  }

  private async decide(
    issuer: AuthenticatedActor,
    insightId: string,
    commandFor: (at: string, state: InsightState) => InsightCommand | Promise<InsightCommand>,
  ): Promise<CommandOutcome> {
    const now = this.clock.now();
    const result = await handle(
      this.store,
      checkinsStreams.insight(issuer.tenantId, insightId),
      async (state) => insightDecider.decide(await commandFor(now.toISOString(), state), state),
      { context: commandContextOf(issuer, now) },
    );
    return outcomeOf(insightId, result);
  }
}
