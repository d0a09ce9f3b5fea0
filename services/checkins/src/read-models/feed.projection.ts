import type { RecordedEvent } from '@rhythm/event-sourcing';
import { defineProjection } from '@rhythm/projections';
import type {
  BlockerEvent,
  CheckInEvent,
  FeedbackTarget,
  InsightEvent,
  ThreadEvent,
} from '../checkins-domain';
import { threadIdOf } from './threads.projection';

/**
 * One entry of the feeds (per objective; per unit and per guild through the objectives they own
 * or follow): what happened, by whom, when. The entry holds the objective, so the privacy rule
 * of its objective filters it like everything else. A comment and an insight are one entry each,
 * rewritten when edited and removed when deleted or withdrawn: the feed shows what reads now.
 */
export type FeedEntryDocument = {
  _id: string;
  tenantId: string;
  objectiveId: string;
  keyResultId?: string;
  kind: 'check-in' | 'check-in-corrected' | 'blocker-raised' | 'comment' | 'insight';
  actorId: string;
  at: string;
  /** What the entry is about: the check-in, blocker, comment or insight id. */
  subjectId: string;
  /** An insight's guild: its feed shows what its members posted. */
  guildId?: string;
  /** The insight an insight entry, or a comment on an insight, belongs to. */
  insightId?: string;
  /** A comment on an insight since withdrawn: left out of every feed with the insight. */
  withdrawn?: boolean;
  summary: Record<string, unknown>;
};

type FedEvent = CheckInEvent | BlockerEvent | ThreadEvent | InsightEvent;

/** A comment's entry is keyed by its thread and id: its edit and its deletion find it. */
const commentEntryId = (target: FeedbackTarget, commentId: string) =>
  `comment:${threadIdOf(target)}/${commentId}`;
const insightEntryId = (insightId: string) => `insight:${insightId}`;

/** Where a comment's entry belongs: its target's objective (and key result, or insight). */
const onTarget = (target: FeedbackTarget) => {
  switch (target.kind) {
    case 'check-in':
      return { objectiveId: target.objectiveId, keyResultId: target.keyResultId };
    case 'blocker':
      return {
        objectiveId: target.objectiveId,
        ...(target.keyResultId === undefined ? {} : { keyResultId: target.keyResultId }),
      };
    case 'insight':
      return { objectiveId: target.objectiveId, insightId: target.insightId };
  }
};

/**
 * Entries of check-ins and blockers keyed by event id, each written once; comments and insights
 * keyed by what they are, so later events rewrite or remove them. All from one ordered
 * subscription of the store: 'position' guards them.
 */
export const feedProjection = defineProjection({
  name: 'checkins_feed',
  // 2: comments and guild insights join the feed. 3: entries found by guild too.
  version: 3,
  handles: [
    'CheckInRecorded',
    'CheckInCorrected',
    'BlockerRaised',
    'CommentPosted',
    'CommentEdited',
    'CommentDeleted',
    'InsightPosted',
    'InsightRevised',
    'InsightWithdrawn',
  ],
  streamPrefixes: ['checkins-', 'blocker-', 'thread-', 'insight-'],
  collections: [
    {
      name: 'checkins_feed',
      guard: 'position',
      indexes: [
        {
          keys: { tenantId: 1, objectiveId: 1, at: -1 },
          serves: "an objective's feed, newest first",
        },
        { keys: { tenantId: 1, insightId: 1 }, serves: "hiding a withdrawn insight's thread" },
        {
          keys: { tenantId: 1, guildId: 1, at: -1 },
          serves: "a guild's own insights, on objectives it no longer follows too",
        },
      ],
    },
  ],
  apply: (event: RecordedEvent<FedEvent>, context) => {
    const entry = (fields: Omit<FeedEntryDocument, '_id' | 'tenantId' | 'actorId'>) =>
      context.create('checkins_feed', event.metadata.eventId, {
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
      case 'CommentPosted': {
        const { data } = event;
        return context.upsert('checkins_feed', commentEntryId(data.target, data.commentId), {
          $set: {
            ...onTarget(data.target),
            kind: 'comment',
            actorId: data.authorId,
            at: data.postedAt,
            subjectId: data.commentId,
            summary: { target: data.target, text: data.text },
          },
        });
      }
      case 'CommentEdited': {
        const { data } = event;
        return context.update('checkins_feed', commentEntryId(data.target, data.commentId), {
          $set: { 'summary.text': data.text.after, 'summary.editedAt': data.editedAt },
        });
      }
      case 'CommentDeleted':
        return context.remove(
          'checkins_feed',
          commentEntryId(event.data.target, event.data.commentId),
        );
      case 'InsightPosted': {
        const { data } = event;
        return context.upsert('checkins_feed', insightEntryId(data.insightId), {
          $set: {
            objectiveId: data.objectiveId,
            guildId: data.guildId,
            insightId: data.insightId,
            kind: 'insight',
            actorId: data.authorId,
            at: data.postedAt,
            subjectId: data.insightId,
            summary: { title: data.title, body: data.body },
          },
        });
      }
      case 'InsightRevised': {
        const { data } = event;
        return context.update('checkins_feed', insightEntryId(data.insightId), {
          $set: {
            'summary.title': data.title.after,
            'summary.body': data.body.after,
            'summary.revisedAt': data.revisedAt,
          },
        });
      }
      case 'InsightWithdrawn': {
        const { insightId } = event.data;
        context.remove('checkins_feed', insightEntryId(insightId));
        // Its thread goes with it (ADR 0038); the comments keep their entries, hidden.
        return context.updateMany(
          'checkins_feed',
          { insightId, kind: 'comment' },
          { $set: { withdrawn: true } },
        );
      }
      default:
        return undefined;
    }
  },
});
