import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { EventStore } from '@rhythm/event-sourcing';
import type { AuthenticatedActor } from '@rhythm/identity';
import {
  guildDecider,
  orgStreams,
  type GuildCommand,
  type GuildEvent,
  type GuildState,
} from '../../org-domain';
import { ORG_CLOCK, ORG_EVENT_STORE } from '../../infrastructure/org-tokens';
import type { OrgClock } from '../org-clock';
import { commandContextOf } from '../org-command-context';
import {
  OrgCommandExecution,
  type CommandOutcome,
  type ExpectedRevision,
} from '../org-command-execution';
import { OrgFactsReader } from '../org-facts.reader';

@Injectable()
export class GuildCommandHandlers {
  private readonly guilds: OrgCommandExecution<GuildCommand, GuildState, GuildEvent>;

  constructor(
    @Inject(ORG_EVENT_STORE) store: EventStore,
    @Inject(ORG_CLOCK) private readonly clock: OrgClock,
    private readonly facts: OrgFactsReader,
  ) {
    this.guilds = new OrgCommandExecution(store, guildDecider);
  }

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
    });
  }

  rename(issuer: AuthenticatedActor, guildId: string, name: string, expected: ExpectedRevision) {
    return this.run(issuer, guildId, { type: 'RenameGuild', guildId, name }, expected);
  }

  async addCoordinator(
    issuer: AuthenticatedActor,
    guildId: string,
    personId: string,
    expected: ExpectedRevision,
  ): Promise<CommandOutcome> {
    const person = await this.facts.person(issuer.tenantId, personId);
    return this.run(
      issuer,
      guildId,
      { type: 'AddGuildCoordinator', guildId, personId, person },
      expected,
    );
  }

  removeCoordinator(
    issuer: AuthenticatedActor,
    guildId: string,
    personId: string,
    expected: ExpectedRevision,
  ) {
    return this.run(
      issuer,
      guildId,
      { type: 'RemoveGuildCoordinator', guildId, personId },
      expected,
    );
  }

  dissolve(
    issuer: AuthenticatedActor,
    guildId: string,
    reason: string,
    expected: ExpectedRevision,
  ) {
    return this.run(issuer, guildId, { type: 'DissolveGuild', guildId, reason }, expected, reason);
  }

  private run(
    issuer: AuthenticatedActor,
    guildId: string,
    command: GuildCommand,
    expected?: ExpectedRevision,
    reason?: string,
  ) {
    return this.guilds.execute(
      guildId,
      orgStreams.guild(issuer.tenantId, guildId),
      command,
      commandContextOf(issuer, this.clock.now(), reason),
      expected,
    );
  }
}
