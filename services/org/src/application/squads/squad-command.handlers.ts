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
import { orgStreams, squadDecider, type SquadCommand, type SquadState } from '../../org-domain';
import { ORG_CLOCK, ORG_EVENT_STORE } from '../../infrastructure/org-tokens';
import { orgActorOf } from '../org-actor';
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
    const tribe = await this.facts.tribe(issuer.tenantId, input.tribeId);
    return this.run(issuer, squadId, now, () => ({
      type: 'FormSquad',
      squadId,
      tribeId: input.tribeId,
      name: input.name,
      mission: input.mission ?? '',
      tribe,
      now,
      actor: orgActorOf(issuer),
    }));
  }

  rename(issuer: AuthenticatedActor, squadId: string, name: string, expected: CallerRevision) {
    return this.run(
      issuer,
      squadId,
      this.clock.now(),
      async (state) => ({
        type: 'RenameSquad',
        squadId,
        name,
        ...(await this.powers(issuer, state)),
      }),
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
      this.clock.now(),
      async (state) => ({
        type: 'AppointProductOwner',
        squadId,
        personId,
        person,
        ...(await this.powers(issuer, state)),
      }),
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
    const toTribe = await this.facts.tribe(issuer.tenantId, input.toTribeId);
    return this.run(
      issuer,
      squadId,
      now,
      async (state) => ({
        type: 'MoveSquad',
        squadId,
        toTribeId: input.toTribeId,
        toTribe,
        ...(input.effectiveAt === undefined ? {} : { effectiveAt: input.effectiveAt }),
        now,
        ...(await this.powers(issuer, state)),
      }),
      expected,
    );
  }

  dissolve(issuer: AuthenticatedActor, squadId: string, reason: string, expected: CallerRevision) {
    return this.run(
      issuer,
      squadId,
      this.clock.now(),
      async (state) => ({
        type: 'DissolveSquad',
        squadId,
        reason,
        ...(await this.powers(issuer, state)),
      }),
      expected,
      reason,
    );
  }

  /** The caller, and who leads the squad's tribe as of the state the command decides on. */
  private async powers(issuer: AuthenticatedActor, state: SquadState) {
    const tribeId = state.status === 'active' ? state.tribeId : undefined;
    return {
      actor: orgActorOf(issuer),
      tribeLeadId: await this.facts.tribeLead(issuer.tenantId, tribeId),
    };
  }

  private async run(
    issuer: AuthenticatedActor,
    squadId: string,
    now: Date,
    commandFor: (state: SquadState) => SquadCommand | Promise<SquadCommand>,
    expected?: CallerRevision,
    reason?: string,
  ): Promise<CommandOutcome> {
    const result = await handle(
      this.store,
      orgStreams.squad(issuer.tenantId, squadId),
      async (state) => squadDecider.decide(await commandFor(state), state),
      { context: commandContextOf(issuer, now, reason), expectedRevision: expected },
    );
    return outcomeOf(squadId, result);
  }
}
