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
import { organisationDecider, orgStreams, type OrganisationCommand } from '../../org-domain';
import { ORG_CLOCK, ORG_EVENT_STORE } from '../../infrastructure/org-tokens';
import { orgActorOf } from '../org-actor';

const handle = CommandHandler(organisationDecider);

/** The organisation is the caller's tenant: its id always comes from the token. */
@Injectable()
export class OrganisationCommandHandlers {
  constructor(
    @Inject(ORG_EVENT_STORE) private readonly store: EventStore,
    @Inject(ORG_CLOCK) private readonly clock: Clock,
  ) {}

  establish(issuer: AuthenticatedActor, name: string): Promise<CommandOutcome> {
    return this.run(issuer, {
      type: 'EstablishOrganisation',
      organisationId: issuer.tenantId,
      name,
      actor: orgActorOf(issuer),
    });
  }

  rename(
    issuer: AuthenticatedActor,
    name: string,
    expected: CallerRevision,
  ): Promise<CommandOutcome> {
    return this.run(
      issuer,
      {
        type: 'RenameOrganisation',
        organisationId: issuer.tenantId,
        name,
        actor: orgActorOf(issuer),
      },
      expected,
    );
  }

  private async run(
    issuer: AuthenticatedActor,
    command: OrganisationCommand,
    expected?: CallerRevision,
  ): Promise<CommandOutcome> {
    const result = await handle(
      this.store,
      orgStreams.organisation(issuer.tenantId),
      (state) => organisationDecider.decide(command, state),
      { context: commandContextOf(issuer, this.clock.now()), expectedRevision: expected },
    );
    return outcomeOf(issuer.tenantId, result);
  }
}
