import { Forbidden, rejectInvalid } from '@rhythm/event-sourcing';
import type { Command } from '../command';
import { instantProblem, utc } from '../input-rules';
import type { StoryPublished } from './story.events';
import type { StoryFacts } from './story.rules';
import { assertNotWithdrawn, existingStory } from './story.rules';
import type { StoryState } from './story.state';

export type PublishStory = Command<'PublishStory', { storyId: string; at: string }, StoryFacts>;

/** The unit's lead of the day puts it on the walls; publishing again changes nothing. */
export const publishStory = (command: PublishStory, state: StoryState): StoryPublished[] => {
  const { data, actor, facts } = command;
  const story = existingStory(state, data.storyId, facts.visible);
  if (!facts.publisherIds.includes(actor.personId)) {
    throw new Forbidden(`Only the lead of the story's unit can publish story ${story.storyId}`);
  }
  rejectInvalid({ at: instantProblem(data.at) });
  assertNotWithdrawn(story, 'publish it');
  if (story.status === 'published') return [];
  return [
    {
      type: 'StoryPublished',
      data: {
        storyId: story.storyId,
        kind: story.kind,
        about: story.about,
        ...(story.unit === undefined ? {} : { unit: story.unit }),
        authorId: story.authorId,
        helpedBy: story.helpedBy,
        publishedBy: actor.personId,
        publishedAt: utc(data.at),
      },
    },
  ];
};
