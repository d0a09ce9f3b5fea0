import { AlreadyExists, fold, Forbidden, NotFound, ValidationFailed } from '@rhythm/event-sourcing';
// Specs only: the domain's own code depends on the kernel alone.
import { DeciderSpecification } from '@rhythm/testing';
import { checkinsStreams } from '../checkins-streams';
import {
  ann,
  bob,
  cleo,
  eve,
  keyResultId,
  objectiveId,
  sweeper,
  tom,
  withFields,
} from '../testing/people.fixtures';
import type { AddReaction } from './add-reaction.command';
import type { DeleteComment } from './delete-comment.command';
import type { EditComment } from './edit-comment.command';
import type { FeedbackTarget, TargetFacts } from './feedback-target';
import type { PostComment } from './post-comment.command';
import type { Reaction } from './reaction';
import type { RemoveReaction } from './remove-reaction.command';
import { threadDecider } from './thread.decider';
import type {
  CommentDeleted,
  CommentEdited,
  CommentPosted,
  ReactionAdded,
  ThreadEvent,
} from './thread.events';

const spec = DeciderSpecification.for(threadDecider);
const checkIn: FeedbackTarget = { kind: 'check-in', objectiveId, keyResultId, checkInId: 'week-1' };
const blocker: FeedbackTarget = { kind: 'blocker', objectiveId, blockerId: 'waiting-on-data' };
const insight: FeedbackTarget = {
  kind: 'insight',
  objectiveId,
  guildId: 'customer-success',
  insightId: 'churn-signals',
};
// ann leads the objective; anyone the application lets see it may comment.
const visible: TargetFacts = { objectiveLeadIds: ['ann'] };

const post: PostComment = {
  type: 'PostComment',
  actor: cleo,
  data: {
    target: checkIn,
    commentId: 'c-1',
    text: ' Which survey? ',
    at: '2026-03-07T10:00:00+01:00',
  },
  facts: { target: visible },
};
const posted: CommentPosted = {
  type: 'CommentPosted',
  data: {
    target: checkIn,
    commentId: 'c-1',
    authorId: 'cleo',
    text: 'Which survey?',
    postedAt: '2026-03-07T09:00:00.000Z',
  },
};
const edit: EditComment = {
  type: 'EditComment',
  actor: cleo,
  data: {
    target: checkIn,
    commentId: 'c-1',
    text: 'Which survey tool?',
    at: '2026-03-07T09:05:00Z',
  },
  facts: { target: visible },
};
const edited: CommentEdited = {
  type: 'CommentEdited',
  data: {
    target: checkIn,
    commentId: 'c-1',
    authorId: 'cleo',
    text: { before: 'Which survey?', after: 'Which survey tool?' },
    editedAt: '2026-03-07T09:05:00.000Z',
  },
};
const remove: DeleteComment = {
  type: 'DeleteComment',
  actor: cleo,
  data: { target: checkIn, commentId: 'c-1', at: '2026-03-08T12:00:00Z' },
  facts: { target: visible, actorIsAdmin: false },
};
const deleted: CommentDeleted = {
  type: 'CommentDeleted',
  data: {
    target: checkIn,
    commentId: 'c-1',
    authorId: 'cleo',
    deletedBy: 'cleo',
    deletedAt: '2026-03-08T12:00:00.000Z',
  },
};
const react: AddReaction = {
  type: 'AddReaction',
  actor: ann,
  data: { target: checkIn, reaction: 'celebrate', at: '2026-03-07T11:00:00Z' },
  facts: { target: visible },
};
const reacted: ReactionAdded = {
  type: 'ReactionAdded',
  data: {
    target: checkIn,
    reaction: 'celebrate',
    addedBy: 'ann',
    addedAt: '2026-03-07T11:00:00.000Z',
  },
};
const unreact: RemoveReaction = {
  type: 'RemoveReaction',
  actor: ann,
  data: { target: checkIn, reaction: 'celebrate', at: '2026-03-07T12:00:00Z' },
  facts: { target: visible },
};

describe('Discussion threads: comments and reactions on check-ins, blockers and insights', () => {
  describe('post a comment', () => {
    it('anyone who may see the objective comments on a check-in; the text is stored trimmed', () =>
      spec.given([]).when(post).then([posted]));

    it.each([
      ['a blocker', blocker],
      ['an insight', insight],
    ])('on %s too, the event naming its target with the objective', (_, target) =>
      spec
        .given([])
        .when({ ...post, actor: eve, data: { ...post.data, target } })
        .then([{ ...posted, data: { ...posted.data, target, authorId: 'eve' } }]),
    );

    it('a blocker on a key result names the key result too', () => {
      const onKeyResult: FeedbackTarget = { ...blocker, keyResultId };
      const [event] = threadDecider.decide(
        { ...post, data: { ...post.data, target: onKeyResult } },
        threadDecider.initialState(),
      );
      expect(event?.data.target).toEqual({
        kind: 'blocker',
        objectiveId,
        keyResultId,
        blockerId: 'waiting-on-data',
      });
    });

    it('a second comment joins the thread', () =>
      spec
        .given([posted])
        .when({ ...post, actor: bob, data: { ...post.data, commentId: 'c-2', text: 'Typeform' } })
        .then([
          {
            ...posted,
            data: { ...posted.data, commentId: 'c-2', authorId: 'bob', text: 'Typeform' },
          },
        ]));

    it('an objective out of sight answers as an unknown one, before the power and the input', () =>
      spec
        .given([])
        .when({
          ...post,
          actor: sweeper,
          data: { ...post.data, text: '' },
          facts: { target: 'no-objective' },
        })
        .thenThrows(NotFound, `Objective ${objectiveId} not found`));

    it.each([
      [checkIn, 'Check-in week-1 not found'],
      [blocker, 'Blocker waiting-on-data not found'],
      [insight, 'Insight churn-signals not found'],
    ])('an unknown target answers 404: %j', (target, message) =>
      spec
        .given([])
        .when({ ...post, data: { ...post.data, target, text: '' }, facts: { target: 'no-target' } })
        .thenThrows(NotFound, message),
    );

    it('automatic work has no words to give, whatever the input', () =>
      spec
        .given([])
        .when({ ...post, actor: sweeper, data: { ...post.data, text: '' } })
        .thenThrows(Forbidden, 'Only a person can comment'));

    it('names every field at fault', () =>
      spec
        .given([])
        .when({
          ...post,
          data: { ...post.data, commentId: 'no id', text: 'x'.repeat(2001), at: 'yesterday' },
        })
        .thenThrows(
          ValidationFailed,
          withFields({
            commentId: /letter or digit/,
            text: 'must be at most 2000 characters',
            at: /ISO-8601/,
          }),
        ));

    it('a comment needs text', () =>
      spec
        .given([])
        .when({ ...post, data: { ...post.data, text: ' \n ' } })
        .thenThrows(ValidationFailed, withFields({ text: 'must not be empty' })));

    it('2000 characters are enough', () =>
      spec
        .given([])
        .when({ ...post, data: { ...post.data, text: 'x'.repeat(2000) } })
        .then([{ ...posted, data: { ...posted.data, text: 'x'.repeat(2000) } }]));

    it('the input before the state: a taken id', () => {
      spec
        .given([posted])
        .when({ ...post, data: { ...post.data, text: '' } })
        .thenThrows(ValidationFailed);
      spec.given([posted]).when(post).thenThrows(AlreadyExists, 'Comment c-1 already exists');
    });

    it('a deleted comment keeps its id taken', () =>
      spec.given([posted, deleted]).when(post).thenThrows(AlreadyExists));
  });

  describe('edit a comment', () => {
    it('the author edits; the event keeps the text before', () =>
      spec.given([posted]).when(edit).then([edited]));

    it('the latest text is what the next edit starts from', () =>
      spec
        .given([posted, edited])
        .when({ ...edit, data: { ...edit.data, text: 'Never mind' } })
        .then([
          {
            ...edited,
            data: { ...edited.data, text: { before: 'Which survey tool?', after: 'Never mind' } },
          },
        ]));

    it.each([
      ["the objective's lead", ann],
      ['the one whose check-in it is', bob],
    ])("%s may not rewrite another's comment", (_, actor) =>
      spec
        .given([posted])
        .when({ ...edit, actor })
        .thenThrows(Forbidden, 'Only the author of comment c-1 can edit it'),
    );

    it('the same text again: no event', () =>
      spec
        .given([posted])
        .when({ ...edit, data: { ...edit.data, text: '  Which survey? ' } })
        .thenNothingHappens());

    it('an unknown comment answers 404 before the power', () =>
      spec
        .given([posted])
        .when({ ...edit, actor: eve, data: { ...edit.data, commentId: 'c-9' } })
        .thenThrows(NotFound, 'Comment c-9 not found'));

    it('a deleted comment answers as an unknown one, to its author too', () =>
      spec.given([posted, deleted]).when(edit).thenThrows(NotFound, 'Comment c-1 not found'));

    it('an objective out of sight answers first, even to the author', () =>
      spec
        .given([posted])
        .when({ ...edit, facts: { target: 'no-objective' } })
        .thenThrows(NotFound, `Objective ${objectiveId} not found`));

    it('the power before the input', () =>
      spec
        .given([posted])
        .when({ ...edit, actor: eve, data: { ...edit.data, text: '' } })
        .thenThrows(Forbidden));

    it('the text is checked as when posted', () =>
      spec
        .given([posted])
        .when({ ...edit, data: { ...edit.data, text: '', at: '2026-03-07' } })
        .thenThrows(ValidationFailed, withFields({ text: 'must not be empty', at: /ISO-8601/ })));
  });

  describe('delete a comment', () => {
    it('the author deletes it: a tombstone without the text', () =>
      spec.given([posted, edited]).when(remove).then([deleted]));

    it("the objective's lead may take it down", () =>
      spec
        .given([posted])
        .when({ ...remove, actor: ann })
        .then([{ ...deleted, data: { ...deleted.data, deletedBy: 'ann' } }]));

    it('an admin may take it down', () =>
      spec
        .given([posted])
        .when({ ...remove, actor: tom, facts: { ...remove.facts, actorIsAdmin: true } })
        .then([{ ...deleted, data: { ...deleted.data, deletedBy: 'tom' } }]));

    it.each([
      ['the one whose check-in it is', bob],
      ['someone else who sees the objective', eve],
    ])('%s may not', (_, actor) =>
      spec
        .given([posted])
        .when({ ...remove, actor })
        .thenThrows(
          Forbidden,
          "Only the author of comment c-1, the objective's lead or an admin can delete it",
        ),
    );

    it('the text leaves the thread with it, and so do its reactions', () => {
      const thread = fold(threadDecider, [
        posted,
        edited,
        { ...reacted, data: { ...reacted.data, commentId: 'c-1' } },
        reacted,
        deleted,
      ]);
      expect(thread.comments).toEqual([
        {
          commentId: 'c-1',
          authorId: 'cleo',
          text: '',
          postedAt: '2026-03-07T09:00:00.000Z',
          editedAt: '2026-03-07T09:05:00.000Z',
          deleted: true,
        },
      ]);
      expect(JSON.stringify(thread)).not.toMatch(/survey/);
      // The reaction to the check-in itself stays.
      expect(thread.reactions).toEqual([
        { reaction: 'celebrate', personId: 'ann', at: '2026-03-07T11:00:00.000Z' },
      ]);
    });

    it('deleting again changes nothing (a retry is harmless)', () =>
      spec.given([posted, deleted]).when(remove).thenNothingHappens());

    it('an unknown comment answers 404 before the power', () =>
      spec
        .given([])
        .when({ ...remove, actor: eve })
        .thenThrows(NotFound, 'Comment c-1 not found'));

    it('an objective out of sight answers first, to an admin too', () =>
      spec
        .given([posted])
        .when({ ...remove, facts: { target: 'no-objective', actorIsAdmin: true } })
        .thenThrows(NotFound, `Objective ${objectiveId} not found`));

    it('the power before the input, and the input before the state', () => {
      spec
        .given([posted])
        .when({ ...remove, actor: eve, data: { ...remove.data, at: 'now' } })
        .thenThrows(Forbidden);
      spec
        .given([posted, deleted])
        .when({ ...remove, data: { ...remove.data, at: 'now' } })
        .thenThrows(ValidationFailed, withFields({ at: /ISO-8601/ }));
    });
  });

  describe('reactions', () => {
    it('anyone who sees the objective reacts to the check-in itself', () =>
      spec.given([]).when(react).then([reacted]));

    it('or to a comment of its thread', () =>
      spec
        .given([posted])
        .when({
          ...react,
          actor: bob,
          data: { ...react.data, commentId: 'c-1', reaction: 'thanks' },
        })
        .then([
          {
            type: 'ReactionAdded',
            data: {
              target: checkIn,
              commentId: 'c-1',
              reaction: 'thanks',
              addedBy: 'bob',
              addedAt: '2026-03-07T11:00:00.000Z',
            },
          },
        ]));

    it('the same reaction twice by the same person adds nothing', () =>
      spec.given([reacted]).when(react).thenNothingHappens());

    it('one of each kind per person: another kind, or another person, counts', () => {
      const [other] = threadDecider.decide(
        { ...react, data: { ...react.data, reaction: 'eyes' } },
        fold(threadDecider, [reacted]),
      );
      expect(other?.data).toMatchObject({ reaction: 'eyes', addedBy: 'ann' });
      const [someoneElse] = threadDecider.decide(
        { ...react, actor: cleo },
        fold(threadDecider, [reacted]),
      );
      expect(someoneElse?.data).toMatchObject({ reaction: 'celebrate', addedBy: 'cleo' });
    });

    it('a reaction to the check-in and the same to a comment are two reactions', () =>
      spec
        .given([posted, reacted])
        .when({ ...react, data: { ...react.data, commentId: 'c-1' } })
        .then([{ ...reacted, data: { ...reacted.data, commentId: 'c-1' } }]));

    it.each(['thumbs-up', 'celebrate', 'eyes', 'thanks'] as const)(
      '%s is a reaction',
      (reaction) => {
        const [event] = threadDecider.decide(
          { ...react, data: { ...react.data, reaction } },
          threadDecider.initialState(),
        );
        expect(event).toMatchObject({ type: 'ReactionAdded', data: { reaction } });
      },
    );

    it('only the fixed set', () =>
      spec
        .given([])
        .when({ ...react, data: { ...react.data, reaction: 'heart' as Reaction } })
        .thenThrows(
          ValidationFailed,
          withFields({ reaction: 'must be one of thumbs-up, celebrate, eyes, thanks' }),
        ));

    it("removing takes back one's own reaction", () =>
      spec
        .given([reacted])
        .when(unreact)
        .then([
          {
            type: 'ReactionRemoved',
            data: {
              target: checkIn,
              reaction: 'celebrate',
              removedBy: 'ann',
              removedAt: '2026-03-07T12:00:00.000Z',
            },
          },
        ]));

    it("removing one not given changes nothing, nor touches another's", () => {
      spec.given([]).when(unreact).thenNothingHappens();
      spec
        .given([reacted])
        .when({ ...unreact, actor: cleo })
        .thenNothingHappens();
    });

    it('after removing, the same reaction may be given again', () => {
      const thread = fold(threadDecider, [
        reacted,
        ...threadDecider.decide(unreact, fold(threadDecider, [reacted])),
      ]);
      expect(thread.reactions).toEqual([]);
      expect(threadDecider.decide(react, thread)).toEqual([reacted]);
    });

    it('a deleted or unknown comment answers 404, before the power and the input', () => {
      const onComment = { ...react.data, commentId: 'c-1', reaction: 'heart' as Reaction };
      spec
        .given([posted, deleted])
        .when({ ...react, actor: sweeper, data: onComment })
        .thenThrows(NotFound, 'Comment c-1 not found');
      spec
        .given([])
        .when({ ...unreact, data: onComment })
        .thenThrows(NotFound, 'Comment c-1 not found');
    });

    it('an objective out of sight, or an unknown target, answers 404 first', () => {
      spec
        .given([reacted])
        .when({ ...react, actor: sweeper, facts: { target: 'no-objective' } })
        .thenThrows(NotFound, `Objective ${objectiveId} not found`);
      spec
        .given([reacted])
        .when({ ...unreact, facts: { target: 'no-target' } })
        .thenThrows(NotFound, 'Check-in week-1 not found');
    });

    it('automatic work does not react, whatever the input', () =>
      spec
        .given([])
        .when({ ...react, actor: sweeper, data: { ...react.data, at: 'now' } })
        .thenThrows(Forbidden, 'Only a person can react'));

    it('the input before the state: a bad request is refused even when nothing would change', () =>
      spec
        .given([reacted])
        .when({ ...react, data: { ...react.data, at: 'now' } })
        .thenThrows(ValidationFailed, withFields({ at: /ISO-8601/ })));
  });

  describe('streams', () => {
    it('one thread per target; a check-in is addressed within its key result', () => {
      expect(checkinsStreams.thread('acme', checkIn)).toBe(
        `thread-acme.check-in.${keyResultId}.week-1`,
      );
      expect(checkinsStreams.thread('acme', blocker)).toBe('thread-acme.blocker.waiting-on-data');
      expect(checkinsStreams.thread('acme', insight)).toBe('thread-acme.insight.churn-signals');
    });

    it('the first event names the thread’s target in its state', () => {
      const events: ThreadEvent[] = [reacted, posted];
      expect(fold(threadDecider, events).target).toEqual(checkIn);
    });
  });
});
