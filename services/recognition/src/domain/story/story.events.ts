import type { Event } from '@rhythm/event-sourcing';
import type { Change } from '../change';
import type { Unit } from '../directory-facts';

/** What a story tells of: an objective or one of its key results. */
export type StorySubject =
  | Readonly<{ kind: 'objective'; objectiveId: string }>
  | Readonly<{ kind: 'key-result'; objectiveId: string; keyResultId: string }>;

export type StoryText = Readonly<{
  title: string;
  whatWasDone: string;
  whatWasLearned: string;
}>;

/** Who helped: linked people and units, read by name at display time. */
export type Helpers = Readonly<{ personIds: readonly string[]; units: readonly Unit[] }>;

/**
 * A story drafted (stream `story-<tenant>.<storyId>`, ADR 0042): a success story about an
 * achieved goal, or the lessons learned an objective's retrospective left at cycle close. `unit`
 * is whose wall it goes to and whose lead publishes it (absent for a company objective: an
 * admin publishes it to the organisation's feed).
 */
export type StoryDrafted = Event<
  'StoryDrafted',
  {
    storyId: string;
    kind: 'success' | 'lessons-learned';
    about: StorySubject;
    unit?: Unit;
    authorId: string;
    draftedBy: string;
    helpedBy: Helpers;
  } & StoryText & { draftedAt: string }
>;

export type StoryRevised = Event<
  'StoryRevised',
  {
    storyId: string;
    revisedBy: string;
    title: Change<string>;
    whatWasDone: Change<string>;
    whatWasLearned: Change<string>;
    helpedBy: Change<Helpers>;
    revisedAt: string;
  }
>;

/**
 * What was put on the walls: the story's kind, subject, unit, author and helpers as published
 * (the text is the stream's latest), so a reader of this one event (the relay, for the
 * recognition topic) knows what it announces.
 */
export type StoryPublished = Event<
  'StoryPublished',
  {
    storyId: string;
    kind: 'success' | 'lessons-learned';
    about: StorySubject;
    unit?: Unit;
    authorId: string;
    helpedBy: Helpers;
    publishedBy: string;
    publishedAt: string;
  }
>;

/** With a reason; the story leaves the walls, the stream keeps what it said. */
export type StoryWithdrawn = Event<
  'StoryWithdrawn',
  { storyId: string; withdrawnBy: string; reason: string; withdrawnAt: string }
>;

export type StoryEvent = StoryDrafted | StoryRevised | StoryPublished | StoryWithdrawn;
