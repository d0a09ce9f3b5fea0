import { rejectInvalid, RuleViolated } from '@rhythm/event-sourcing';
import type { Command } from '../command';
import { assertKnownPeople, unitNotFound } from '../directory-facts';
import type { Unit } from '../directory-facts';
import { instantProblem, utc } from '../input-rules';
import { cleanText } from './draft-story.command';
import type { Helpers, StoryRevised, StoryText } from './story.events';
import type { StoryFacts } from './story.rules';
import {
  assertAuthorOrPublisher,
  existingStory,
  helpersProblem,
  storyTextProblems,
} from './story.rules';
import type { StoryState } from './story.state';

export type ReviseStory = Command<
  'ReviseStory',
  { storyId: string; helpedBy: Helpers; at: string } & StoryText,
  StoryFacts & Readonly<{ unknownPersonIds: readonly string[]; unknownUnits: readonly Unit[] }>
>;

const sameHelpers = (a: Helpers, b: Helpers): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * A draft is revised by its author or its unit's lead; a published story is what the lead
 * published, so it is withdrawn and drafted anew rather than changed under its readers.
 */
export const reviseStory = (command: ReviseStory, state: StoryState): StoryRevised[] => {
  const { data, actor, facts } = command;
  const story = existingStory(state, data.storyId, facts.visible);
  const [unknownUnit] = facts.unknownUnits;
  if (unknownUnit !== undefined) throw unitNotFound(unknownUnit);
  assertKnownPeople('helpedBy.personIds', facts.unknownPersonIds);
  assertAuthorOrPublisher(actor, story, facts, 'revise it');
  rejectInvalid({
    ...storyTextProblems(data),
    helpedBy: helpersProblem(data.helpedBy),
    at: instantProblem(data.at),
  });
  if (story.status !== 'draft') {
    throw new RuleViolated(`Cannot revise it: story ${story.storyId} is ${story.status}`, {
      story: story.status,
    });
  }
  const text = cleanText(data);
  const helpedBy = { personIds: [...data.helpedBy.personIds], units: [...data.helpedBy.units] };
  if (
    text.title === story.title &&
    text.whatWasDone === story.whatWasDone &&
    text.whatWasLearned === story.whatWasLearned &&
    sameHelpers(helpedBy, story.helpedBy)
  ) {
    return [];
  }
  return [
    {
      type: 'StoryRevised',
      data: {
        storyId: story.storyId,
        revisedBy: actor.personId,
        title: { before: story.title, after: text.title },
        whatWasDone: { before: story.whatWasDone, after: text.whatWasDone },
        whatWasLearned: { before: story.whatWasLearned, after: text.whatWasLearned },
        helpedBy: { before: story.helpedBy, after: helpedBy },
        revisedAt: utc(data.at),
      },
    },
  ];
};
