import { assertNever } from '@rhythm/event-sourcing';
import type { FeedbackTarget } from './feedback-target';
import type { Reaction } from './reaction';
import type { ThreadEvent } from './thread.events';

/** A deleted comment keeps its id and author (who may delete it again, harmlessly), not its text. */
export type Comment = Readonly<{
  commentId: string;
  authorId: string;
  text: string;
  postedAt: string;
  editedAt?: string;
  deleted: boolean;
}>;

/** One person's reaction to the target (no `commentId`) or to one comment. */
export type GivenReaction = Readonly<{
  commentId?: string;
  reaction: Reaction;
  personId: string;
  at: string;
}>;

export type Thread = Readonly<{
  target?: FeedbackTarget;
  comments: readonly Comment[];
  reactions: readonly GivenReaction[];
}>;

export const initialThread = (): Thread => ({ comments: [], reactions: [] });

export const findComment = (thread: Thread, commentId: string): Comment | undefined =>
  thread.comments.find((comment) => comment.commentId === commentId);

const sameReaction =
  (commentId: string | undefined, reaction: Reaction, personId: string) =>
  (given: GivenReaction): boolean =>
    given.commentId === commentId && given.reaction === reaction && given.personId === personId;

export const hasReacted = (
  thread: Thread,
  commentId: string | undefined,
  reaction: Reaction,
  personId: string,
): boolean => thread.reactions.some(sameReaction(commentId, reaction, personId));

const updateComment = (
  thread: Thread,
  commentId: string,
  change: (comment: Comment) => Comment,
): Thread => ({
  ...thread,
  comments: thread.comments.map((c) => (c.commentId === commentId ? change(c) : c)),
});

export const evolveThread = (thread: Thread, event: ThreadEvent): Thread => {
  const target = thread.target ?? event.data.target;
  switch (event.type) {
    case 'CommentPosted': {
      const { target: _t, ...comment } = event.data;
      return { ...thread, target, comments: [...thread.comments, { ...comment, deleted: false }] };
    }
    case 'CommentEdited':
      return updateComment(thread, event.data.commentId, (comment) => ({
        ...comment,
        text: event.data.text.after,
        editedAt: event.data.editedAt,
      }));
    case 'CommentDeleted':
      // The tombstone takes the text and the comment's reactions with it.
      return {
        ...updateComment(thread, event.data.commentId, (comment) => ({
          ...comment,
          text: '',
          deleted: true,
        })),
        reactions: thread.reactions.filter((given) => given.commentId !== event.data.commentId),
      };
    case 'ReactionAdded': {
      const { commentId, reaction, addedBy, addedAt } = event.data;
      const given: GivenReaction = {
        ...(commentId === undefined ? {} : { commentId }),
        reaction,
        personId: addedBy,
        at: addedAt,
      };
      return { ...thread, target, reactions: [...thread.reactions, given] };
    }
    case 'ReactionRemoved': {
      const { commentId, reaction, removedBy } = event.data;
      const removed = sameReaction(commentId, reaction, removedBy);
      return { ...thread, reactions: thread.reactions.filter((given) => !removed(given)) };
    }
    default:
      return assertNever(event);
  }
};
