import type { Decider } from '@rhythm/event-sourcing';
import { assertNever } from '@rhythm/event-sourcing';
import type { DraftLessonsLearned } from './draft-lessons-learned.command';
import { draftLessonsLearned } from './draft-lessons-learned.command';
import type { DraftStory } from './draft-story.command';
import { draftStory } from './draft-story.command';
import type { PublishStory } from './publish-story.command';
import { publishStory } from './publish-story.command';
import type { ReviseStory } from './revise-story.command';
import { reviseStory } from './revise-story.command';
import type { StoryEvent } from './story.events';
import type { StoryState } from './story.state';
import { evolveStory, initialStory } from './story.state';
import type { WithdrawStory } from './withdraw-story.command';
import { withdrawStory } from './withdraw-story.command';

export type StoryCommand =
  DraftStory | DraftLessonsLearned | ReviseStory | PublishStory | WithdrawStory;

const decide = (command: StoryCommand, state: StoryState): readonly StoryEvent[] => {
  switch (command.type) {
    case 'DraftStory':
      return draftStory(command, state);
    case 'DraftLessonsLearned':
      return draftLessonsLearned(command, state);
    case 'ReviseStory':
      return reviseStory(command, state);
    case 'PublishStory':
      return publishStory(command, state);
    case 'WithdrawStory':
      return withdrawStory(command, state);
    default:
      return assertNever(command);
  }
};

/** Stream `story-<tenant>.<storyId>`: draft → published → withdrawn (ADR 0042). */
export const storyDecider: Decider<StoryCommand, StoryState, StoryEvent> = {
  decide,
  evolve: evolveStory,
  initialState: initialStory,
};
