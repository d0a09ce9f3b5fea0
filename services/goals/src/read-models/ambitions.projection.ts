import { assertNever, type RecordedEvent } from '@rhythm/event-sourcing';
import { defineProjection } from '@rhythm/projections';
import type {
  AmbitionEvent,
  AmbitionKind,
  AmbitionLink,
  AmbitionOutcome,
} from '@rhythm/goals-domain';
import { mapKey } from './read-model-keys';

/** One of a person's ambitions. Private to the person: only `/people/me/ambitions` reads it. */
export type AmbitionDocument = {
  _id: string;
  tenantId: string;
  personId: string;
  ambitionId: string;
  kind: AmbitionKind;
  title: string;
  description: string;
  /** Keyed by linkKey. */
  links: Record<string, AmbitionLink>;
  /** Objective ids linked (directly or through one of their key results). */
  objectiveIds: string[];
  status: 'open' | AmbitionOutcome;
  closingNote?: string;
  recordedAt: string;
  updatedAt: string;
};

export const linkKey = (link: AmbitionLink): string =>
  mapKey(link.kind === 'objective' ? link.objectiveId : `${link.objectiveId}/${link.keyResultId}`);

export const ambitionDocumentId = (personId: string, ambitionId: string): string =>
  `${personId}/${ambitionId}`;

export const ambitionsEventTypes = [
  'AmbitionRecorded',
  'AmbitionRevised',
  'AmbitionLinked',
  'AmbitionUnlinked',
  'AmbitionClosed',
] as const satisfies readonly AmbitionEvent['type'][];

/** Documents of one person's stream ('stream' guard: one stream may write several documents). */
export const ambitionsProjection = defineProjection({
  name: 'goals_ambitions',
  // 2: documents keyed by tenant and id (ADR 0025).
  version: 2,
  handles: ambitionsEventTypes,
  streamPrefixes: ['ambition-'],
  collections: [
    {
      name: 'goals_ambitions',
      guard: 'stream',
      indexes: [{ keys: { tenantId: 1, personId: 1 }, serves: 'ambitions of a person' }],
    },
  ],
  apply: async (event: RecordedEvent<AmbitionEvent>, context) => {
    const at = event.metadata.occurredAt;
    const id = ambitionDocumentId(event.data.personId, event.data.ambitionId);
    const set = (fields: Record<string, unknown>) =>
      context.update('goals_ambitions', id, { $set: { ...fields, updatedAt: at } });
    switch (event.type) {
      case 'AmbitionRecorded':
        return context.upsert('goals_ambitions', id, {
          $set: {
            ...event.data,
            links: {},
            objectiveIds: [],
            status: 'open',
            recordedAt: at,
            updatedAt: at,
          },
        });
      case 'AmbitionRevised':
        return set({ title: event.data.title.after, description: event.data.description.after });
      case 'AmbitionLinked':
        return context.update('goals_ambitions', id, {
          $set: { [`links.${linkKey(event.data.link)}`]: event.data.link, updatedAt: at },
          $addToSet: { objectiveIds: event.data.link.objectiveId },
        });
      case 'AmbitionUnlinked': {
        // Rare: the objective stays listed while another link still points into it.
        const document = await context.findOne<AmbitionDocument>('goals_ambitions', id);
        const gone = linkKey(event.data.link);
        const objectiveIds = [
          ...new Set(
            Object.entries(document?.links ?? {})
              .filter(([key]) => key !== gone)
              .map(([, link]) => link.objectiveId),
          ),
        ];
        return context.update('goals_ambitions', id, {
          $set: { objectiveIds, updatedAt: at },
          $unset: { [`links.${gone}`]: '' },
        });
      }
      case 'AmbitionClosed':
        return set({ status: event.data.outcome, closingNote: event.data.note });
      default:
        return assertNever(event);
    }
  },
});
