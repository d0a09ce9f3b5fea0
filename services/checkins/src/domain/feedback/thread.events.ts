import type { Event } from '@rhythm/event-sourcing';
import type { Change } from '../check-in/check-in.events';
import type { FeedbackTarget } from './feedback-target';
import type { Reaction } from './reaction';

/**
 * The discussion of one check-in, blocker or insight: its comments and the reactions to it and to
 * them, one stream per target (`thread-<tenant>.<kind>.…`, ADR 0038). Each event names its target
 * with the objective (and key result or guild) it belongs to.
 */
export type CommentPosted = Event<
  'CommentPosted',
  {
    target: FeedbackTarget;
    commentId: string;
    authorId: string;
    text: string;
    postedAt: string;
  }
>;

/** Only the author edits; the text before stays in the stream, as a check-in's correction does. */
export type CommentEdited = Event<
  'CommentEdited',
  {
    target: FeedbackTarget;
    commentId: string;
    authorId: string;
    text: Change<string>;
    editedAt: string;
  }
>;

/**
 * A tombstone: it holds no text, and from it on every read leaves the comment's text (and its
 * reactions) out. The earlier events keep theirs, as an event store does (ADR 0038).
 */
export type CommentDeleted = Event<
  'CommentDeleted',
  {
    target: FeedbackTarget;
    commentId: string;
    authorId: string;
    deletedBy: string;
    deletedAt: string;
  }
>;

/** On the target itself, or on one of its comments (`commentId`). */
export type ReactionAdded = Event<
  'ReactionAdded',
  {
    target: FeedbackTarget;
    commentId?: string;
    reaction: Reaction;
    addedBy: string;
    addedAt: string;
  }
>;

export type ReactionRemoved = Event<
  'ReactionRemoved',
  {
    target: FeedbackTarget;
    commentId?: string;
    reaction: Reaction;
    removedBy: string;
    removedAt: string;
  }
>;

export type ThreadEvent =
  CommentPosted | CommentEdited | CommentDeleted | ReactionAdded | ReactionRemoved;
