import {
  AlreadyExists,
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
  celebrations,
  cleo,
  eve,
  keyResultId,
  objectiveId,
  support,
  withFields,
} from '../testing/people.fixtures';
import type { DraftLessonsLearned } from './draft-lessons-learned.command';
import { lessonsStoryId } from './draft-lessons-learned.command';
import type { DraftStory } from './draft-story.command';
import type { PublishStory } from './publish-story.command';
import type { ReviseStory } from './revise-story.command';
import { storyDecider } from './story.decider';
import type { StoryDrafted, StoryPublished, StoryWithdrawn } from './story.events';
import type { WithdrawStory } from './withdraw-story.command';

const spec = DeciderSpecification.for(storyDecider);
const storyId = 'nps-story';
const about = { kind: 'key-result', objectiveId, keyResultId } as const;
const chapter = { kind: 'chapter', id: 'customer-service' } as const;
// ann (Support's product owner) publishes; cleo drafts; eve is of another squad.
const lead = { visible: true, publisherIds: ['ann'] };

const draft: DraftStory = {
  type: 'DraftStory',
  actor: cleo,
  data: {
    storyId,
    about,
    title: ' How Support raised NPS to 41 ',
    whatWasDone: 'Weekly NPS reviews; answers within the hour.',
    whatWasLearned: 'Response time drives NPS more than resolution time.',
    helpedBy: { personIds: ['bob', 'carl'], units: [chapter] },
    at: '2026-03-20T10:00:00+01:00',
  },
  facts: {
    subject: { achieved: true, unit: support },
    unknownPersonIds: [],
    unknownUnits: [],
  },
};
const drafted: StoryDrafted = {
  type: 'StoryDrafted',
  data: {
    storyId,
    kind: 'success',
    about,
    unit: support,
    authorId: 'cleo',
    draftedBy: 'cleo',
    helpedBy: { personIds: ['bob', 'carl'], units: [chapter] },
    title: 'How Support raised NPS to 41',
    whatWasDone: 'Weekly NPS reviews; answers within the hour.',
    whatWasLearned: 'Response time drives NPS more than resolution time.',
    draftedAt: '2026-03-20T09:00:00.000Z',
  },
};
const publish: PublishStory = {
  type: 'PublishStory',
  actor: ann,
  data: { storyId, at: '2026-03-21T09:00:00Z' },
  facts: lead,
};
const published: StoryPublished = {
  type: 'StoryPublished',
  data: {
    storyId,
    kind: 'success',
    about,
    unit: support,
    authorId: 'cleo',
    helpedBy: { personIds: ['bob', 'carl'], units: [chapter] },
    publishedBy: 'ann',
    publishedAt: '2026-03-21T09:00:00.000Z',
  },
};
const withdraw: WithdrawStory = {
  type: 'WithdrawStory',
  actor: ann,
  data: { storyId, reason: ' Names the wrong quarter ', at: '2026-03-22T09:00:00Z' },
  facts: lead,
};
const withdrawn: StoryWithdrawn = {
  type: 'StoryWithdrawn',
  data: {
    storyId,
    withdrawnBy: 'ann',
    reason: 'Names the wrong quarter',
    withdrawnAt: '2026-03-22T09:00:00.000Z',
  },
};
const revise: ReviseStory = {
  type: 'ReviseStory',
  actor: ann,
  data: { ...draft.data, whatWasDone: 'Weekly NPS reviews.' },
  facts: { ...lead, unknownPersonIds: [], unknownUnits: [] },
};

describe('Success stories', () => {
  describe('draft', () => {
    it('anyone who sees an achieved key result drafts its story: what was done, who helped, what was learned', () =>
      spec.given([]).when(draft).then([drafted]));

    it('only about an achieved goal (409)', () =>
      spec
        .given([])
        .when({ ...draft, facts: { ...draft.facts, subject: { achieved: false, unit: support } } })
        .thenThrows(RuleViolated, withFields({ about: 'not achieved yet' })));

    it('an objective out of sight answers as an unknown one, before everything else', () =>
      spec
        .given([drafted])
        .when({
          ...draft,
          actor: celebrations,
          data: { ...draft.data, title: '' },
          facts: { subject: 'no-objective', unknownPersonIds: ['x'], unknownUnits: [chapter] },
        })
        .thenThrows(NotFound, `Objective ${objectiveId} not found`));

    it('unknown helpers answer 404 naming them', () => {
      spec
        .given([])
        .when({ ...draft, facts: { ...draft.facts, unknownUnits: [chapter] } })
        .thenThrows(NotFound, 'Chapter customer-service not found');
      spec
        .given([])
        .when({ ...draft, facts: { ...draft.facts, unknownPersonIds: ['zed'] } })
        .thenThrows(NotFound, withFields({ 'helpedBy.personIds': 'unknown: zed' }));
    });

    it('names every field at fault; a title and what was done are required', () =>
      spec
        .given([])
        .when({
          ...draft,
          data: {
            ...draft.data,
            storyId: 'a.b',
            title: ' ',
            whatWasDone: '',
            whatWasLearned: 'x'.repeat(4001),
            helpedBy: { personIds: ['bob', 'bob'], units: [] },
            at: 'yesterday',
          },
        })
        .thenThrows(
          ValidationFailed,
          withFields({
            storyId: "must not hold a '.'",
            title: 'must not be empty',
            whatWasDone: 'must not be empty',
            whatWasLearned: 'must be at most 4000 characters',
            helpedBy: /must not repeat an id/,
            at: /ISO-8601/,
          }),
        ));

    it('an id taken is refused, after the input', () => {
      spec
        .given([drafted])
        .when(draft)
        .thenThrows(AlreadyExists, `Story ${storyId} already exists`);
      spec
        .given([drafted])
        .when({ ...draft, data: { ...draft.data, title: '' } })
        .thenThrows(ValidationFailed);
    });
  });

  describe('lifecycle', () => {
    it("the unit's lead publishes it; again: no event", () => {
      spec.given([drafted]).when(publish).then([published]);
      spec.given([drafted, published]).when(publish).thenNothingHappens();
    });

    it('the author may not publish it, nor anyone but the lead of the day (403)', () => {
      spec
        .given([drafted])
        .when({ ...publish, actor: cleo })
        .thenThrows(Forbidden, `Only the lead of the story's unit can publish story ${storyId}`);
      spec
        .given([drafted])
        .when({ ...publish, facts: { ...lead, publisherIds: ['nina'] } })
        .thenThrows(Forbidden);
    });

    it('a story out of sight is 404 to everyone, before the power', () => {
      spec
        .given([drafted])
        .when({ ...publish, actor: eve, facts: { ...lead, visible: false } })
        .thenThrows(NotFound, `Story ${storyId} not found`);
      spec.given([]).when(publish).thenThrows(NotFound);
    });

    it('withdrawn with a reason, by the lead or the author; again: no event', () => {
      spec.given([drafted, published]).when(withdraw).then([withdrawn]);
      spec
        .given([drafted])
        .when({ ...withdraw, actor: cleo })
        .then([{ ...withdrawn, data: { ...withdrawn.data, withdrawnBy: 'cleo' } }]);
      spec.given([drafted, published, withdrawn]).when(withdraw).thenNothingHappens();
    });

    it('a reason is required; a helper may not withdraw it', () => {
      spec
        .given([drafted])
        .when({ ...withdraw, data: { ...withdraw.data, reason: ' ' } })
        .thenThrows(ValidationFailed, withFields({ reason: 'must not be empty' }));
      spec
        .given([drafted])
        .when({ ...withdraw, actor: bob, data: { ...withdraw.data, reason: '' } })
        .thenThrows(Forbidden);
    });

    it('a withdrawn story is not published (409)', () =>
      spec
        .given([drafted, withdrawn])
        .when(publish)
        .thenThrows(RuleViolated, withFields({ story: 'withdrawn' })));

    it('a draft is revised by its lead or its author; the event keeps before and after', () => {
      spec
        .given([drafted])
        .when(revise)
        .then([
          {
            type: 'StoryRevised',
            data: {
              storyId,
              revisedBy: 'ann',
              title: { before: drafted.data.title, after: drafted.data.title },
              whatWasDone: { before: drafted.data.whatWasDone, after: 'Weekly NPS reviews.' },
              whatWasLearned: {
                before: drafted.data.whatWasLearned,
                after: drafted.data.whatWasLearned,
              },
              helpedBy: { before: drafted.data.helpedBy, after: drafted.data.helpedBy },
              revisedAt: '2026-03-20T09:00:00.000Z',
            },
          },
        ]);
      spec
        .given([drafted])
        .when({ ...revise, data: draft.data })
        .thenNothingHappens();
      spec
        .given([drafted])
        .when({ ...revise, actor: eve })
        .thenThrows(Forbidden);
    });

    it('a published story is not rewritten under its readers (409)', () =>
      spec
        .given([drafted, published])
        .when(revise)
        .thenThrows(RuleViolated, withFields({ story: 'published' })));
  });
});

describe('Lessons learned at cycle close', () => {
  const lessons: DraftLessonsLearned = {
    type: 'DraftLessonsLearned',
    actor: celebrations,
    data: {
      objectiveId,
      retrospective: {
        authorId: 'ann',
        wentWell: 'Weekly NPS reviews with support',
        learned: 'Response time drives NPS more than resolution time',
        doDifferently: 'Measure the baseline before the cycle starts',
      },
      at: '2026-04-02T17:00:00Z',
    },
    facts: { objective: { title: 'Customers love our support', unit: support } },
  };
  const lessonsDrafted: StoryDrafted = {
    type: 'StoryDrafted',
    data: {
      storyId: lessonsStoryId(objectiveId),
      kind: 'lessons-learned',
      about: { kind: 'objective', objectiveId },
      unit: support,
      authorId: 'ann',
      draftedBy: 'system:recognition-celebrations',
      helpedBy: { personIds: [], units: [] },
      title: 'Customers love our support',
      whatWasDone: 'Weekly NPS reviews with support',
      whatWasLearned:
        'Response time drives NPS more than resolution time\n\nMeasure the baseline before the cycle starts',
      draftedAt: '2026-04-02T17:00:00.000Z',
    },
  };

  it("an objective's retrospective becomes a draft its unit's lead may publish", () => {
    spec.given([]).when(lessons).then([lessonsDrafted]);
    spec
      .given([lessonsDrafted])
      .when({ ...publish, data: { ...publish.data, storyId: lessonsStoryId(objectiveId) } })
      .then([
        {
          type: 'StoryPublished',
          data: {
            storyId: lessonsStoryId(objectiveId),
            kind: 'lessons-learned',
            about: { kind: 'objective', objectiveId },
            unit: support,
            authorId: 'ann',
            helpedBy: { personIds: [], units: [] },
            publishedBy: 'ann',
            publishedAt: '2026-03-21T09:00:00.000Z',
          },
        },
      ]);
  });

  it('a cycle closed again drafts nothing new, whatever became of the first', () => {
    spec.given([lessonsDrafted]).when(lessons).thenNothingHappens();
    spec
      .given([
        lessonsDrafted,
        { ...withdrawn, data: { ...withdrawn.data, storyId: lessonsStoryId(objectiveId) } },
      ])
      .when(lessons)
      .thenNothingHappens();
  });

  it('is the application’s work at cycle close, not a person’s (403)', () =>
    spec
      .given([])
      .when({ ...lessons, actor: ann })
      .thenThrows(Forbidden));

  it('an objective unknown to the directory answers 404', () =>
    spec
      .given([])
      .when({ ...lessons, facts: { objective: 'no-objective' } })
      .thenThrows(NotFound, `Objective ${objectiveId} not found`));

  it('what went well and what was learned are required', () =>
    spec
      .given([])
      .when({
        ...lessons,
        data: { ...lessons.data, retrospective: { ...lessons.data.retrospective, learned: '' } },
      })
      .thenThrows(ValidationFailed, withFields({ 'retrospective.learned': 'must not be empty' })));
});
