import { Inject, Injectable } from '@nestjs/common';
import {
  CommandHandler,
  NotFound,
  outcomeOf,
  type CallerRevision,
  type Clock,
  type CommandOutcome,
  type EventStore,
} from '@rhythm/event-sourcing';
import { commandContextOf, type AuthenticatedActor } from '@rhythm/identity';
import { cadenceDecider, checkinsStreams, type Cadence, type Unit } from '../../checkins-domain';
import { CHECKINS_CLOCK, CHECKINS_EVENT_STORE } from '../../infrastructure/checkins-tokens';
import { ORG_KNOWLEDGE, type OrgKnowledge } from '../checkins-directory.port';

const handle = CommandHandler(cadenceDecider);

/** A unit's expected rhythm of check-ins, set by its lead or an admin. */
@Injectable()
export class CadenceCommandHandlers {
  constructor(
    @Inject(CHECKINS_EVENT_STORE) private readonly store: EventStore,
    @Inject(CHECKINS_CLOCK) private readonly clock: Clock,
    @Inject(ORG_KNOWLEDGE) private readonly org: OrgKnowledge,
  ) {}

  async set(
    issuer: AuthenticatedActor,
    unit: Unit,
    cadence: Cadence,
    expected: CallerRevision,
  ): Promise<CommandOutcome> {
    const known = await this.org.unit(issuer.tenantId, unit);
    const now = this.clock.now();
    const result = await handle(
      this.store,
      checkinsStreams.cadence(issuer.tenantId, unit.kind, unit.id),
      (state) =>
        cadenceDecider.decide(
          {
            type: 'SetCadence',
            actor: { personId: issuer.personId },
            data: { unit, cadence },
            facts: {
              unit: known === undefined || known.status !== 'active' ? 'no-unit' : known,
              actorIsAdmin: issuer.roles.includes('admin'),
            },
          },
          state,
        ),
      {
        context: commandContextOf(issuer, now),
        expectedRevision: expected,
        // An unknown unit answers 404 before any If-Match is compared.
        admit: () => {
          if (known === undefined || known.status !== 'active') {
            throw new NotFound(`Unit ${unit.kind} ${unit.id} not found`);
          }
        },
      },
    );
    return outcomeOf(`${unit.kind}:${unit.id}`, result);
  }
}
