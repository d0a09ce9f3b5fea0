import { assertNever, type RecordedEvent } from '@rhythm/event-sourcing';
import { defineProjection } from '@rhythm/projections';
import type { Helpers, StoryEvent, StorySubject, Unit } from '@rhythm/recognition-domain';

/** A success story or lessons learned as it reads now: its words, helpers and where it stands. */
export type StoryDocument = {
  _id: string;
  tenantId: string;
  storyId: string;
  kind: 'success' | 'lessons-learned';
  about: StorySubject;
  objectiveId: string;
  unit?: Unit;
  authorId: string;
  draftedBy: string;
  helpedBy: Helpers;
  title: string;
  whatWasDone: string;
  whatWasLearned: string;
  status: 'draft' | 'published' | 'withdrawn';
  draftedAt: string;
  revisedAt?: string;
  publishedBy?: string;
  publishedAt?: string;
  withdrawnBy?: string;
  withdrawnAt?: string;
  withdrawalReason?: string;
};

/** Stories from their own streams (`story-`): one stream per story, 'stream' guards it. */
export const storiesProjection = defineProjection({
  name: 'recognition_stories',
  version: 1,
  handles: ['StoryDrafted', 'StoryRevised', 'StoryPublished', 'StoryWithdrawn'],
  streamPrefixes: ['story-'],
  collections: [
    {
      name: 'recognition_stories',
      guard: 'stream',
      indexes: [{ keys: { tenantId: 1, objectiveId: 1 }, serves: "an objective's stories" }],
    },
  ],
  apply: (event: RecordedEvent<StoryEvent>, context) => {
    switch (event.type) {
      case 'StoryDrafted': {
        const { data } = event;
        return context.upsert('recognition_stories', data.storyId, {
          $set: {
            storyId: data.storyId,
            kind: data.kind,
            about: data.about,
            objectiveId: data.about.objectiveId,
            ...(data.unit === undefined ? {} : { unit: data.unit }),
            authorId: data.authorId,
            draftedBy: data.draftedBy,
            helpedBy: data.helpedBy,
            title: data.title,
            whatWasDone: data.whatWasDone,
            whatWasLearned: data.whatWasLearned,
            status: 'draft',
            draftedAt: data.draftedAt,
          },
        });
      }
      case 'StoryRevised': {
        const { data } = event;
        return context.update('recognition_stories', data.storyId, {
          $set: {
            title: data.title.after,
            whatWasDone: data.whatWasDone.after,
            whatWasLearned: data.whatWasLearned.after,
            helpedBy: data.helpedBy.after,
            revisedAt: data.revisedAt,
          },
        });
      }
      case 'StoryPublished':
        return context.update('recognition_stories', event.data.storyId, {
          $set: {
            status: 'published',
            publishedBy: event.data.publishedBy,
            publishedAt: event.data.publishedAt,
          },
        });
      case 'StoryWithdrawn':
        return context.update('recognition_stories', event.data.storyId, {
          $set: {
            status: 'withdrawn',
            withdrawnBy: event.data.withdrawnBy,
            withdrawnAt: event.data.withdrawnAt,
            withdrawalReason: event.data.reason,
          },
        });
      default:
        return assertNever(event);
    }
  },
});
