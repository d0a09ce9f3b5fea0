import { Inject, Injectable, Optional } from '@nestjs/common';
import { checkInCorrectedV1, checkInRecordedV1, type IntegrationEnvelope } from '@rhythm/contracts';
import {
  aggregateStream,
  CommandHandler,
  DomainError,
  WrongExpectedRevision,
  type Clock,
  type CommandContext,
  type EventStore,
  type RecordedEvent,
  type StreamFold,
} from '@rhythm/event-sourcing';
import { ServiceLogger } from '@rhythm/operability';
import {
  cycleDecider,
  goalsStreams,
  objectiveDecider,
  type Actor,
  type ObjectiveEvent,
  type ObjectiveState,
} from '../goals-domain';
import { GOALS_CLOCK, GOALS_EVENT_STORE } from '../infrastructure/goals-tokens';
import { CheckInRefusals } from './check-in-refusals';

/**
 * Check-ins arrive authorised by the checkins context's rules (ADR 0037): goals records their
 * value as this system actor, with the author as the events' actor.
 */
export const checkInFeedActor: Actor = { personId: 'system:checkins', isAdmin: true, leads: [] };

/** A check-in's reading as goals takes it. */
type Reading = Readonly<{
  objectiveId: string;
  keyResultId: string;
  checkInId: string;
  authorId: string;
  value: number;
  reason?: string;
}>;

/**
 * The objective as the decider sees it, and the check-in events whose values its stream already
 * holds (each KeyResultProgressed from a check-in names its event as its cause).
 */
type ObjectiveWithCheckIns = Readonly<{ objective: ObjectiveState; taken: ReadonlySet<string> }>;

const withCheckInsTaken: StreamFold<ObjectiveWithCheckIns, ObjectiveEvent> = {
  initialState: () => ({ objective: objectiveDecider.initialState(), taken: new Set() }),
  evolve: ({ objective, taken }, event) => {
    const cause = (event as Partial<RecordedEvent>).metadata?.causationId;
    const fromCheckIn =
      event.type === 'KeyResultProgressed' && event.data.checkInId !== undefined && cause;
    return {
      objective: objectiveDecider.evolve(objective, event),
      taken: fromCheckIn ? new Set([...taken, cause]) : taken,
    };
  },
};

const handle = CommandHandler(withCheckInsTaken);

/**
 * A check-in becomes its key result's current value: RecordProgress with the check-in's id, on
 * the objective's stream. A correction of the latest check-in does the same with the corrected
 * value; an older check-in's correction changes only checkins' history. What the objective
 * refuses (unknown, abandoned, cycle closed, a value its metric cannot take) is parked with the
 * reason; anything else throws, for the inbox to retry and then dead-letter.
 */
@Injectable()
export class CheckInProgress {
  constructor(
    @Inject(GOALS_EVENT_STORE) private readonly store: EventStore,
    @Inject(GOALS_CLOCK) private readonly clock: Clock,
    @Inject(CheckInRefusals) private readonly refusals: CheckInRefusals,
    @Optional() @Inject(ServiceLogger) private readonly logger?: ServiceLogger,
  ) {}

  async apply(event: IntegrationEnvelope): Promise<void> {
    if (checkInRecordedV1.matches(event)) {
      const { objectiveId, keyResultId, checkInId, authorId, value } = event.data;
      return this.take(event, { objectiveId, keyResultId, checkInId, authorId, value });
    }
    if (checkInCorrectedV1.matches(event) && event.data.latest) {
      const { objectiveId, keyResultId, checkInId, authorId, value, reason } = event.data;
      return this.take(event, {
        objectiveId,
        keyResultId,
        checkInId,
        authorId,
        value: value.after,
        reason,
      });
    }
  }

  private async take(event: IntegrationEnvelope, reading: Reading): Promise<void> {
    const { tenantId } = event;
    const context: CommandContext = {
      tenantId,
      // The person who checked in caused the change; the check-in's event caused this command.
      actor: reading.authorId,
      correlationId: event.correlationId,
      causationId: event.eventId,
      now: this.clock.now(),
      ...(reading.reason === undefined ? {} : { reason: reading.reason }),
    };
    try {
      await handle(
        this.store,
        goalsStreams.objective(tenantId, reading.objectiveId),
        // Taken already: the inbox had not noted it when the consumer stopped (ADR 0037).
        async ({ objective, taken }) =>
          taken.has(event.eventId)
            ? []
            : objectiveDecider.decide(
                {
                  type: 'RecordProgress',
                  actor: checkInFeedActor,
                  data: {
                    objectiveId: reading.objectiveId,
                    keyResultId: reading.keyResultId,
                    value: reading.value,
                    checkInId: reading.checkInId,
                  },
                  facts: {
                    cycle:
                      objective.status === 'none'
                        ? 'none'
                        : await this.cycleStanding(tenantId, objective.cycleId),
                  },
                },
                objective,
              ),
        { context },
      );
    } catch (error) {
      // A conflict that outlived the handler's retries is contention, not a refusal: retried.
      if (!(error instanceof DomainError) || error instanceof WrongExpectedRevision) throw error;
      await this.refusals.park({
        tenantId,
        eventId: event.eventId,
        checkInId: reading.checkInId,
        objectiveId: reading.objectiveId,
        keyResultId: reading.keyResultId,
        authorId: reading.authorId,
        value: reading.value,
        refusal: error.code,
        reason: error.message,
        refusedAt: this.clock.now(),
      });
      this.logger?.pino.warn(
        { tenantId, eventId: event.eventId, checkInId: reading.checkInId, refusal: error.code },
        `check-in parked: ${error.message}`,
      );
    }
  }

  private async cycleStanding(tenantId: string, cycleId: string) {
    const stream = goalsStreams.cycle(tenantId, cycleId);
    return (await aggregateStream(this.store, stream, cycleDecider)).state.status;
  }
}
