import {
  blockerResolvedV1,
  checkInCorrectedV1,
  checkInRecordedV1,
  type IntegrationEnvelope,
} from '@rhythm/contracts';
import { assertNever, type RecordedEvent } from '@rhythm/event-sourcing';
import type { BlockerEvent, CadenceEvent, CheckInEvent } from './checkins-domain';

export type CheckinsEvent = CheckInEvent | BlockerEvent | CadenceEvent;

/**
 * Domain events are the checkins context's private language; integration events are its public,
 * versioned promise (libs/contracts/src/checkins). This is the one place where the first becomes
 * the second, for the relay (undefined: not published). Published: a check-in and its
 * correction, what another context needs to take a key result's value (ADR 0037), and a
 * blocker's resolution, what recognition celebrates (ADR 0046). Notes, thresholds, blockers
 * linked and acknowledgers stay inside; acknowledgements, the rest of a blocker's life and
 * cadence are not published.
 */
export const toCheckinsIntegrationEvent = (
  recorded: RecordedEvent<CheckinsEvent>,
): IntegrationEnvelope | undefined => {
  const event = recorded as CheckinsEvent & RecordedEvent;
  switch (event.type) {
    case 'CheckInRecorded': {
      const { data } = event;
      return checkInRecordedV1.envelope(recorded, {
        objectiveId: data.objectiveId,
        keyResultId: data.keyResultId,
        checkInId: data.checkInId,
        authorId: data.authorId,
        value: data.value,
        confidence: data.confidence,
        band: data.band,
        recordedAt: data.recordedAt,
      });
    }
    case 'CheckInCorrected': {
      const { data } = event;
      return checkInCorrectedV1.envelope(recorded, {
        objectiveId: data.objectiveId,
        keyResultId: data.keyResultId,
        checkInId: data.checkInId,
        // Only the author may correct a check-in (ADR 0036): the one who caused the event.
        authorId: recorded.metadata.actor,
        value: { ...data.value },
        confidence: { ...data.confidence },
        band: { ...data.band },
        reason: data.reason,
        latest: data.latest,
        correctedAt: data.correctedAt,
      });
    }
    case 'BlockerResolved': {
      const { data } = event;
      // Resolved before the resolution kept its target: nothing to say whose it was.
      if (data.target === undefined || data.raisedBy === undefined) return undefined;
      return blockerResolvedV1.envelope(recorded, {
        blockerId: data.blockerId,
        objectiveId: data.target.objectiveId,
        ...(data.target.kind === 'key-result' ? { keyResultId: data.target.keyResultId } : {}),
        raisedBy: data.raisedBy,
        resolvedBy: data.resolvedBy,
        resolvedAt: data.resolvedAt,
      });
    }
    case 'CheckInAcknowledged':
    case 'BlockerRaised':
    case 'BlockerAcknowledged':
    case 'BlockerEscalated':
    case 'CadenceSet':
    case 'CheckInOverdue':
    case 'OverdueEscalated':
      return undefined;
    default:
      return assertNever(event);
  }
};
