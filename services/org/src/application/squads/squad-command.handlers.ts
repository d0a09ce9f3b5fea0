import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { EventStore } from '@rhythm/event-sourcing';
import type { AuthenticatedActor } from '@rhythm/identity';
import {
  orgStreams,
  squadDecider,
  type SquadCommand,
  type SquadEvent,
  type SquadState,
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
export class SquadCommandHandlers {
  private readonly squads: OrgCommandExecution<SquadCommand, SquadState, SquadEvent>;

  constructor(
    @Inject(ORG_EVENT_STORE) store: EventStore,
    @Inject(ORG_CLOCK) private readonly clock: OrgClock,
    private readonly facts: OrgFactsReader,
  ) {
    this.squads = new OrgCommandExecution(store, squadDecider);
  }

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

  rename(issuer: AuthenticatedActor, squadId: string, name: string, expected: ExpectedRevision) {
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
    expected: ExpectedRevision,
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
    expected: ExpectedRevision,
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

  dissolve(
    issuer: AuthenticatedActor,
    squadId: string,
    reason: string,
    expected: ExpectedRevision,
  ) {
    return this.run(
      issuer,
      squadId,
      { type: 'DissolveSquad', squadId, reason },
      this.clock.now(),
      expected,
      reason,
    );
  }

  private run(
    issuer: AuthenticatedActor,
    squadId: string,
    command: SquadCommand,
    now: Date,
    expected?: ExpectedRevision,
    reason?: string,
  ) {
    return this.squads.execute(
      squadId,
      orgStreams.squad(issuer.tenantId, squadId),
      command,
      commandContextOf(issuer, now, reason),
      expected,
    );
  }
}
