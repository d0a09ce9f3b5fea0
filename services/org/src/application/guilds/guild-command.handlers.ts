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
import { guildDecider, orgStreams, type GuildCommand } from '../../org-domain';
import { ORG_CLOCK, ORG_EVENT_STORE } from '../../infrastructure/org-tokens';
import { orgActorOf } from '../org-actor';
import { OrgFactsReader } from '../org-facts.reader';

const handle = CommandHandler(guildDecider);

@Injectable()
export class GuildCommandHandlers {
  constructor(
    @Inject(ORG_EVENT_STORE) private readonly store: EventStore,
    @Inject(ORG_CLOCK) private readonly clock: Clock,
    private readonly facts: OrgFactsReader,
  ) {}

  async form(
    issuer: AuthenticatedActor,
    input: Readonly<{ name: string; interest?: string }>,
  ): Promise<CommandOutcome> {
    const guildId = randomUUID();
    return this.run(issuer, guildId, {
      type: 'FormGuild',
      guildId,
      name: input.name,
      interest: input.interest ?? '',
      organisation: await this.facts.organisation(issuer.tenantId),
      actor: orgActorOf(issuer),
    });
  }

  rename(issuer: AuthenticatedActor, guildId: string, name: string, expected: CallerRevision) {
    return this.run(
      issuer,
      guildId,
      { type: 'RenameGuild', guildId, name, actor: orgActorOf(issuer) },
      expected,
    );
  }

  async addCoordinator(
    issuer: AuthenticatedActor,
    guildId: string,
    personId: string,
    expected: CallerRevision,
  ): Promise<CommandOutcome> {
    const person = await this.facts.person(issuer.tenantId, personId);
    return this.run(
      issuer,
      guildId,
      { type: 'AddGuildCoordinator', guildId, personId, person, actor: orgActorOf(issuer) },
      expected,
    );
  }

  removeCoordinator(
    issuer: AuthenticatedActor,
    guildId: string,
    personId: string,
    expected: CallerRevision,
  ) {
    return this.run(
      issuer,
      guildId,
      { type: 'RemoveGuildCoordinator', guildId, personId, actor: orgActorOf(issuer) },
      expected,
    );
  }

  dissolve(issuer: AuthenticatedActor, guildId: string, reason: string, expected: CallerRevision) {
    return this.run(
      issuer,
      guildId,
      { type: 'DissolveGuild', guildId, reason, actor: orgActorOf(issuer) },
      expected,
      reason,
    );
  }

  private async run(
    issuer: AuthenticatedActor,
    guildId: string,
    command: GuildCommand,
    expected?: CallerRevision,
    reason?: string,
  ): Promise<CommandOutcome> {
    const result = await handle(
      this.store,
      orgStreams.guild(issuer.tenantId, guildId),
      (state) => guildDecider.decide(command, state),
      { context: commandContextOf(issuer, this.clock.now(), reason), expectedRevision: expected },
    );
    return outcomeOf(guildId, result);
  }
}
