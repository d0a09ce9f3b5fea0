import { AlreadyExists, Forbidden, RuleViolated, ValidationFailed } from '@rhythm/event-sourcing';
// Specs only: the domain's own code depends on the kernel alone.
import { DeciderSpecification } from '@rhythm/testing';
import { googleZonesRule, linearRule } from '../scoring/scoring-rule';
import { ann, bob, checkInRelay, eve, olga, withFields } from '../testing/actors.fixtures';
import { activeObjective, draftObjective, objectiveId } from '../testing/objective.fixtures';
import { objectiveDecider } from './objective.decider';
import type { ObjectiveEvent } from './objective.events';
import type { RecordReviewNote } from './record-review-note.command';
import type { ScoreObjective } from './score-objective.command';

const spec = DeciderSpecification.for(objectiveDecider);

const progressed = (keyResultId: string, before: number, after: number): ObjectiveEvent => ({
  type: 'KeyResultProgressed',
  data: { objectiveId, keyResultId, value: { before, after } },
});
// conversion 60 → 72 of 75 is 0.8; payment time 8 → 5 of 2 is 0.5.
const atClose: readonly ObjectiveEvent[] = [
  ...activeObjective,
  progressed('conversion', 60, 72),
  progressed('payment-time', 8, 5),
];

describe('Review notes', () => {
  const note: RecordReviewNote = {
    type: 'RecordReviewNote',
    actor: bob,
    data: {
      objectiveId,
      noteId: 'n-1',
      stage: 'mid-cycle',
      text: ' Conversion stalls on Android ',
    },
    facts: { cycle: 'active' },
  };
  const recorded: ObjectiveEvent = {
    type: 'ReviewNoteRecorded',
    data: {
      objectiveId,
      noteId: 'n-1',
      stage: 'mid-cycle',
      author: 'bob',
      text: 'Conversion stalls on Android',
    },
  };

  it('a key result owner writes a mid-cycle note while the cycle runs', () =>
    spec.given(activeObjective).when(note).then([recorded]));

  it('end-of-cycle notes are written during the review', () =>
    spec
      .given(activeObjective)
      .when({ ...note, data: { ...note.data, stage: 'end-of-cycle' }, facts: { cycle: 'review' } })
      .then([{ ...recorded, data: { ...recorded.data, stage: 'end-of-cycle' } }]));

  it('a mid-cycle note is refused during the review', () =>
    spec
      .given(activeObjective)
      .when({ ...note, facts: { cycle: 'review' } })
      .thenThrows(RuleViolated, /mid-cycle/));

  it('refuses a note id that is taken', () =>
    spec
      .given([...activeObjective, recorded])
      .when(note)
      .thenThrows(AlreadyExists, /Review note n-1 already exists/));

  it('is for people involved in the objective', () =>
    spec
      .given(activeObjective)
      .when({ ...note, actor: eve })
      .thenThrows(Forbidden));

  it('needs text and a known stage', () =>
    spec
      .given(activeObjective)
      .when({ ...note, data: { ...note.data, text: '', stage: 'weekly' as 'mid-cycle' } })
      .thenThrows(
        ValidationFailed,
        withFields({ text: 'must not be empty', stage: 'must be one of mid-cycle, end-of-cycle' }),
      ));
});

describe('Score overrides in the review', () => {
  const override = {
    type: 'OverrideKeyResultScore',
    actor: ann,
    data: {
      objectiveId,
      keyResultId: 'payment-time',
      score: 0.7,
      reason: 'Measured on the old gateway; real time is 3s',
    },
    facts: { cycle: 'review' },
  } as const;

  it('the lead overrides a score with a reason', () =>
    spec
      .given(atClose)
      .when(override)
      .then([
        {
          type: 'KeyResultScoreOverridden',
          data: {
            objectiveId,
            keyResultId: 'payment-time',
            score: { before: null, after: 0.7 },
            reason: 'Measured on the old gateway; real time is 3s',
          },
        },
      ]));

  it('records the override it replaces', () =>
    spec
      .given([
        ...atClose,
        {
          type: 'KeyResultScoreOverridden',
          data: {
            objectiveId,
            keyResultId: 'payment-time',
            score: { before: null, after: 0.6 },
            reason: 'first look',
          },
        },
      ])
      .when(override)
      .then([
        {
          type: 'KeyResultScoreOverridden',
          data: {
            objectiveId,
            keyResultId: 'payment-time',
            score: { before: 0.6, after: 0.7 },
            reason: 'Measured on the old gateway; real time is 3s',
          },
        },
      ]));

  it('always needs a reason', () =>
    spec
      .given(atClose)
      .when({ ...override, data: { ...override.data, reason: '' } })
      .thenThrows(ValidationFailed, withFields({ reason: 'is required to override a score' })));

  it.each([-0.1, 1.1, Number.NaN])('refuses score %d', (score) =>
    spec
      .given(atClose)
      .when({ ...override, data: { ...override.data, score } })
      .thenThrows(ValidationFailed, withFields({ score: /must be/ })),
  );

  it('only during the review', () =>
    spec
      .given(atClose)
      .when({ ...override, facts: { cycle: 'active' } })
      .thenThrows(RuleViolated, /is active/));

  it('only by the lead or an admin', () =>
    spec
      .given(atClose)
      .when({ ...override, actor: bob })
      .thenThrows(Forbidden));
});

describe('Score at close', () => {
  const score: ScoreObjective = {
    type: 'ScoreObjective',
    actor: checkInRelay,
    data: { objectiveId },
    facts: { cycle: 'closed', scoringRule: linearRule },
  };

  it('scores each key result from its progress and the objective by weight', () =>
    spec
      .given(atClose)
      .when(score)
      .then([
        {
          type: 'ObjectiveScored',
          data: {
            objectiveId,
            rule: linearRule,
            keyResults: [
              {
                keyResultId: 'conversion',
                weight: 2,
                progress: 0.8,
                computed: 0.8,
                score: 0.8,
                overridden: false,
              },
              {
                keyResultId: 'payment-time',
                weight: 1,
                progress: 0.5,
                computed: 0.5,
                score: 0.5,
                overridden: false,
              },
            ],
            score: 0.7, // (2 × 0.8 + 1 × 0.5) / 3
            grade: 'green',
            success: false, // committed: the bar is 1.0
          },
        },
      ]));

  it('lets an override win over the computed score', () =>
    spec
      .given([
        ...atClose,
        {
          type: 'KeyResultScoreOverridden',
          data: {
            objectiveId,
            keyResultId: 'payment-time',
            score: { before: null, after: 1 },
            reason: 'Gateway measured wrong',
          },
        },
      ])
      .when(score)
      .then([
        {
          type: 'ObjectiveScored',
          data: {
            objectiveId,
            rule: linearRule,
            keyResults: [
              {
                keyResultId: 'conversion',
                weight: 2,
                progress: 0.8,
                computed: 0.8,
                score: 0.8,
                overridden: false,
              },
              {
                keyResultId: 'payment-time',
                weight: 1,
                progress: 0.5,
                computed: 0.5,
                score: 1,
                overridden: true,
              },
            ],
            score: 0.87,
            grade: 'green',
            success: false,
          },
        },
      ]));

  it('grades an aspirational objective against 0.7 under the zones rule', () =>
    spec
      .given([
        {
          type: 'ObjectiveDefined',
          data: {
            ...(activeObjective[0] as Extract<ObjectiveEvent, { type: 'ObjectiveDefined' }>).data,
            kind: 'aspirational',
          },
        },
        ...atClose.slice(1),
      ])
      .when({ ...score, facts: { cycle: 'closed', scoringRule: googleZonesRule } })
      .then([
        {
          type: 'ObjectiveScored',
          data: {
            objectiveId,
            rule: googleZonesRule,
            keyResults: [
              {
                keyResultId: 'conversion',
                weight: 2,
                progress: 0.8,
                computed: 0.7,
                score: 0.7,
                overridden: false,
              },
              {
                keyResultId: 'payment-time',
                weight: 1,
                progress: 0.5,
                computed: 0.3,
                score: 0.3,
                overridden: false,
              },
            ],
            score: 0.57,
            grade: 'yellow',
            success: false,
          },
        },
      ]));

  it('scores once', () =>
    spec
      .given([
        ...atClose,
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
      ])
      .when(score)
      .thenNothingHappens());

  it('only once the cycle closed', () =>
    spec
      .given(atClose)
      .when({ ...score, facts: { cycle: 'review', scoringRule: linearRule } })
      .thenThrows(RuleViolated, /is review/));

  it('never scores a draft', () =>
    spec
      .given(draftObjective)
      .when(score)
      .thenThrows(RuleViolated, /is draft/));

  it('is the cycle-close process’s (or an admin’s) job', () =>
    spec
      .given(atClose)
      .when({ ...score, actor: ann })
      .thenThrows(Forbidden));
});

describe('Retrospective', () => {
  const retro = {
    type: 'RecordRetrospective',
    actor: ann,
    data: {
      objectiveId,
      wentWell: 'Pairing with design',
      learned: ' Android needs its own funnel ',
      doDifferently: '',
    },
    facts: { cycle: 'closed' },
  } as const;

  it('records what was learned, after close too', () =>
    spec
      .given(atClose)
      .when(retro)
      .then([
        {
          type: 'RetrospectiveRecorded',
          data: {
            objectiveId,
            author: 'ann',
            wentWell: 'Pairing with design',
            learned: 'Android needs its own funnel',
            doDifferently: '',
          },
        },
      ]));

  it('needs what was learned', () =>
    spec
      .given(atClose)
      .when({ ...retro, data: { ...retro.data, learned: ' ' } })
      .thenThrows(ValidationFailed, withFields({ learned: 'must not be empty' })));

  it('waits for the review', () =>
    spec
      .given(atClose)
      .when({ ...retro, facts: { cycle: 'active' } })
      .thenThrows(RuleViolated, /is active/));

  it('is written by people involved', () =>
    spec
      .given(atClose)
      .when({ ...retro, actor: eve })
      .thenThrows(Forbidden));

  it('an admin may write it', () =>
    expect(
      objectiveDecider.decide(
        { ...retro, actor: olga },
        atClose.reduce(objectiveDecider.evolve, objectiveDecider.initialState()),
      ),
    ).toHaveLength(1));
});
