import {
  AlreadyExists,
  fold,
  Forbidden,
  NotFound,
  RuleViolated,
  ValidationFailed,
} from '@rhythm/event-sourcing';
// Specs only: the domain's own code depends on the kernel alone.
import { DeciderSpecification } from '@rhythm/testing';
import {
  ann,
  bob,
  carl,
  celebrations,
  cleo,
  eve,
  keyResultId,
  objectiveId,
  support,
  withFields,
} from '../testing/people.fixtures';
import type { GiveKudos } from './give-kudos.command';
import type { KudosGiven, KudosWithdrawn } from './kudos.events';
import { kudosDecider } from './kudos.decider';

const spec = DeciderSpecification.for(kudosDecider);
const kudosId = 'k-2026-03-10-carl-1';
const about = { kind: 'key-result', objectiveId, keyResultId } as const;

// carl, of the customer-service chapter, thanks the Support squad and bob for the NPS key result.
const give: GiveKudos = {
  type: 'GiveKudos',
  actor: carl,
  data: {
    kudosId,
    to: { personIds: ['bob'], unit: support },
    message: ' Thank you for the weekly NPS reviews! ',
    values: ['customer-first'],
    about,
    audience: 'public',
    at: '2026-03-10T14:00:00+01:00',
  },
  facts: {
    unknownPersonIds: [],
    unit: 'known',
    about: 'seen',
    values: ['customer-first', 'ownership'],
  },
};
const given: KudosGiven = {
  type: 'KudosGiven',
  data: {
    kudosId,
    giverId: 'carl',
    to: { personIds: ['bob'], unit: support },
    message: 'Thank you for the weekly NPS reviews!',
    values: ['customer-first'],
    about,
    audience: 'public',
    givenAt: '2026-03-10T13:00:00.000Z',
  },
};
const withdrawn: KudosWithdrawn = {
  type: 'KudosWithdrawn',
  data: { kudosId, withdrawnBy: 'carl', withdrawnAt: '2026-03-11T09:00:00.000Z' },
};
const seen = { visible: true };

describe('Kudos', () => {
  describe('give', () => {
    it('a person thanks people and a unit, tied to a key result, in UTC', () =>
      spec.given([]).when(give).then([given]));

    it('to one person only, private, with no values and no subject', () => {
      const { about: _a, values: _v, ...plain } = give.data;
      const { about: _fa, ...facts } = give.facts;
      spec
        .given([])
        .when({
          ...give,
          data: { ...plain, to: { personIds: ['cleo'] }, audience: 'private' },
          facts: { ...facts, unit: undefined },
        })
        .then([
          {
            type: 'KudosGiven',
            data: {
              kudosId,
              giverId: 'carl',
              to: { personIds: ['cleo'] },
              message: 'Thank you for the weekly NPS reviews!',
              values: [],
              audience: 'private',
              givenAt: '2026-03-10T13:00:00.000Z',
            },
          },
        ]);
    });

    it('no kudos to oneself', () =>
      spec
        .given([])
        .when({ ...give, actor: bob })
        .thenThrows(ValidationFailed, withFields({ to: /no kudos to oneself/ })));

    it("to one's own squad is fine: the squad is more than the giver", () =>
      spec
        .given([])
        .when({
          ...give,
          actor: cleo,
          data: { ...give.data, to: { personIds: [], unit: support } },
        })
        .then([
          {
            ...given,
            data: { ...given.data, giverId: 'cleo', to: { personIds: [], unit: support } },
          },
        ]));

    it('names every field at fault', () =>
      spec
        .given([])
        .when({
          ...give,
          data: {
            ...give.data,
            kudosId: 'has.a.dot',
            to: { personIds: [] },
            message: 'x'.repeat(1001),
            values: ['bravery'],
            about: { kind: 'objective', objectiveId: '' },
            audience: 'everyone' as never,
            at: '2026-03-10',
          },
        })
        .thenThrows(
          ValidationFailed,
          withFields({
            kudosId: "must not hold a '.'",
            to: 'must name a person or a unit',
            message: 'must be at most 1000 characters',
            values: /among the organisation's values \(customer-first, ownership\); not: bravery/,
            about: /must not be empty/,
            audience: 'must be one of public, private',
            at: /ISO-8601/,
          }),
        ));

    it('a message is required; 1000 characters are enough; at most 20 people and 5 values', () => {
      spec
        .given([])
        .when({ ...give, data: { ...give.data, message: '  ' } })
        .thenThrows(ValidationFailed, withFields({ message: 'must not be empty' }));
      spec
        .given([])
        .when({ ...give, data: { ...give.data, message: 'm'.repeat(1000) } })
        .then([{ ...given, data: { ...given.data, message: 'm'.repeat(1000) } }]);
      const people = Array.from({ length: 21 }, (_, i) => `p${i}`);
      spec
        .given([])
        .when({ ...give, data: { ...give.data, to: { personIds: people } } })
        .thenThrows(ValidationFailed, withFields({ to: /at most 20 ids/ }));
      spec
        .given([])
        .when({
          ...give,
          data: { ...give.data, values: ['a', 'b', 'c', 'd', 'e', 'f'] },
          facts: { ...give.facts, values: ['a', 'b', 'c', 'd', 'e', 'f'] },
        })
        .thenThrows(ValidationFailed, withFields({ values: 'must hold at most 5 values' }));
    });

    it('values only once the organisation has set some', () =>
      spec
        .given([])
        .when({ ...give, facts: { ...give.facts, values: [] } })
        .thenThrows(ValidationFailed, withFields({ values: /has set no values/ })));

    it('an objective out of the giver’s sight answers as an unknown one, before everything else', () =>
      spec
        .given([given])
        .when({
          ...give,
          actor: celebrations,
          data: { ...give.data, message: '' },
          facts: { ...give.facts, about: 'no-objective', unit: 'no-unit', unknownPersonIds: ['x'] },
        })
        .thenThrows(NotFound, `Objective ${objectiveId} not found`));

    it.each([
      ['no-key-result', `Key result ${keyResultId} not found on objective ${objectiveId}`],
    ] as const)('%s answers 404', (facts, message) =>
      spec
        .given([])
        .when({ ...give, facts: { ...give.facts, about: facts } })
        .thenThrows(NotFound, message),
    );

    it('an unknown check-in answers 404', () =>
      spec
        .given([])
        .when({
          ...give,
          data: { ...give.data, about: { ...about, kind: 'check-in', checkInId: 'ci-9' } },
          facts: { ...give.facts, about: 'no-check-in' },
        })
        .thenThrows(NotFound, 'Check-in ci-9 not found'));

    it('an unknown unit, then unknown people, answer 404 naming them', () => {
      spec
        .given([])
        .when({ ...give, facts: { ...give.facts, unit: 'no-unit', unknownPersonIds: ['zed'] } })
        .thenThrows(NotFound, 'Squad support not found');
      spec
        .given([])
        .when({ ...give, facts: { ...give.facts, unknownPersonIds: ['zed', 'yan'] } })
        .thenThrows(NotFound, withFields({ 'to.personIds': 'unknown: zed, yan' }));
    });

    it('only a person gives kudos (403), before the input', () =>
      spec
        .given([])
        .when({ ...give, actor: celebrations, data: { ...give.data, message: '' } })
        .thenThrows(Forbidden, 'Only a person can give kudos'));

    it('the input before the state', () =>
      spec
        .given([given])
        .when({ ...give, data: { ...give.data, message: '' } })
        .thenThrows(ValidationFailed));

    it('a retry of the same gift adds nothing; another gift under a taken id is refused', () => {
      spec
        .given([given])
        .when({ ...give, data: { ...give.data, at: '2026-03-10T14:00:05+01:00' } })
        .thenNothingHappens();
      spec
        .given([given])
        .when({ ...give, data: { ...give.data, message: 'Another thanks' } })
        .thenThrows(AlreadyExists, `Kudos ${kudosId} already exists`);
      spec
        .given([given])
        .when({
          ...give,
          actor: ann,
          data: { ...give.data, to: { personIds: ['bob'], unit: support } },
        })
        .thenThrows(AlreadyExists);
      spec.given([given, withdrawn]).when(give).thenThrows(AlreadyExists);
    });

    it('tied to a blocker once it is resolved, not before (409)', () => {
      const onBlocker: GiveKudos = {
        ...give,
        data: { ...give.data, about: { kind: 'blocker', objectiveId, blockerId: 'b-17' } },
        facts: { ...give.facts, about: { blockerResolved: false } },
      };
      spec
        .given([])
        .when(onBlocker)
        .thenThrows(RuleViolated, withFields({ about: 'the blocker is not resolved yet' }));
      spec
        .given([])
        .when({ ...onBlocker, facts: { ...onBlocker.facts, about: { blockerResolved: true } } })
        .then([
          {
            ...given,
            data: { ...given.data, about: { kind: 'blocker', objectiveId, blockerId: 'b-17' } },
          },
        ]);
      spec
        .given([])
        .when({ ...onBlocker, facts: { ...onBlocker.facts, about: 'no-blocker' } })
        .thenThrows(NotFound, 'Blocker b-17 not found');
    });
  });

  describe('reactions and comments', () => {
    const react = {
      type: 'ReactToKudos' as const,
      actor: eve,
      data: { kudosId, reaction: 'celebrate' as const, at: '2026-03-10T15:00:00Z' },
      facts: seen,
    };
    const reacted = {
      type: 'KudosReactionAdded' as const,
      data: {
        kudosId,
        reaction: 'celebrate' as const,
        addedBy: 'eve',
        addedAt: '2026-03-10T15:00:00.000Z',
      },
    };

    it('anyone who sees it reacts, once of each kind', () => {
      spec.given([given]).when(react).then([reacted]);
      spec.given([given, reacted]).when(react).thenNothingHappens();
      spec
        .given([given, reacted])
        .when({ ...react, data: { ...react.data, reaction: 'heart' } })
        .then([{ ...reacted, data: { ...reacted.data, reaction: 'heart' } }]);
    });

    it('takes a reaction back, once', () => {
      const remove = { ...react, type: 'RemoveKudosReaction' as const };
      spec
        .given([given, reacted])
        .when(remove)
        .then([
          {
            type: 'KudosReactionRemoved',
            data: {
              kudosId,
              reaction: 'celebrate',
              removedBy: 'eve',
              removedAt: '2026-03-10T15:00:00.000Z',
            },
          },
        ]);
      spec.given([given]).when(remove).thenNothingHappens();
    });

    it('a kudos out of sight answers 404, before the reaction is judged', () =>
      spec
        .given([given])
        .when({
          ...react,
          data: { ...react.data, reaction: 'shrug' as never },
          facts: { visible: false },
        })
        .thenThrows(NotFound, `Kudos ${kudosId} not found`));

    it('only the fixed reactions', () =>
      spec
        .given([given])
        .when({ ...react, data: { ...react.data, reaction: 'shrug' as never } })
        .thenThrows(
          ValidationFailed,
          withFields({ reaction: /applause, celebrate, heart, thumbs-up/ }),
        ));

    it('a comment, with its id making a retry safe', () => {
      const comment = {
        type: 'CommentOnKudos' as const,
        actor: ann,
        data: { kudosId, commentId: 'c1', text: ' Well deserved ', at: '2026-03-10T16:00:00Z' },
        facts: seen,
      };
      const commented = {
        type: 'KudosCommented' as const,
        data: {
          kudosId,
          commentId: 'c1',
          authorId: 'ann',
          text: 'Well deserved',
          commentedAt: '2026-03-10T16:00:00.000Z',
        },
      };
      spec.given([given]).when(comment).then([commented]);
      spec.given([given, commented]).when(comment).thenThrows(AlreadyExists);
      spec
        .given([given])
        .when({ ...comment, data: { ...comment.data, text: '' } })
        .thenThrows(ValidationFailed, withFields({ text: 'must not be empty' }));
      spec
        .given([given, withdrawn])
        .when(comment)
        .thenThrows(RuleViolated, withFields({ kudos: 'withdrawn' }));
    });

    it('a withdrawn kudos takes no reaction (409)', () =>
      spec
        .given([given, withdrawn])
        .when(react)
        .thenThrows(RuleViolated, withFields({ kudos: 'withdrawn' })));
  });

  describe('withdraw', () => {
    const withdraw = {
      type: 'WithdrawKudos' as const,
      actor: carl,
      data: { kudosId, at: '2026-03-11T10:00:00+01:00' },
      facts: seen,
    };

    it('the giver takes it back: a tombstone without the words', () => {
      spec.given([given]).when(withdraw).then([withdrawn]);
      const state = fold(kudosDecider, [given, withdrawn]);
      expect(state).toMatchObject({ status: 'withdrawn', message: '', giverId: 'carl' });
      expect(JSON.stringify(state)).not.toMatch(/NPS reviews/);
    });

    it('again changes nothing (a retry)', () =>
      spec.given([given, withdrawn]).when(withdraw).thenNothingHappens());

    it('a receiver may not withdraw it (403); an unknown kudos is 404 first', () => {
      spec
        .given([given])
        .when({ ...withdraw, actor: bob })
        .thenThrows(Forbidden, `Only the giver of kudos ${kudosId} can withdraw it`);
      spec
        .given([])
        .when({ ...withdraw, actor: bob })
        .thenThrows(NotFound);
    });
  });
});
