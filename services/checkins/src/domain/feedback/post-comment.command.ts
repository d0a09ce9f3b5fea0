import {
  AlreadyExists,
  identifierProblem,
  rejectInvalid,
  textProblem,
} from '@rhythm/event-sourcing';
import type { Command } from '../command';
import { clean, instantProblem, limits, utc } from '../input-rules';
import type { FeedbackTarget, TargetFacts } from './feedback-target';
import { knownTarget } from './feedback-target';
import type { CommentPosted } from './thread.events';
import { assertPerson } from './thread.rules';
import type { Thread } from './thread.state';
import { findComment } from './thread.state';

export type PostComment = Command<
  'PostComment',
  { target: FeedbackTarget; commentId: string; text: string; at: string },
  { target: TargetFacts }
>;

/**
 * Anyone who may see the objective comments on its check-ins, blockers and insights: seeing is
 * the one power asked (the application's visibility rule, through the facts).
 */
export const postComment = (command: PostComment, thread: Thread): CommentPosted[] => {
  const { data, actor } = command;
  knownTarget(command.facts.target, data.target);
  assertPerson(actor, 'comment');
  rejectInvalid({
    commentId: identifierProblem(data.commentId),
    text: textProblem(data.text, limits.commentText),
    at: instantProblem(data.at),
  });
  if (findComment(thread, data.commentId) !== undefined) {
    throw new AlreadyExists(`Comment ${data.commentId} already exists`);
  }
  return [
    {
      type: 'CommentPosted',
      data: {
        target: data.target,
        commentId: data.commentId,
        authorId: actor.personId,
        text: clean(data.text),
        postedAt: utc(data.at),
      },
    },
  ];
};
