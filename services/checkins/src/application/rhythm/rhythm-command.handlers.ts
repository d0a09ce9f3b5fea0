import { Inject, Injectable } from '@nestjs/common';
import {
  aggregateStream,
  CommandHandler,
  NotFound,
  outcomeOf,
  type Clock,
  type CommandOutcome,
  type EventStore,
} from '@rhythm/event-sourcing';
import { commandContextOf, type AuthenticatedActor } from '@rhythm/identity';
import {
  absenceDecider,
  checkinsStreams,
  settingsDecider,
  type ConfidenceThresholds,
} from '../../checkins-domain';
import { CHECKINS_CLOCK, CHECKINS_EVENT_STORE } from '../../infrastructure/checkins-tokens';
import { CheckinsFacts } from '../checkins-facts';

const handleSettings = CommandHandler(settingsDecider);
const handleAbsence = CommandHandler(absenceDecider);

/** The organisation's confidence thresholds, and who is out of office when. */
const thresholdsKeptMs = 1_000;

@Injectable()
export class RhythmCommandHandlers {
  private readonly kept = new Map<
    string,
    Readonly<{ thresholds: Promise<ConfidenceThresholds>; until: number }>
  >();

  constructor(
    @Inject(CHECKINS_EVENT_STORE) private readonly store: EventStore,
    @Inject(CHECKINS_CLOCK) private readonly clock: Clock,
    @Inject(CheckinsFacts) private readonly facts: CheckinsFacts,
  ) {}

  /**
   * The thresholds check-ins are read by now (the defaults until an admin sets some). Every
   * check-in asks: an answer is kept for a second (`thresholdsKeptMs`), and dropped on this
   * replica the moment an admin sets new ones; another replica reads them within the second.
   */
  thresholds(tenantId: string): Promise<ConfidenceThresholds> {
    const kept = this.kept.get(tenantId);
    if (kept !== undefined && kept.until > Date.now()) return kept.thresholds;
    const thresholds = aggregateStream(
      this.store,
      checkinsStreams.settings(tenantId),
      settingsDecider,
    ).then(({ state }) => state.thresholds);
    if (this.kept.size >= 10_000) this.kept.clear();
    this.kept.set(tenantId, { thresholds, until: Date.now() + thresholdsKeptMs });
    thresholds.catch(() => this.kept.delete(tenantId));
    return thresholds;
  }

  async setThresholds(
    issuer: AuthenticatedActor,
    thresholds: ConfidenceThresholds,
  ): Promise<CommandOutcome> {
    this.kept.delete(issuer.tenantId);
    const now = this.clock.now();
    const result = await handleSettings(
      this.store,
      checkinsStreams.settings(issuer.tenantId),
      (state) =>
        settingsDecider.decide(
          {
            type: 'SetConfidenceThresholds',
            actor: { personId: issuer.personId },
            data: { thresholds },
            facts: { actorIsAdmin: issuer.roles.includes('admin') },
          },
          state,
        ),
      { context: commandContextOf(issuer, now) },
    );
    this.kept.delete(issuer.tenantId);
    return outcomeOf(issuer.tenantId, result);
  }

  async declareOutOfOffice(
    issuer: AuthenticatedActor,
    personId: string,
    absence: Readonly<{ absenceId: string; from: string; until: string }>,
  ): Promise<CommandOutcome> {
    return this.decideAbsence(issuer, personId, async () => ({
      type: 'DeclareOutOfOffice',
      actor: { personId: issuer.personId },
      data: { personId, ...absence },
      facts: await this.absenceFacts(issuer, personId),
    }));
  }

  cancelOutOfOffice(
    issuer: AuthenticatedActor,
    personId: string,
    absenceId: string,
  ): Promise<CommandOutcome> {
    return this.decideAbsence(issuer, personId, async () => ({
      type: 'CancelOutOfOffice',
      actor: { personId: issuer.personId },
      data: { personId, absenceId },
      facts: await this.absenceFacts(issuer, personId),
    }));
  }

  /** The person's leads today: of their squad and of their chapter. */
  private async absenceFacts(issuer: AuthenticatedActor, personId: string) {
    const person = await this.facts.person(issuer.tenantId, personId);
    if (person === undefined) throw new NotFound(`Person ${personId} not found`);
    const leads = await Promise.all([
      this.facts.leadsOf(
        issuer.tenantId,
        person?.squadId ? { kind: 'squad', id: person.squadId } : undefined,
      ),
      this.facts.leadsOf(
        issuer.tenantId,
        person?.chapterId ? { kind: 'chapter', id: person.chapterId } : undefined,
      ),
    ]);
    return { leadIds: leads.flat(), actorIsAdmin: issuer.roles.includes('admin') };
  }

  private async decideAbsence(
    issuer: AuthenticatedActor,
    personId: string,
    commandFor: () => Promise<Parameters<typeof absenceDecider.decide>[0]>,
  ): Promise<CommandOutcome> {
    const command = await commandFor();
    const result = await handleAbsence(
      this.store,
      checkinsStreams.absence(issuer.tenantId, personId),
      (state) => absenceDecider.decide(command, state),
      { context: commandContextOf(issuer, this.clock.now()) },
    );
    return outcomeOf(personId, result);
  }
}
