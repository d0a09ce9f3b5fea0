import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { EventStore } from '@rhythm/event-sourcing';
import type { AuthenticatedActor } from '@rhythm/identity';
import {
  orgStreams,
  tribeDecider,
  type TribeCommand,
  type TribeEvent,
  type TribeState,
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
import { TribeUnitsCount } from './tribe-units.count';

@Injectable()
export class TribeCommandHandlers {
  private readonly tribes: OrgCommandExecution<TribeCommand, TribeState, TribeEvent>;

  constructor(
    @Inject(ORG_EVENT_STORE) store: EventStore,
    @Inject(ORG_CLOCK) private readonly clock: OrgClock,
    private readonly facts: OrgFactsReader,
    private readonly units: TribeUnitsCount,
  ) {
    this.tribes = new OrgCommandExecution(store, tribeDecider);
  }

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
    });
  }

  rename(issuer: AuthenticatedActor, tribeId: string, name: string, expected: ExpectedRevision) {
    return this.run(issuer, tribeId, { type: 'RenameTribe', tribeId, name }, expected);
  }

  async appointLead(
    issuer: AuthenticatedActor,
    tribeId: string,
    personId: string,
    expected: ExpectedRevision,
  ): Promise<CommandOutcome> {
    const person = await this.facts.person(issuer.tenantId, personId);
    return this.run(
      issuer,
      tribeId,
      { type: 'AppointTribeLead', tribeId, personId, person },
      expected,
    );
  }

  async dissolve(
    issuer: AuthenticatedActor,
    tribeId: string,
    reason: string,
    expected: ExpectedRevision,
  ): Promise<CommandOutcome> {
    const { squads, chapters } = await this.units.activeIn(issuer.tenantId, tribeId);
    return this.run(
      issuer,
      tribeId,
      { type: 'DissolveTribe', tribeId, reason, activeSquads: squads, activeChapters: chapters },
      expected,
      reason,
    );
  }

  private run(
    issuer: AuthenticatedActor,
    tribeId: string,
    command: TribeCommand,
    expected?: ExpectedRevision,
    reason?: string,
  ) {
    return this.tribes.execute(
      tribeId,
      orgStreams.tribe(issuer.tenantId, tribeId),
      command,
      commandContextOf(issuer, this.clock.now(), reason),
      expected,
    );
  }
}
