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
import { orgStreams, squadDecider, type SquadCommand } from '../../org-domain';
import { ORG_CLOCK, ORG_EVENT_STORE } from '../../infrastructure/org-tokens';
import { OrgFactsReader } from '../org-facts.reader';

const handle = CommandHandler(squadDecider);

@Injectable()
export class SquadCommandHandlers {
  constructor(
    @Inject(ORG_EVENT_STORE) private readonly store: EventStore,
    @Inject(ORG_CLOCK) private readonly clock: Clock,
    private readonly facts: OrgFactsReader,
  ) {}

  async form(
    issuer: AuthenticatedActor,
    input: Readonly<{ tribeId: string; name: string; mission?: string }>,
  ): Promise<CommandOutcome> {
    const squadId = randomUUID();
    const now = this.clock.now();
    return this.run(
      issuer,
      squadId,
      {
        type: 'FormSquad',
        squadId,
        tribeId: input.tribeId,
        name: input.name,
        mission: input.mission ?? '',
        tribe: await this.facts.tribe(issuer.tenantId, input.tribeId),
        now,
      },
      now,
    );
  }

  rename(issuer: AuthenticatedActor, squadId: string, name: string, expected: CallerRevision) {
    return this.run(
      issuer,
      squadId,
      { type: 'RenameSquad', squadId, name },
      this.clock.now(),
      expected,
    );
  }

  async appointProductOwner(
    issuer: AuthenticatedActor,
    squadId: string,
    personId: string,
    expected: CallerRevision,
  ): Promise<CommandOutcome> {
    const person = await this.facts.person(issuer.tenantId, personId);
    return this.run(
      issuer,
      squadId,
      { type: 'AppointProductOwner', squadId, personId, person },
      this.clock.now(),
      expected,
    );
  }

  async move(
    issuer: AuthenticatedActor,
    squadId: string,
    input: Readonly<{ toTribeId: string; effectiveAt?: Date }>,
    expected: CallerRevision,
  ): Promise<CommandOutcome> {
    const now = this.clock.now();
    return this.run(
      issuer,
      squadId,
      {
        type: 'MoveSquad',
        squadId,
        toTribeId: input.toTribeId,
        toTribe: await this.facts.tribe(issuer.tenantId, input.toTribeId),
        ...(input.effectiveAt === undefined ? {} : { effectiveAt: input.effectiveAt }),
        now,
      },
      now,
      expected,
    );
  }

  dissolve(issuer: AuthenticatedActor, squadId: string, reason: string, expected: CallerRevision) {
    return this.run(
      issuer,
      squadId,
      { type: 'DissolveSquad', squadId, reason },
      this.clock.now(),
      expected,
      reason,
    );
  }

  private async run(
    issuer: AuthenticatedActor,
    squadId: string,
    command: SquadCommand,
    now: Date,
    expected?: CallerRevision,
    reason?: string,
  ): Promise<CommandOutcome> {
    const result = await handle(
      this.store,
      orgStreams.squad(issuer.tenantId, squadId),
      (state) => squadDecider.decide(command, state),
      { context: commandContextOf(issuer, now, reason), expectedRevision: expected },
    );
    return outcomeOf(squadId, result);
  }
}
