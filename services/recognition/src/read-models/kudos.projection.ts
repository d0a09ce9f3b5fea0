import { assertNever, type RecordedEvent } from '@rhythm/event-sourcing';
import { defineProjection } from '@rhythm/projections';
import type {
  KudosAudience,
  KudosEvent,
  KudosReaction,
  KudosSubject,
  Unit,
} from '@rhythm/recognition-domain';

/**
 * One kudos as it reads now. Reactions are kept by kind and person (`reactions.heart.ann`):
 * FerretDB v1's $pull cannot take an element out by value, a key can be unset. A withdrawn
 * kudos is removed (a tombstone): every read then answers as for an id never given.
 */
export type KudosDocument = {
  _id: string;
  tenantId: string;
  kudosId: string;
  giverId: string;
  receiverIds: string[];
  unit?: Unit;
  message: string;
  values: string[];
  about?: KudosSubject;
  /** The objective it is tied to: a private one hides the kudos from who may not see it. */
  objectiveId?: string;
  audience: KudosAudience;
  reactions: Partial<Record<KudosReaction, Record<string, true>>>;
  comments: Array<{ commentId: string; authorId: string; text: string; commentedAt: string }>;
  givenAt: string;
};

/** Kudos from their own streams (`kudos-`): one stream writes each document, 'stream' guards it. */
export const kudosProjection = defineProjection({
  name: 'recognition_kudos',
  version: 1,
  handles: [
    'KudosGiven',
    'KudosReactionAdded',
    'KudosReactionRemoved',
    'KudosCommented',
    'KudosWithdrawn',
  ],
  streamPrefixes: ['kudos-'],
  collections: [
    {
      name: 'recognition_kudos',
      guard: 'stream',
      indexes: [
        {
          keys: { tenantId: 1, giverId: 1, givenAt: -1 },
          serves: 'kudos a person gave, newest first',
        },
        {
          keys: { tenantId: 1, receiverIds: 1, givenAt: -1 },
          serves: 'kudos a person received, newest first',
        },
      ],
    },
  ],
  apply: (event: RecordedEvent<KudosEvent>, context) => {
    switch (event.type) {
      case 'KudosGiven': {
        const { data } = event;
        return context.upsert('recognition_kudos', data.kudosId, {
          $set: {
            kudosId: data.kudosId,
            giverId: data.giverId,
            receiverIds: [...new Set(data.to.personIds)],
            ...(data.to.unit === undefined ? {} : { unit: data.to.unit }),
            message: data.message,
            values: [...data.values],
            ...(data.about === undefined
              ? {}
              : { about: data.about, objectiveId: data.about.objectiveId }),
            audience: data.audience,
            givenAt: data.givenAt,
            // The stream's first event: nothing to keep.
            reactions: {},
            comments: [],
          },
        });
      }
      case 'KudosReactionAdded':
        return context.update('recognition_kudos', event.data.kudosId, {
          $set: { [`reactions.${event.data.reaction}.${fieldKey(event.data.addedBy)}`]: true },
        });
      case 'KudosReactionRemoved':
        return context.update('recognition_kudos', event.data.kudosId, {
          $unset: { [`reactions.${event.data.reaction}.${fieldKey(event.data.removedBy)}`]: '' },
        });
      case 'KudosCommented': {
        const { data } = event;
        return context.update('recognition_kudos', data.kudosId, {
          $push: {
            comments: {
              commentId: data.commentId,
              authorId: data.authorId,
              text: data.text,
              commentedAt: data.commentedAt,
            },
          },
        });
      }
      case 'KudosWithdrawn':
        return context.remove('recognition_kudos', event.data.kudosId);
      default:
        return assertNever(event);
    }
  },
});

/**
 * An id as a field name: ids hold letters, digits, `_`, `-` and `.`; a `.` would be a path, so
 * it is stored as `%`, which no id holds (the mapping is one to one).
 */
export const fieldKey = (id: string): string => id.replaceAll('.', '%');
export const idOfFieldKey = (key: string): string => key.replaceAll('%', '.');
