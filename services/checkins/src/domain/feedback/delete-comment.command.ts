import { Forbidden, NotFound, rejectInvalid } from '@rhythm/event-sourcing';
import type { Command } from '../command';
import { instantProblem, utc } from '../input-rules';
import type { FeedbackTarget, TargetFacts } from './feedback-target';
import { knownTarget } from './feedback-target';
import type { CommentDeleted } from './thread.events';
import type { Thread } from './thread.state';
import { findComment } from './thread.state';

export type DeleteComment = Command<
  'DeleteComment',
  { target: FeedbackTarget; commentId: string; at: string },
  { target: TargetFacts; actorIsAdmin: boolean }
>;

/**
 * Taken down by its author, or by the objective's lead or an admin (who answer for what is said
 * on their goals). A tombstone: the text leaves every read. Deleting again changes nothing, so a
 * retried request is harmless; editing or reacting to it answers as to an unknown comment.
 */
export const deleteComment = (command: DeleteComment, thread: Thread): CommentDeleted[] => {
  const { data, actor, facts } = command;
  const target = knownTarget(facts.target, data.target);
  const comment = findComment(thread, data.commentId);
  if (comment === undefined) throw new NotFound(`Comment ${data.commentId} not found`);
  if (
    comment.authorId !== actor.personId &&
    !target.objectiveLeadIds.includes(actor.personId) &&
    !facts.actorIsAdmin
  ) {
    throw new Forbidden(
      `Only the author of comment ${data.commentId}, the objective's lead or an admin can delete it`,
    );
  }
  rejectInvalid({ at: instantProblem(data.at) });
  if (comment.deleted) return [];
  return [
    {
      type: 'CommentDeleted',
      data: {
        target: data.target,
        commentId: comment.commentId,
        authorId: comment.authorId,
        deletedBy: actor.personId,
        deletedAt: utc(data.at),
      },
    },
  ];
};
