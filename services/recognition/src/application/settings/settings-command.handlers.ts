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
import {
  recognitionSettingsDecider,
  recognitionStreams,
  type RecognitionSettingsCommand,
} from '../../recognition-domain';
import {
  RECOGNITION_CLOCK,
  RECOGNITION_EVENT_STORE,
} from '../../infrastructure/recognition-tokens';

type SettingsChange =
  | Readonly<{ type: 'SetKudosValues'; data: { values: readonly string[] } }>
  | Readonly<{ type: 'SetStreakMilestones'; data: { weeks: readonly number[] } }>
  | Readonly<{ type: 'SetKudosLimit'; data: { kudosPerHour: number } }>;

const handle = CommandHandler(recognitionSettingsDecider);

/** The organisation's values and tags, streak milestones and kudos limit: an admin sets them. */
@Injectable()
export class SettingsCommandHandlers {
  constructor(
    @Inject(RECOGNITION_EVENT_STORE) private readonly store: EventStore,
    @Inject(RECOGNITION_CLOCK) private readonly clock: Clock,
  ) {}

  async change(
    issuer: AuthenticatedActor,
    change: SettingsChange,
    expected: CallerRevision,
  ): Promise<CommandOutcome> {
    const now = this.clock.now();
    const command = {
      ...change,
      actor: { personId: issuer.personId },
      facts: { actorIsAdmin: issuer.roles.includes('admin') },
    } as RecognitionSettingsCommand;
    const result = await handle(
      this.store,
      recognitionStreams.settings(issuer.tenantId),
      (state) => recognitionSettingsDecider.decide(command, state),
      { context: commandContextOf(issuer, now), expectedRevision: expected },
    );
    return outcomeOf(issuer.tenantId, result);
  }
}
