import { Inject, Injectable } from '@nestjs/common';
import type { EventStore } from '@rhythm/event-sourcing';
import type { AuthenticatedActor } from '@rhythm/identity';
import {
  organisationDecider,
  orgStreams,
  type OrganisationCommand,
  type OrganisationEvent,
  type OrganisationState,
} from '../../org-domain';
import { ORG_CLOCK, ORG_EVENT_STORE } from '../../infrastructure/org-tokens';
import type { OrgClock } from '../org-clock';
import { commandContextOf } from '../org-command-context';
import {
  OrgCommandExecution,
  type CommandOutcome,
  type ExpectedRevision,
} from '../org-command-execution';

/** The organisation is the caller's tenant: its id always comes from the token. */
@Injectable()
export class OrganisationCommandHandlers {
  private readonly organisations: OrgCommandExecution<
    OrganisationCommand,
    OrganisationState,
    OrganisationEvent
  >;

  constructor(
    @Inject(ORG_EVENT_STORE) store: EventStore,
    @Inject(ORG_CLOCK) private readonly clock: OrgClock,
  ) {
    this.organisations = new OrgCommandExecution(store, organisationDecider);
  }

  establish(issuer: AuthenticatedActor, name: string): Promise<CommandOutcome> {
    return this.run(issuer, {
      type: 'EstablishOrganisation',
      organisationId: issuer.tenantId,
      name,
    });
  }

  rename(
    issuer: AuthenticatedActor,
    name: string,
    expected: ExpectedRevision,
  ): Promise<CommandOutcome> {
    return this.run(
      issuer,
      { type: 'RenameOrganisation', organisationId: issuer.tenantId, name },
      expected,
    );
  }

  private run(
    issuer: AuthenticatedActor,
    command: OrganisationCommand,
    expected?: ExpectedRevision,
  ) {
    return this.organisations.execute(
      issuer.tenantId,
      orgStreams.organisation(issuer.tenantId),
      command,
      commandContextOf(issuer, this.clock.now()),
      expected,
    );
  }
}
