import { evolveObjective, initialObjectiveState, type ObjectiveEvent } from '@rhythm/goals-domain';
import {
  evolveCard,
  objectiveOfCard,
  type ObjectiveCard,
  type ObjectiveCardDocument,
} from './objective-cards.projection';

const objectiveId = 'effortless-checkout';
const keyResult = (keyResultId: string, start: number): ObjectiveEvent => ({
  type: 'KeyResultAdded',
  data: {
    objectiveId,
    keyResultId,
    title: keyResultId,
    metric: { type: 'number', unit: 'points', start, target: start + 10, direction: 'increase' },
    owner: 'bob',
    weight: 1,
  },
});
const activeObjective: readonly ObjectiveEvent[] = [
  {
    type: 'ObjectiveDefined',
    data: {
      objectiveId,
      cycleId: 'q1',
      title: 'Make checkout effortless',
      description: 'Customers pay in seconds',
      owner: { kind: 'squad', id: 'checkout' },
      kind: 'committed',
      visibility: 'public',
    },
  },
  keyResult('conversion', 60),
  keyResult('payment-time', 8),
  { type: 'ObjectiveActivated', data: { objectiveId } },
];

const cardAfter = (events: readonly ObjectiveEvent[]): ObjectiveCard | null =>
  events.reduce<ObjectiveCard | null>((card, event) => evolveCard(card, event), null);

const stored = (card: ObjectiveCard, current: Record<string, number>): ObjectiveCardDocument => ({
  _id: objectiveId,
  tenantId: 'acme',
  objectiveId,
  cycleId: card.cycleId,
  ownerKey: 'squad:checkout',
  people: ['bob'],
  followers: [],
  definedAt: '2026-01-05T09:00:00.000Z',
  revision: 3,
  card: JSON.stringify(card),
  current,
});

describe('an objective card', () => {
  const noted: ObjectiveEvent[] = [
    ...activeObjective,
    {
      type: 'ReviewNoteRecorded',
      data: { objectiveId, noteId: 'n1', stage: 'mid-cycle', author: 'ann', text: 'On track' },
    },
    {
      type: 'RetrospectiveRecorded',
      data: { objectiveId, author: 'ann', wentWell: 'a', learned: 'b', doDifferently: 'c' },
    },
    {
      type: 'KeyResultProgressed',
      data: { objectiveId, keyResultId: 'conversion', value: { before: 60, after: 66 } },
    },
  ];

  it('is the domain’s fold of the stream, without review notes or retrospective', () => {
    const folded = noted.reduce(evolveObjective, initialObjectiveState());
    if (folded.status === 'none') throw new Error('not defined');
    const { reviewNotes: _notes, retrospective: _retrospective, ...shown } = folded;

    expect(cardAfter(noted)).toEqual({ ...shown, reviewNotes: [] });
  });

  it('is nothing before the objective is defined', () => {
    expect(cardAfter(activeObjective.slice(1))).toBeNull();
  });

  it('shows the current values kept beside it over the ones it holds', () => {
    const card = cardAfter(activeObjective)!;

    const shown = objectiveOfCard(stored(card, { conversion: 70 }));

    expect(shown.keyResults.map(({ keyResultId, current }) => ({ keyResultId, current }))).toEqual([
      { keyResultId: 'conversion', current: 70 },
      // No value beside it yet: the card's own.
      { keyResultId: 'payment-time', current: 8 },
    ]);
  });
});
