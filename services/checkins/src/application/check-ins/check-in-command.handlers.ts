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
import {
  checkInDecider,
  checkinsStreams,
  knownKeyResult,
  type CheckInCommand,
  type CheckInNote,
} from '../../checkins-domain';
import { CHECKINS_CLOCK, CHECKINS_EVENT_STORE } from '../../infrastructure/checkins-tokens';
import { CheckinsFacts, type Reader } from '../checkins-facts';
import { RhythmCommandHandlers } from '../rhythm/rhythm-command.handlers';

export type CheckInReading = Readonly<{ value: number; confidence: number; note: CheckInNote }>;

const handle = CommandHandler(checkInDecider);

/** Check-ins on a key result: record, correct (the author, with a reason), acknowledge (a lead). */
@Injectable()
export class CheckInCommandHandlers {
  constructor(
    @Inject(CHECKINS_EVENT_STORE) private readonly store: EventStore,
    @Inject(CHECKINS_CLOCK) private readonly clock: Clock,
    @Inject(CheckinsFacts) private readonly facts: CheckinsFacts,
    @Inject(RhythmCommandHandlers) private readonly rhythm: RhythmCommandHandlers,
  ) {}

  async record(
    issuer: AuthenticatedActor,
    objectiveId: string,
    keyResultId: string,
    input: CheckInReading & Readonly<{ checkInId?: string; blockerIds?: readonly string[] }>,
  ): Promise<CommandOutcome & Readonly<{ checkInId: string }>> {
    const checkInId = input.checkInId ?? randomUUID();
    const reader = await this.facts.readerOf(issuer);
    const [keyResult, thresholds] = await Promise.all([
      this.facts.keyResultFacts(reader, objectiveId, keyResultId),
      this.rhythm.thresholds(issuer.tenantId),
    ]);
    const outcome = await this.decide(issuer, objectiveId, keyResultId, undefined, (at) => ({
      type: 'RecordCheckIn',
      actor: { personId: issuer.personId },
      data: {
        objectiveId,
        keyResultId,
        checkInId,
        value: input.value,
        confidence: input.confidence,
        note: input.note,
        ...(input.blockerIds === undefined ? {} : { blockerIds: input.blockerIds }),
        at,
      },
      facts: { keyResult, thresholds },
    }));
    return { ...outcome, checkInId };
  }

  async correct(
    issuer: AuthenticatedActor,
    objectiveId: string,
    keyResultId: string,
    checkInId: string,
    input: CheckInReading & Readonly<{ reason: string }>,
    expected: CallerRevision,
  ): Promise<CommandOutcome> {
    const reader = await this.facts.readerOf(issuer);
    const keyResult = await this.facts.keyResultFacts(reader, objectiveId, keyResultId);
    return this.decide(
      issuer,
      objectiveId,
      keyResultId,
      expected,
      (at) => ({
        type: 'CorrectCheckIn',
        actor: { personId: issuer.personId },
        data: { objectiveId, keyResultId, checkInId, ...input, at },
        facts: { keyResult },
      }),
      input.reason,
    );
  }

  async acknowledge(
    issuer: AuthenticatedActor,
    objectiveId: string,
    keyResultId: string,
    checkInId: string,
    comment: string | undefined,
  ): Promise<CommandOutcome> {
    const reader: Reader = await this.facts.readerOf(issuer);
    const keyResult = await this.facts.keyResultFacts(reader, objectiveId, keyResultId);
    return this.decide(issuer, objectiveId, keyResultId, undefined, (at) => ({
      type: 'AcknowledgeCheckIn',
      actor: { personId: issuer.personId },
      data: {
        objectiveId,
        keyResultId,
        checkInId,
        ...(comment === undefined ? {} : { comment }),
        at,
      },
      facts: { keyResult },
    }));
  }

  private async decide(
    issuer: AuthenticatedActor,
    objectiveId: string,
    keyResultId: string,
    expected: CallerRevision,
    commandAt: (at: string) => CheckInCommand,
    reason?: string,
  ): Promise<CommandOutcome> {
    const now = this.clock.now();
    const command = commandAt(now.toISOString());
    const result = await handle(
      this.store,
      checkinsStreams.keyResultCheckIns(issuer.tenantId, objectiveId, keyResultId),
      (state) => checkInDecider.decide(command, state),
      {
        context: commandContextOf(issuer, now, reason),
        expectedRevision: expected,
        // Before the caller's revision is compared: a key result they may not see answers as an
        // unknown one, never 409 (docs/security.md).
        admit: () => {
          knownKeyResult(command.facts.keyResult, objectiveId, keyResultId);
        },
      },
    );
    return outcomeOf(keyResultId, result);
  }
}
