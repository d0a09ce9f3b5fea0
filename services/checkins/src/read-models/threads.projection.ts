import { assertNever, type RecordedEvent } from '@rhythm/event-sourcing';
import { defineProjection } from '@rhythm/projections';
import type { FeedbackTarget, Reaction, ThreadEvent } from '../checkins-domain';

/** Who gave each reaction, by reaction: `{ 'thumbs-up': ['sam', 'paula'] }`. */
export type ReactionsDocument = Partial<Record<Reaction, string[]>>;

/** One discussion: its target, and the reactions to the target itself. */
export type ThreadDocument = {
  _id: string;
  tenantId: string;
  target: FeedbackTarget;
  objectiveId: string;
  reactions: ReactionsDocument;
};

/** One comment of a thread; once deleted, a tombstone without its words or its reactions. */
export type CommentDocument = {
  _id: string;
  tenantId: string;
  threadId: string;
  target: FeedbackTarget;
  objectiveId: string;
  commentId: string;
  authorId: string;
  text: string;
  /** Its place in the thread's stream: the thread reads in the order it was written. */
  order: number;
  postedAt: string;
  editedAt?: string;
  deleted: boolean;
  deletedAt?: string;
  reactions: ReactionsDocument;
};

/**
 * A thread's key, as its stream id without the tenant: a check-in's names its key result, since a
 * check-in id is unique only there (ADR 0038).
 */
export const threadIdOf = (target: FeedbackTarget): string => {
  switch (target.kind) {
    case 'check-in':
      return `check-in.${target.keyResultId}.${target.checkInId}`;
    case 'blocker':
      return `blocker.${target.blockerId}`;
    case 'insight':
      return `insight.${target.insightId}`;
  }
};

/** A `/` is in no id (ADR 0026), so thread and comment never blur into another pair. */
export const commentKey = (threadId: string, commentId: string) => `${threadId}/${commentId}`;

/**
 * Threads and their comments, from the thread streams. A comment is a document of its own rather
 * than an entry of a map in its thread: a comment id may hold a `.`, which a field path cannot.
 * Each document belongs to one thread stream, so 'stream' guards both.
 */
export const threadsProjection = defineProjection({
  name: 'checkins_threads',
  version: 1,
  handles: ['CommentPosted', 'CommentEdited', 'CommentDeleted', 'ReactionAdded', 'ReactionRemoved'],
  streamPrefixes: ['thread-'],
  collections: [
    { name: 'checkins_threads', guard: 'stream' },
    {
      name: 'checkins_comments',
      guard: 'stream',
      indexes: [{ keys: { tenantId: 1, threadId: 1, order: 1 }, serves: 'a thread, in order' }],
    },
  ],
  apply: (event: RecordedEvent<ThreadEvent>, context) => {
    const { target } = event.data;
    const threadId = threadIdOf(target);
    const thread = { target, objectiveId: target.objectiveId };
    switch (event.type) {
      case 'CommentPosted': {
        const { data } = event;
        context.upsert('checkins_threads', threadId, {
          $set: thread,
          $setOnInsert: { reactions: {} },
        });
        return context.upsert('checkins_comments', commentKey(threadId, data.commentId), {
          $set: {
            ...thread,
            threadId,
            commentId: data.commentId,
            authorId: data.authorId,
            text: data.text,
            order: event.streamRevision,
            postedAt: data.postedAt,
            deleted: false,
            reactions: {},
          },
        });
      }
      case 'CommentEdited':
        return context.update('checkins_comments', commentKey(threadId, event.data.commentId), {
          $set: { text: event.data.text.after, editedAt: event.data.editedAt },
        });
      case 'CommentDeleted':
        // The tombstone: the words and the reactions leave; the place in the thread stays.
        return context.update('checkins_comments', commentKey(threadId, event.data.commentId), {
          $set: { text: '', deleted: true, deletedAt: event.data.deletedAt, reactions: {} },
          $unset: { editedAt: '' },
        });
      case 'ReactionAdded': {
        const { commentId, reaction, addedBy } = event.data;
        const given = { $addToSet: { [`reactions.${reaction}`]: addedBy } };
        if (commentId !== undefined) {
          return context.update('checkins_comments', commentKey(threadId, commentId), given);
        }
        return context.upsert('checkins_threads', threadId, { $set: thread, ...given });
      }
      case 'ReactionRemoved': {
        const { commentId, reaction, removedBy } = event.data;
        const taken = { $pull: { [`reactions.${reaction}`]: removedBy } };
        if (commentId !== undefined) {
          return context.update('checkins_comments', commentKey(threadId, commentId), taken);
        }
        return context.update('checkins_threads', threadId, taken);
      }
      default:
        return assertNever(event);
    }
  },
});
