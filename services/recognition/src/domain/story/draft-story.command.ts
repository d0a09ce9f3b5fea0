import { AlreadyExists, rejectInvalid, RuleViolated } from '@rhythm/event-sourcing';
import type { Command } from '../command';
import type { Unit } from '../directory-facts';
import {
  assertKnownPeople,
  keyResultNotFound,
  objectiveNotFound,
  unitNotFound,
} from '../directory-facts';
import { clean, instantProblem, streamIdProblem, utc } from '../input-rules';
import { assertPerson } from '../kudos/kudos.rules';
import type { Helpers, StoryDrafted, StorySubject, StoryText } from './story.events';
import { helpersProblem, storyTextProblems } from './story.rules';
import type { StoryState } from './story.state';

/**
 * What the directory knows of the story's goal for the caller (`no-objective` also when they
 * may not see it), and of the helpers it names.
 */
export type DraftStoryFacts = Readonly<{
  subject:
    | 'no-objective'
    | 'no-key-result'
    | Readonly<{
        achieved: boolean;
        /** The owning unit; none for a company objective. */ unit?: Unit;
      }>;
  unknownPersonIds: readonly string[];
  unknownUnits: readonly Unit[];
}>;

export type DraftStory = Command<
  'DraftStory',
  { storyId: string; about: StorySubject; helpedBy: Helpers; at: string } & StoryText,
  DraftStoryFacts
>;

type KnownSubject = Exclude<DraftStoryFacts['subject'], string>;

const knownSubject = (about: StorySubject, facts: DraftStoryFacts['subject']): KnownSubject => {
  if (facts === 'no-objective') throw objectiveNotFound(about.objectiveId);
  if (facts === 'no-key-result') {
    throw about.kind === 'key-result'
      ? keyResultNotFound(about.objectiveId, about.keyResultId)
      : objectiveNotFound(about.objectiveId);
  }
  return facts;
};

export const cleanText = (text: StoryText): StoryText => ({
  title: clean(text.title),
  whatWasDone: clean(text.whatWasDone),
  whatWasLearned: clean(text.whatWasLearned),
});

/**
 * Anyone who sees an achieved objective or key result drafts its success story, for the unit's
 * lead to publish: what was done, who helped, what was learned.
 */
export const draftStory = (command: DraftStory, state: StoryState): StoryDrafted[] => {
  const { data, actor, facts } = command;
  const subject = knownSubject(data.about, facts.subject);
  const [unknownUnit] = facts.unknownUnits;
  if (unknownUnit !== undefined) throw unitNotFound(unknownUnit);
  assertKnownPeople('helpedBy.personIds', facts.unknownPersonIds);
  assertPerson(actor, 'draft a success story');
  rejectInvalid({
    storyId: streamIdProblem(data.storyId),
    ...storyTextProblems(data),
    helpedBy: helpersProblem(data.helpedBy),
    at: instantProblem(data.at),
  });
  if (state.status !== 'none') throw new AlreadyExists(`Story ${data.storyId} already exists`);
  if (!subject.achieved) {
    throw new RuleViolated(
      `A success story tells of an achieved goal: ${data.about.kind} ${data.about.kind === 'key-result' ? data.about.keyResultId : data.about.objectiveId} is not achieved yet`,
      { about: 'not achieved yet' },
    );
  }
  const { unit } = subject;
  return [
    {
      type: 'StoryDrafted',
      data: {
        storyId: data.storyId,
        kind: 'success',
        about: data.about,
        ...(unit === undefined ? {} : { unit }),
        authorId: actor.personId,
        draftedBy: actor.personId,
        helpedBy: { personIds: [...data.helpedBy.personIds], units: [...data.helpedBy.units] },
        ...cleanText(data),
        draftedAt: utc(data.at),
      },
    },
  ];
};
