import { assertNever, type RecordedEvent } from '@rhythm/event-sourcing';
import { defineProjection } from '@rhythm/projections';
import type { InsightEvent } from '../checkins-domain';

/** A guild's insight as it reads now; a withdrawn one keeps no words and is read by no one. */
export type InsightDocument = {
  _id: string;
  tenantId: string;
  insightId: string;
  objectiveId: string;
  guildId: string;
  authorId: string;
  title: string;
  body: string;
  status: 'posted' | 'withdrawn';
  postedAt: string;
  revisedAt?: string;
  withdrawnAt?: string;
};

/** One document per insight, from its own stream ('stream' guard). */
export const insightsProjection = defineProjection({
  name: 'checkins_insights',
  version: 1,
  handles: ['InsightPosted', 'InsightRevised', 'InsightWithdrawn'],
  streamPrefixes: ['insight-'],
  collections: [
    {
      name: 'checkins_insights',
      guard: 'stream',
      indexes: [
        {
          keys: { tenantId: 1, objectiveId: 1, postedAt: -1 },
          serves: "an objective's insights, newest first",
        },
      ],
    },
  ],
  apply: (event: RecordedEvent<InsightEvent>, context) => {
    const id = event.data.insightId;
    switch (event.type) {
      case 'InsightPosted': {
        const { data } = event;
        return context.upsert('checkins_insights', id, {
          $set: {
            insightId: id,
            objectiveId: data.objectiveId,
            guildId: data.guildId,
            authorId: data.authorId,
            title: data.title,
            body: data.body,
            status: 'posted',
            postedAt: data.postedAt,
          },
        });
      }
      case 'InsightRevised':
        return context.update('checkins_insights', id, {
          $set: {
            title: event.data.title.after,
            body: event.data.body.after,
            revisedAt: event.data.revisedAt,
          },
        });
      case 'InsightWithdrawn':
        return context.update('checkins_insights', id, {
          $set: {
            status: 'withdrawn',
            title: '',
            body: '',
            withdrawnAt: event.data.withdrawnAt,
          },
        });
      default:
        return assertNever(event);
    }
  },
});
