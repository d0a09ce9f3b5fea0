import { rejectInvalid, textProblem } from '@rhythm/event-sourcing';
import type { Command } from '../command';
import { clean, instantProblem, limits, utc } from '../input-rules';
import type { StoryWithdrawn } from './story.events';
import type { StoryFacts } from './story.rules';
import { assertAuthorOrPublisher, existingStory } from './story.rules';
import type { StoryState } from './story.state';

export type WithdrawStory = Command<
  'WithdrawStory',
  { storyId: string; reason: string; at: string },
  StoryFacts
>;

/** The author or the unit's lead takes a story off the walls, saying why; again: no event. */
export const withdrawStory = (command: WithdrawStory, state: StoryState): StoryWithdrawn[] => {
  const { data, actor, facts } = command;
  const story = existingStory(state, data.storyId, facts.visible);
  assertAuthorOrPublisher(actor, story, facts, 'withdraw it');
  rejectInvalid({ reason: textProblem(data.reason, limits.reason), at: instantProblem(data.at) });
  if (story.status === 'withdrawn') return [];
  return [
    {
      type: 'StoryWithdrawn',
      data: {
        storyId: story.storyId,
        withdrawnBy: actor.personId,
        reason: clean(data.reason),
        withdrawnAt: utc(data.at),
      },
    },
  ];
};
