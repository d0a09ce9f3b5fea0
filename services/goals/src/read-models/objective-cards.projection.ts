import type { RecordedEvent } from '@rhythm/event-sourcing';
import { defineProjection, type ProjectionContext } from '@rhythm/projections';
import {
  evolveObjective,
  initialObjectiveState,
  type Objective,
  type ObjectiveEvent,
} from '@rhythm/goals-domain';
import { mapKey, ownerKey } from './read-model-keys';

/**
 * What the OKR tree, a unit's OKRs and a person's OKRs show of one objective: the domain's own
 * fold of its stream, without review notes and retrospective (only `GET /objectives/:id` shows
 * those), as ONE JSON string. FerretDB 1.24 decodes every stored field of every document it reads
 * (ADR 0043): 500 cards of one string each read in ~50 ms where 500 objective documents take
 * ~190 ms and more. The fields beside the card are the ones a query filters on.
 */
export type ObjectiveCardDocument = {
  _id: string;
  tenantId: string;
  objectiveId: string;
  cycleId: string;
  /** `kind:id` of the owner: a unit's OKRs. */
  ownerKey: string;
  /** Key result owners and contributors: a person's OKRs besides those they own. */
  people: string[];
  /** Guild ids: the OKRs a person follows through their guilds. */
  followers: string[];
  /** When it was defined: every list names objectives in this order. */
  definedAt: string;
  /** The stream revision of the last event it shows: where a fold of the later ones starts. */
  revision: number;
  /** JSON of the objective (ObjectiveCard) as of its last event but progress. */
  card: string;
  /**
   * Each key result's current value by mapKey(keyResultId). Progress, most of a cycle's events,
   * is then a plain $set that never reads the card; the card's own values are overridden by these.
   */
  current: Record<string, number>;
};

/** The objective a card holds: the domain's Objective with no review notes or retrospective. */
export type ObjectiveCard = Omit<
  Objective,
  'reviewNotes' | 'retrospective' | 'fromProposalId' | 'fromTemplateId'
> & { reviewNotes: readonly [] };

/** Events that change what a card shows; review notes, retrospectives and achievements do not. */
export const objectiveCardEventTypes = [
  'ObjectiveDefined',
  'KeyResultAdded',
  'ObjectiveActivated',
  'ObjectiveRenamed',
  'ObjectiveOwnerChanged',
  'ObjectiveVisibilityChanged',
  'KeyResultRenamed',
  'KeyResultTargetAdjusted',
  'KeyResultOwnerChanged',
  'KeyResultReweighted',
  'KeyResultDropped',
  'KeyResultProgressed',
  'KeyResultAchieved',
  'ObjectiveAligned',
  'ObjectiveUnaligned',
  'ObjectiveFollowed',
  'ObjectiveUnfollowed',
  'ContributorAdded',
  'ContributorRemoved',
  'KeyResultScoreOverridden',
  'ObjectiveScored',
  'ObjectiveAbandoned',
] as const satisfies readonly ObjectiveEvent['type'][];

type CardEvent = Extract<ObjectiveEvent, { type: (typeof objectiveCardEventTypes)[number] }>;

/** The objective a stored card shows: its card with the current values beside it. */
export const objectiveOfCard = (document: ObjectiveCardDocument): ObjectiveCard => {
  const card = JSON.parse(document.card) as ObjectiveCard;
  const current = document.current ?? {};
  return {
    ...card,
    keyResults: card.keyResults.map((keyResult) => ({
      ...keyResult,
      current: current[mapKey(keyResult.keyResultId)] ?? keyResult.current,
    })),
  };
};

/**
 * The card after `event`, by the domain's own evolve (so a card can never show what folding the
 * stream would not); null when the objective is unknown.
 */
export const evolveCard = (
  card: ObjectiveCard | null,
  event: ObjectiveEvent,
): ObjectiveCard | null => {
  const next = evolveObjective(card ?? initialObjectiveState(), event);
  if (next.status === 'none') return null;
  const {
    reviewNotes: _notes,
    retrospective: _retrospective,
    fromProposalId: _proposal,
    fromTemplateId: _template,
    ...shown
  } = next;
  return { ...shown, reviewNotes: [] };
};

/** The fields of a card document that follow from its objective. */
const cardFields = (card: ObjectiveCard, revision: number) => ({
  objectiveId: card.objectiveId,
  revision,
  cycleId: card.cycleId,
  ownerKey: ownerKey(card.owner),
  people: [
    ...new Set([...card.keyResults.map((keyResult) => keyResult.owner), ...card.contributors]),
  ],
  followers: [...card.followers],
  card: JSON.stringify(card),
});

/**
 * One card per objective (ADR 0043), guarded by its stream. Progress is a plain $set; every other
 * event folds the card it reads (on a replay the guard makes that write match nothing).
 */
export const objectiveCardsProjection = defineProjection({
  name: 'goals_objective_cards',
  // 2: each card says the revision it shows.
  version: 2,
  handles: objectiveCardEventTypes,
  streamPrefixes: ['objective-'],
  collections: [
    {
      name: 'goals_objective_cards',
      guard: 'stream',
      indexes: [
        { keys: { tenantId: 1, cycleId: 1 }, serves: 'the OKR tree: cards of a cycle' },
        { keys: { tenantId: 1, ownerKey: 1 }, serves: "a unit's OKRs: the cycles to read" },
        { keys: { tenantId: 1, people: 1 }, serves: "a person's OKRs: the cycles to read" },
        { keys: { tenantId: 1, followers: 1 }, serves: "a guild's followed OKRs: the cycles" },
      ],
    },
  ],
  apply: async (
    event: RecordedEvent<CardEvent>,
    context: ProjectionContext<'goals_objective_cards'>,
  ) => {
    const id = event.data.objectiveId;
    const revision = event.streamRevision;
    if (event.type === 'KeyResultProgressed') {
      context.update('goals_objective_cards', id, {
        $set: { [`current.${mapKey(event.data.keyResultId)}`]: event.data.value.after, revision },
      });
      return;
    }
    if (event.type === 'ObjectiveDefined') {
      const card = evolveCard(null, event) as ObjectiveCard;
      context.upsert('goals_objective_cards', id, {
        $set: { ...cardFields(card, revision), definedAt: event.metadata.occurredAt, current: {} },
      });
      return;
    }
    const stored = await context.findOne<ObjectiveCardDocument>('goals_objective_cards', id);
    if (!stored) return;
    const card = evolveCard(objectiveOfCard(stored), event);
    if (!card) return;
    const currentOf = (keyResultId: string) => `current.${mapKey(keyResultId)}`;
    switch (event.type) {
      case 'KeyResultAdded':
        return context.update('goals_objective_cards', id, {
          $set: {
            ...cardFields(card, revision),
            [currentOf(event.data.keyResultId)]: event.data.metric.start,
          },
        });
      case 'KeyResultDropped':
        return context.update('goals_objective_cards', id, {
          $set: cardFields(card, revision),
          $unset: { [currentOf(event.data.keyResultId)]: '' },
        });
      default:
        return context.update('goals_objective_cards', id, { $set: cardFields(card, revision) });
    }
  },
});
