import { rejectInvalid } from '@rhythm/event-sourcing';
import type { Command } from '../command';
import { instantProblem, utc } from '../input-rules';
import type { FeedbackTarget, TargetFacts } from './feedback-target';
import { knownTarget } from './feedback-target';
import type { Reaction } from './reaction';
import { reactionProblem } from './reaction';
import type { ReactionAdded } from './thread.events';
import { assertPerson, existingComment } from './thread.rules';
import type { Thread } from './thread.state';
import { hasReacted } from './thread.state';

export type AddReaction = Command<
  'AddReaction',
  {
    target: FeedbackTarget;
    /** A comment of the thread; absent: the check-in, blocker or insight itself. */
    commentId?: string;
    reaction: Reaction;
    at: string;
  },
  { target: TargetFacts }
>;

/** Anyone who may see the objective reacts, once of each kind: a second 👍 adds nothing. */
export const addReaction = (command: AddReaction, thread: Thread): ReactionAdded[] => {
  const { data, actor } = command;
  knownTarget(command.facts.target, data.target);
  if (data.commentId !== undefined) existingComment(thread, data.commentId);
  assertPerson(actor, 'react');
  rejectInvalid({ reaction: reactionProblem(data.reaction), at: instantProblem(data.at) });
  if (hasReacted(thread, data.commentId, data.reaction, actor.personId)) return [];
  return [
    {
      type: 'ReactionAdded',
      data: {
        target: data.target,
        ...(data.commentId === undefined ? {} : { commentId: data.commentId }),
        reaction: data.reaction,
        addedBy: actor.personId,
        addedAt: utc(data.at),
      },
    },
  ];
};
