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
import { checkinsStreams } from '../checkins-streams';
import { ann, eve, gus, objectiveId, withFields } from '../testing/people.fixtures';
import { insightDecider } from './insight.decider';
import type { InsightPosted, InsightRevised, InsightWithdrawn } from './insight.events';
import type { PostInsight } from './post-insight.command';
import type { ReviseInsight } from './revise-insight.command';
import type { WithdrawInsight } from './withdraw-insight.command';

const spec = DeciderSpecification.for(insightDecider);
const insightId = 'churn-signals';
const guildId = 'customer-success';
// lia is a member of the Customer Success guild, gus one of its coordinators.
const lia = { personId: 'lia' };

const post: PostInsight = {
  type: 'PostInsight',
  actor: lia,
  data: {
    insightId,
    objectiveId,
    guildId,
    title: ' Churned customers name slow answers ',
    body: 'Across the guild, 7 of 10 churn calls cite response time.',
    at: '2026-03-10T14:00:00+01:00',
  },
  facts: { objective: { followedByGuild: true }, guild: { actorIs: 'member' } },
};
const posted: InsightPosted = {
  type: 'InsightPosted',
  data: {
    insightId,
    objectiveId,
    guildId,
    authorId: 'lia',
    title: 'Churned customers name slow answers',
    body: 'Across the guild, 7 of 10 churn calls cite response time.',
    postedAt: '2026-03-10T13:00:00.000Z',
  },
};
const revise: ReviseInsight = {
  type: 'ReviseInsight',
  actor: lia,
  data: {
    insightId,
    title: 'Churned customers name slow answers',
    body: 'Across the guild, 8 of 10 churn calls cite response time.',
    at: '2026-03-11T09:00:00Z',
  },
  facts: { visible: true },
};
const revised: InsightRevised = {
  type: 'InsightRevised',
  data: {
    insightId,
    objectiveId,
    guildId,
    title: {
      before: 'Churned customers name slow answers',
      after: 'Churned customers name slow answers',
    },
    body: {
      before: 'Across the guild, 7 of 10 churn calls cite response time.',
      after: 'Across the guild, 8 of 10 churn calls cite response time.',
    },
    revisedAt: '2026-03-11T09:00:00.000Z',
  },
};
const withdraw: WithdrawInsight = {
  type: 'WithdrawInsight',
  actor: lia,
  data: { insightId, at: '2026-03-12T09:00:00Z' },
  facts: { visible: true },
};
const withdrawn: InsightWithdrawn = {
  type: 'InsightWithdrawn',
  data: {
    insightId,
    objectiveId,
    guildId,
    withdrawnBy: 'lia',
    withdrawnAt: '2026-03-12T09:00:00.000Z',
  },
};

describe('Guild insights', () => {
  describe('post', () => {
    it('a member of a guild posts on an objective the guild follows', () =>
      spec.given([]).when(post).then([posted]));

    it('a coordinator may too', () =>
      spec
        .given([])
        .when({ ...post, actor: gus, facts: { ...post.facts, guild: { actorIs: 'coordinator' } } })
        .then([{ ...posted, data: { ...posted.data, authorId: 'gus' } }]));

    it('someone outside the guild may not, whatever the input', () =>
      spec
        .given([])
        .when({
          ...post,
          actor: eve,
          data: { ...post.data, title: '' },
          facts: { ...post.facts, guild: { actorIs: 'neither' } },
        })
        .thenThrows(Forbidden, `Only a member of guild ${guildId} can post an insight for it`));

    it('an objective out of sight answers as an unknown one, before the guild, the power and the input', () =>
      spec
        .given([])
        .when({
          ...post,
          actor: eve,
          data: { ...post.data, title: '' },
          facts: { objective: 'no-objective', guild: 'no-guild' },
        })
        .thenThrows(NotFound, `Objective ${objectiveId} not found`));

    it('an unknown guild answers 404, before the power', () =>
      spec
        .given([])
        .when({ ...post, actor: eve, facts: { ...post.facts, guild: 'no-guild' } })
        .thenThrows(NotFound, `Guild ${guildId} not found`));

    it('names every field at fault', () =>
      spec
        .given([])
        .when({
          ...post,
          data: {
            ...post.data,
            insightId: '',
            title: 'x'.repeat(201),
            body: 'x'.repeat(4001),
            at: '2026-03-10',
          },
        })
        .thenThrows(
          ValidationFailed,
          withFields({
            insightId: 'must not be empty',
            title: 'must be at most 200 characters',
            body: 'must be at most 4000 characters',
            at: /ISO-8601/,
          }),
        ));

    it('a title and a body are required; 200 and 4000 characters are enough', () => {
      spec
        .given([])
        .when({ ...post, data: { ...post.data, title: ' ', body: '' } })
        .thenThrows(
          ValidationFailed,
          withFields({ title: 'must not be empty', body: 'must not be empty' }),
        );
      spec
        .given([])
        .when({ ...post, data: { ...post.data, title: 't'.repeat(200), body: 'b'.repeat(4000) } })
        .then([
          { ...posted, data: { ...posted.data, title: 't'.repeat(200), body: 'b'.repeat(4000) } },
        ]);
    });

    it('only on an objective the guild follows', () =>
      spec
        .given([])
        .when({ ...post, facts: { ...post.facts, objective: { followedByGuild: false } } })
        .thenThrows(RuleViolated, withFields({ guildId: 'does not follow the objective' })));

    it('the power before the state: an outsider learns nothing of follows', () =>
      spec
        .given([])
        .when({
          ...post,
          actor: eve,
          facts: { objective: { followedByGuild: false }, guild: { actorIs: 'neither' } },
        })
        .thenThrows(Forbidden));

    it('the input before the state', () => {
      spec
        .given([posted])
        .when({ ...post, data: { ...post.data, body: '' } })
        .thenThrows(ValidationFailed);
      spec
        .given([])
        .when({
          ...post,
          data: { ...post.data, body: '' },
          facts: { ...post.facts, objective: { followedByGuild: false } },
        })
        .thenThrows(ValidationFailed);
    });

    it('refuses an id that is taken, withdrawn or not', () => {
      spec
        .given([posted])
        .when(post)
        .thenThrows(AlreadyExists, `Insight ${insightId} already exists`);
      spec.given([posted, withdrawn]).when(post).thenThrows(AlreadyExists);
    });
  });

  describe('revise', () => {
    it('the author revises; the event keeps the words before and after', () =>
      spec.given([posted]).when(revise).then([revised]));

    it('the same words again: no event', () =>
      spec
        .given([posted])
        .when({
          ...revise,
          data: { ...revise.data, title: ` ${posted.data.title} `, body: posted.data.body },
        })
        .thenNothingHappens());

    it.each([
      ["the guild's coordinator", gus],
      ["the objective's lead", ann],
    ])("%s may not rewrite a member's insight", (_, actor) =>
      spec
        .given([posted])
        .when({ ...revise, actor })
        .thenThrows(Forbidden, `Only the author of insight ${insightId} can revise it`),
    );

    it('an unknown insight, or one on an objective out of sight, answers 404 before the power', () => {
      spec.given([]).when(revise).thenThrows(NotFound, `Insight ${insightId} not found`);
      spec
        .given([posted])
        .when({ ...revise, actor: eve, facts: { visible: false } })
        .thenThrows(NotFound, `Insight ${insightId} not found`);
    });

    it('the power before the input', () =>
      spec
        .given([posted])
        .when({ ...revise, actor: gus, data: { ...revise.data, title: '' } })
        .thenThrows(Forbidden));

    it('the input before the state', () =>
      spec
        .given([posted, withdrawn])
        .when({ ...revise, data: { ...revise.data, body: 'x'.repeat(4001) } })
        .thenThrows(ValidationFailed, withFields({ body: /at most 4000/ })));

    it('a withdrawn insight is not revised', () =>
      spec
        .given([posted, withdrawn])
        .when(revise)
        .thenThrows(RuleViolated, withFields({ insight: 'withdrawn' })));
  });

  describe('withdraw', () => {
    it('the author withdraws it: a tombstone without the words', () =>
      spec.given([posted, revised]).when(withdraw).then([withdrawn]));

    it('the words leave its state with it', () => {
      const state = fold(insightDecider, [posted, revised, withdrawn]);
      expect(state).toMatchObject({ status: 'withdrawn', title: '', body: '', authorId: 'lia' });
      expect(JSON.stringify(state)).not.toMatch(/slow answers|response time/);
    });

    it('withdrawing again changes nothing (a retry is harmless)', () =>
      spec.given([posted, withdrawn]).when(withdraw).thenNothingHappens());

    it('only the author', () =>
      spec
        .given([posted])
        .when({ ...withdraw, actor: gus })
        .thenThrows(Forbidden, `Only the author of insight ${insightId} can withdraw it`));

    it('an objective out of sight answers as an unknown insight, to the author too', () =>
      spec
        .given([posted])
        .when({ ...withdraw, facts: { visible: false } })
        .thenThrows(NotFound, `Insight ${insightId} not found`));

    it('the power before the input', () =>
      spec
        .given([posted])
        .when({ ...withdraw, actor: gus, data: { ...withdraw.data, at: 'now' } })
        .thenThrows(Forbidden));

    it('the input is checked', () =>
      spec
        .given([posted])
        .when({ ...withdraw, data: { ...withdraw.data, at: 'now' } })
        .thenThrows(ValidationFailed, withFields({ at: /ISO-8601/ })));
  });

  it('one stream per insight', () =>
    expect(checkinsStreams.insight('acme', insightId)).toBe('insight-acme.churn-signals'));
});
