import type { Decider } from '@rhythm/event-sourcing';
import { assertNever } from '@rhythm/event-sourcing';
import type { AddReaction } from './add-reaction.command';
import { addReaction } from './add-reaction.command';
import type { DeleteComment } from './delete-comment.command';
import { deleteComment } from './delete-comment.command';
import type { EditComment } from './edit-comment.command';
import { editComment } from './edit-comment.command';
import type { PostComment } from './post-comment.command';
import { postComment } from './post-comment.command';
import type { RemoveReaction } from './remove-reaction.command';
import { removeReaction } from './remove-reaction.command';
import type { ThreadEvent } from './thread.events';
import type { Thread } from './thread.state';
import { evolveThread, initialThread } from './thread.state';

export type ThreadCommand =
  PostComment | EditComment | DeleteComment | AddReaction | RemoveReaction;

const decide = (command: ThreadCommand, thread: Thread): readonly ThreadEvent[] => {
  switch (command.type) {
    case 'PostComment':
      return postComment(command, thread);
    case 'EditComment':
      return editComment(command, thread);
    case 'DeleteComment':
      return deleteComment(command, thread);
    case 'AddReaction':
      return addReaction(command, thread);
    case 'RemoveReaction':
      return removeReaction(command, thread);
    default:
      return assertNever(command);
  }
};

/** Stream `thread-<tenant>.<kind>.…`: one check-in's, blocker's or insight's discussion (ADR 0038). */
export const threadDecider: Decider<ThreadCommand, Thread, ThreadEvent> = {
  decide,
  evolve: evolveThread,
  initialState: initialThread,
};
