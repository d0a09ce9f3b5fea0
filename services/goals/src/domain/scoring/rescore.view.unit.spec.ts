import type { ObjectiveEvent } from '../objective/objective.events';
import type { Objective } from '../objective/objective.state';
import { evolveObjective, initialObjectiveState } from '../objective/objective.state';
import { activeObjective, draftObjective, objectiveId } from '../testing/objective.fixtures';
import { rescoreCycle } from './rescore.view';
import { googleZonesRule, linearRule } from './scoring-rule';

const fold = (events: readonly ObjectiveEvent[]): Objective => {
  const state = events.reduce(evolveObjective, initialObjectiveState());
  if (state.status === 'none') throw new Error('no objective');
  return state;
};
const progressed = (keyResultId: string, before: number, after: number): ObjectiveEvent => ({
  type: 'KeyResultProgressed',
  data: { objectiveId, keyResultId, value: { before, after } },
});

// conversion at 0.8 (weight 2), payment time at 0.5 (weight 1): linear 0.7, zones 0.57.
const closedEvents: readonly ObjectiveEvent[] = [
  ...activeObjective,
  progressed('conversion', 60, 72),
  progressed('payment-time', 8, 5),
  {
    type: 'ObjectiveScored',
    data: {
      objectiveId,
      rule: linearRule,
      keyResults: [],
      score: 0.7,
      grade: 'green',
      success: false,
    },
  },
];

describe('Re-scoring a past cycle under another rule (a view)', () => {
  it('scores the recorded facts under the other rule, beside the recorded score', () => {
    const scored = fold(closedEvents);
    const view = rescoreCycle([scored], googleZonesRule);
    expect(view.objectives).toHaveLength(1);
    expect(view.objectives[0].recorded?.score).toBe(0.7);
    expect(view.objectives[0].rescored).toMatchObject({
      score: 0.57,
      grade: 'yellow',
      success: false,
    });
    expect(view).toMatchObject({ meanScore: 0.57, successes: 0 });
  });

  it('never touches the record', () => {
    const scored = fold(closedEvents);
    const before = JSON.stringify(scored);
    rescoreCycle([scored], googleZonesRule);
    expect(JSON.stringify(scored)).toBe(before);
    expect(scored.score?.rule).toEqual(linearRule);
  });

  it('counts successes against each objective’s bar', () => {
    const aspirational = fold([
      {
        type: 'ObjectiveDefined',
        data: {
          ...(closedEvents[0] as Extract<ObjectiveEvent, { type: 'ObjectiveDefined' }>).data,
          kind: 'aspirational',
        },
      },
      ...closedEvents.slice(1),
    ]);
    expect(rescoreCycle([aspirational], linearRule)).toMatchObject({
      meanScore: 0.7,
      successes: 1,
    });
    expect(rescoreCycle([aspirational], googleZonesRule)).toMatchObject({ successes: 0 });
  });

  it('leaves drafts and abandoned objectives out', () => {
    const draft = fold(draftObjective);
    const abandoned = fold([
      ...activeObjective,
      { type: 'ObjectiveAbandoned', data: { objectiveId, reason: 'merged' } },
    ]);
    expect(rescoreCycle([draft, abandoned], linearRule)).toEqual({
      rule: linearRule,
      objectives: [],
      meanScore: 0,
      successes: 0,
    });
  });
});
