import { Forbidden, NotFound } from '@rhythm/event-sourcing';
import type { Actor } from '../actor';
import { isSystem } from '../actor';
import type { Comment, Thread } from './thread.state';
import { findComment } from './thread.state';

/** A deleted comment answers as one that never was: nothing can be edited or reacted to on it. */
export const existingComment = (thread: Thread, commentId: string): Comment => {
  const comment = findComment(thread, commentId);
  if (comment === undefined || comment.deleted) {
    throw new NotFound(`Comment ${commentId} not found`);
  }
  return comment;
};

/** Comments and reactions are a person's words: automatic work has none to give. */
export const assertPerson = (actor: Actor, doing: string): void => {
  if (!isSystem(actor)) return;
  throw new Forbidden(`Only a person can ${doing}`);
};
