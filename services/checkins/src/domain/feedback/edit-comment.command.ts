import { Forbidden, rejectInvalid, textProblem } from '@rhythm/event-sourcing';
import type { Command } from '../command';
import { clean, instantProblem, limits, utc } from '../input-rules';
import type { FeedbackTarget, TargetFacts } from './feedback-target';
import { knownTarget } from './feedback-target';
import type { CommentEdited } from './thread.events';
import { existingComment } from './thread.rules';
import type { Thread } from './thread.state';

export type EditComment = Command<
  'EditComment',
  { target: FeedbackTarget; commentId: string; text: string; at: string },
  { target: TargetFacts }
>;

/** A comment is its author's words: only they rewrite it, and the event keeps what it said. */
export const editComment = (command: EditComment, thread: Thread): CommentEdited[] => {
  const { data, actor } = command;
  knownTarget(command.facts.target, data.target);
  const comment = existingComment(thread, data.commentId);
  if (comment.authorId !== actor.personId) {
    throw new Forbidden(`Only the author of comment ${data.commentId} can edit it`);
  }
  rejectInvalid({ text: textProblem(data.text, limits.commentText), at: instantProblem(data.at) });
  const text = clean(data.text);
  if (text === comment.text) return [];
  return [
    {
      type: 'CommentEdited',
      data: {
        target: data.target,
        commentId: comment.commentId,
        authorId: comment.authorId,
        text: { before: comment.text, after: text },
        editedAt: utc(data.at),
      },
    },
  ];
};
