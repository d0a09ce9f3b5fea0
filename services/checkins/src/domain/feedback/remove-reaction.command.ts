import { rejectInvalid } from '@rhythm/event-sourcing';
import type { Command } from '../command';
import { instantProblem, utc } from '../input-rules';
import type { FeedbackTarget, TargetFacts } from './feedback-target';
import { knownTarget } from './feedback-target';
import type { Reaction } from './reaction';
import { reactionProblem } from './reaction';
import type { ReactionRemoved } from './thread.events';
import { existingComment } from './thread.rules';
import type { Thread } from './thread.state';
import { hasReacted } from './thread.state';

export type RemoveReaction = Command<
  'RemoveReaction',
  { target: FeedbackTarget; commentId?: string; reaction: Reaction; at: string },
  { target: TargetFacts }
>;

/** One takes back only their own reaction; taking back one not given changes nothing. */
export const removeReaction = (command: RemoveReaction, thread: Thread): ReactionRemoved[] => {
  const { data, actor } = command;
  knownTarget(command.facts.target, data.target);
  if (data.commentId !== undefined) existingComment(thread, data.commentId);
  rejectInvalid({ reaction: reactionProblem(data.reaction), at: instantProblem(data.at) });
  if (!hasReacted(thread, data.commentId, data.reaction, actor.personId)) return [];
  return [
    {
      type: 'ReactionRemoved',
      data: {
        target: data.target,
        ...(data.commentId === undefined ? {} : { commentId: data.commentId }),
        reaction: data.reaction,
        removedBy: actor.personId,
        removedAt: utc(data.at),
      },
    },
  ];
};
