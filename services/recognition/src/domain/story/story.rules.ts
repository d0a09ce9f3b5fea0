import { Forbidden, NotFound, RuleViolated, textProblem } from '@rhythm/event-sourcing';
import type { Problem } from '@rhythm/event-sourcing';
import type { Actor } from '../actor';
import { unitProblem } from '../directory-facts';
import { idListProblem, limits } from '../input-rules';
import type { Helpers, StoryText } from './story.events';
import type { Story, StoryState } from './story.state';

/**
 * Facts of a command on an existing story: whether the caller may see it (a private objective's
 * story answers as an unknown one), and who may publish it today: the lead(s) of its unit, the
 * admins for a company objective's.
 */
export type StoryFacts = Readonly<{ visible: boolean; publisherIds: readonly string[] }>;

export const existingStory = (state: StoryState, storyId: string, visible: boolean): Story => {
  if (state.status === 'none' || !visible) throw new NotFound(`Story ${storyId} not found`);
  return state;
};

/** The author keeps a hand in their story; the lead who publishes it may edit it too. */
export const assertAuthorOrPublisher = (
  actor: Actor,
  story: Story,
  facts: StoryFacts,
  doing: string,
): void => {
  if (story.authorId === actor.personId || facts.publisherIds.includes(actor.personId)) return;
  throw new Forbidden(`Only the author of story ${story.storyId} or its unit's lead can ${doing}`);
};

export const assertNotWithdrawn = (story: Story, doing: string): void => {
  if (story.status !== 'withdrawn') return;
  throw new RuleViolated(`Cannot ${doing}: story ${story.storyId} is withdrawn`, {
    story: 'withdrawn',
  });
};

export const storyTextProblems = (text: StoryText): Record<string, Problem> => ({
  title: textProblem(text.title, limits.storyTitle),
  whatWasDone: textProblem(text.whatWasDone, limits.storyPart),
  whatWasLearned: textProblem(text.whatWasLearned, limits.storyLesson),
});

export const helpersProblem = (helpers: Helpers): Problem => {
  if (!Array.isArray(helpers?.personIds) || !Array.isArray(helpers.units)) {
    return 'must name people (personIds) and units (units), either may be empty';
  }
  if (helpers.personIds.length + helpers.units.length > limits.helpersPerStory) {
    return `must name at most ${limits.helpersPerStory} people and units`;
  }
  const people = idListProblem(helpers.personIds, limits.helpersPerStory);
  if (people !== undefined) return `personIds ${people}`;
  const unit = helpers.units.map(unitProblem).find((problem) => problem !== undefined);
  return unit === undefined ? undefined : `units ${unit}`;
};
