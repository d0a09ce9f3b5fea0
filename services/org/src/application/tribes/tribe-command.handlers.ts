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
import { orgStreams, tribeDecider, type TribeCommand } from '../../org-domain';
import { ORG_CLOCK, ORG_EVENT_STORE } from '../../infrastructure/org-tokens';
import { orgActorOf } from '../org-actor';
import { OrgFactsReader } from '../org-facts.reader';
import { TribeUnitsCount } from './tribe-units.count';

const handle = CommandHandler(tribeDecider);

@Injectable()
export class TribeCommandHandlers {
  constructor(
    @Inject(ORG_EVENT_STORE) private readonly store: EventStore,
    @Inject(ORG_CLOCK) private readonly clock: Clock,
    private readonly facts: OrgFactsReader,
    private readonly units: TribeUnitsCount,
  ) {}

  async form(
    issuer: AuthenticatedActor,
    input: Readonly<{ name: string; mission?: string }>,
  ): Promise<CommandOutcome> {
    const tribeId = randomUUID();
    return this.run(issuer, tribeId, {
      type: 'FormTribe',
      tribeId,
      name: input.name,
      mission: input.mission ?? '',
      organisation: await this.facts.organisation(issuer.tenantId),
      actor: orgActorOf(issuer),
    });
  }

  rename(issuer: AuthenticatedActor, tribeId: string, name: string, expected: CallerRevision) {
    return this.run(
      issuer,
      tribeId,
      { type: 'RenameTribe', tribeId, name, actor: orgActorOf(issuer) },
      expected,
    );
  }

  async appointLead(
    issuer: AuthenticatedActor,
    tribeId: string,
    personId: string,
    expected: CallerRevision,
  ): Promise<CommandOutcome> {
    const person = await this.facts.person(issuer.tenantId, personId);
    return this.run(
      issuer,
      tribeId,
      { type: 'AppointTribeLead', tribeId, personId, person, actor: orgActorOf(issuer) },
      expected,
    );
  }

  async dissolve(
    issuer: AuthenticatedActor,
    tribeId: string,
    reason: string,
    expected: CallerRevision,
  ): Promise<CommandOutcome> {
    const { squads, chapters } = await this.units.activeIn(issuer.tenantId, tribeId);
    return this.run(
      issuer,
      tribeId,
      {
        type: 'DissolveTribe',
        tribeId,
        reason,
        activeSquads: squads,
        activeChapters: chapters,
        actor: orgActorOf(issuer),
      },
      expected,
      reason,
    );
  }

  private async run(
    issuer: AuthenticatedActor,
    tribeId: string,
    command: TribeCommand,
    expected?: CallerRevision,
    reason?: string,
  ): Promise<CommandOutcome> {
    const result = await handle(
      this.store,
      orgStreams.tribe(issuer.tenantId, tribeId),
      (state) => tribeDecider.decide(command, state),
      { context: commandContextOf(issuer, this.clock.now(), reason), expectedRevision: expected },
    );
    return outcomeOf(tribeId, result);
  }
}
