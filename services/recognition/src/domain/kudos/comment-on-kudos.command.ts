import {
  AlreadyExists,
  identifierProblem,
  rejectInvalid,
  textProblem,
} from '@rhythm/event-sourcing';
import type { Command } from '../command';
import { clean, instantProblem, limits, utc } from '../input-rules';
import type { KudosCommented } from './kudos.events';
import { assertGiven, assertPerson, existingKudos } from './kudos.rules';
import type { KudosState } from './kudos.state';

export type CommentOnKudos = Command<
  'CommentOnKudos',
  { kudosId: string; commentId: string; text: string; at: string },
  { visible: boolean }
>;

/** Anyone who sees the kudos adds a word ("well deserved!"); the comment's id makes a retry safe. */
export const commentOnKudos = (command: CommentOnKudos, state: KudosState): KudosCommented[] => {
  const { data, actor } = command;
  const kudos = existingKudos(state, data.kudosId, command.facts.visible);
  assertPerson(actor, 'comment');
  rejectInvalid({
    commentId: identifierProblem(data.commentId),
    text: textProblem(data.text, limits.comment),
    at: instantProblem(data.at),
  });
  assertGiven(kudos, 'comment on it');
  if (kudos.commentIds.includes(data.commentId)) {
    throw new AlreadyExists(`Comment ${data.commentId} already exists`);
  }
  return [
    {
      type: 'KudosCommented',
      data: {
        kudosId: kudos.kudosId,
        commentId: data.commentId,
        authorId: actor.personId,
        text: clean(data.text),
        commentedAt: utc(data.at),
      },
    },
  ];
};
