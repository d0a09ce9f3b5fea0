import type { RecordedEvent } from '@rhythm/event-sourcing';
import { defineProjection } from '@rhythm/projections';
import type { BlockerEvent, CheckInEvent } from '../checkins-domain';

/**
 * One entry of the feeds (per objective; per unit and per guild through the objectives they own
 * or follow): what happened, by whom, when. The entry holds the objective, so the privacy rule
 * of its objective filters it like everything else.
 */
export type FeedEntryDocument = {
  _id: string;
  tenantId: string;
  objectiveId: string;
  keyResultId?: string;
  kind: 'check-in' | 'check-in-corrected' | 'blocker-raised';
  actorId: string;
  at: string;
  /** What the entry is about: the check-in or blocker id. */
  subjectId: string;
  summary: Record<string, unknown>;
};

type FedEvent = CheckInEvent | BlockerEvent;

/** Feed entries keyed by event id: each event writes its own entry once ('position'). */
export const feedProjection = defineProjection({
  name: 'checkins_feed',
  version: 1,
  handles: ['CheckInRecorded', 'CheckInCorrected', 'BlockerRaised'],
  streamPrefixes: ['checkins-', 'blocker-'],
  collections: [
    {
      name: 'checkins_feed',
      guard: 'position',
      indexes: [
        {
          keys: { tenantId: 1, objectiveId: 1, at: -1 },
          serves: "an objective's feed, newest first",
        },
      ],
    },
  ],
  apply: (event: RecordedEvent<FedEvent>, context) => {
    const entry = (fields: Omit<FeedEntryDocument, '_id' | 'tenantId' | 'actorId'>) =>
      context.upsert('checkins_feed', event.metadata.eventId, {
        $set: { ...fields, actorId: event.metadata.actor },
      });
    switch (event.type) {
      case 'CheckInRecorded': {
        const { data } = event;
        return entry({
          objectiveId: data.objectiveId,
          keyResultId: data.keyResultId,
          kind: 'check-in',
          at: data.recordedAt,
          subjectId: data.checkInId,
          summary: {
            value: data.value,
            confidence: data.confidence,
            band: data.band,
            progress: data.note.progress,
          },
        });
      }
      case 'CheckInCorrected': {
        const { data } = event;
        return entry({
          objectiveId: data.objectiveId,
          keyResultId: data.keyResultId,
          kind: 'check-in-corrected',
          at: data.correctedAt,
          subjectId: data.checkInId,
          summary: {
            value: data.value.after,
            confidence: data.confidence.after,
            reason: data.reason,
          },
        });
      }
      case 'BlockerRaised': {
        const { data } = event;
        return entry({
          objectiveId: data.target.objectiveId,
          ...(data.target.kind === 'key-result' ? { keyResultId: data.target.keyResultId } : {}),
          kind: 'blocker-raised',
          at: data.raisedAt,
          subjectId: data.blockerId,
          summary: { description: data.description, waitsOn: data.waitsOn },
        });
      }
      default:
        return undefined;
    }
  },
});
