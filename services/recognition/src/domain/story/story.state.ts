import { assertNever } from '@rhythm/event-sourcing';
import type { StoryDrafted, StoryEvent } from './story.events';

export type Story = Omit<StoryDrafted['data'], 'draftedBy'> &
  Readonly<{ status: 'draft' | 'published' | 'withdrawn'; publishedAt?: string }>;

export type StoryState = Readonly<{ status: 'none' }> | Story;

export const initialStory = (): StoryState => ({ status: 'none' });

export const evolveStory = (state: StoryState, event: StoryEvent): StoryState => {
  if (event.type === 'StoryDrafted') {
    const { draftedBy: _by, ...story } = event.data;
    return { ...story, status: 'draft' };
  }
  if (state.status === 'none') return state;
  switch (event.type) {
    case 'StoryRevised':
      return {
        ...state,
        title: event.data.title.after,
        whatWasDone: event.data.whatWasDone.after,
        whatWasLearned: event.data.whatWasLearned.after,
        helpedBy: event.data.helpedBy.after,
      };
    case 'StoryPublished':
      return { ...state, status: 'published', publishedAt: event.data.publishedAt };
    case 'StoryWithdrawn':
      return { ...state, status: 'withdrawn' };
    default:
      return assertNever(event);
  }
};
