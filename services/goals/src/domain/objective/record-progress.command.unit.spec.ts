import { Forbidden, NotFound, RuleViolated, ValidationFailed } from '@rhythm/event-sourcing';
// Specs only: the domain's own code depends on the kernel alone.
import { DeciderSpecification } from '@rhythm/testing';
import type { CycleStanding } from '../cycle/cycle.state';
import type { Actor } from '../actor';
import { ann, bob, checkInRelay, eve, tom, withFields } from '../testing/actors.fixtures';
import {
  activeObjective,
  draftObjective,
  milestoneAdded,
  objectiveActivated,
  objectiveDefined,
  objectiveId,
} from '../testing/objective.fixtures';
import { objectiveDecider } from './objective.decider';
import type { ObjectiveEvent } from './objective.events';
import type { RecordProgress } from './record-progress.command';

const spec = DeciderSpecification.for(objectiveDecider);

const progress = (
  keyResultId: string,
  value: number,
  options: { actor?: Actor; cycle?: CycleStanding; checkInId?: string } = {},
): RecordProgress => ({
  type: 'RecordProgress',
  actor: options.actor ?? bob,
  data: {
    objectiveId,
    keyResultId,
    value,
    ...(options.checkInId === undefined ? {} : { checkInId: options.checkInId }),
  },
  facts: { cycle: options.cycle ?? 'active' },
});

const progressed = (keyResultId: string, before: number, after: number): ObjectiveEvent => ({
  type: 'KeyResultProgressed',
  data: { objectiveId, keyResultId, value: { before, after } },
});
const achieved = (keyResultId: string, value: number, target: number): ObjectiveEvent => ({
  type: 'KeyResultAchieved',
  data: { objectiveId, keyResultId, value, target },
});
const objectiveAchieved: ObjectiveEvent = { type: 'ObjectiveAchieved', data: { objectiveId } };

describe('Record progress', () => {
  it('records the new value of a key result, before and after', () =>
    spec
      .given(activeObjective)
      .when(progress('conversion', 66))
      .then([progressed('conversion', 60, 66)]));

  it('keeps the check-in that reported it', () =>
    spec
      .given(activeObjective)
      .when(progress('conversion', 66, { actor: checkInRelay, checkInId: 'ci-7' }))
      .then([
        {
          type: 'KeyResultProgressed',
          data: {
            objectiveId,
            keyResultId: 'conversion',
            value: { before: 60, after: 66 },
            checkInId: 'ci-7',
          },
        },
      ]));

  it('records regression too', () =>
    spec
      .given([...activeObjective, progressed('conversion', 60, 66)])
      .when(progress('conversion', 58))
      .then([progressed('conversion', 66, 58)]));

  it('does nothing when the value is unchanged', () =>
    spec.given(activeObjective).when(progress('conversion', 60)).thenNothingHappens());

  it('may be recorded during the review (the last check-ins)', () =>
    spec
      .given(activeObjective)
      .when(progress('conversion', 70, { cycle: 'review' }))
      .then([progressed('conversion', 60, 70)]));

  describe('reaching the target', () => {
    it('announces the key result achieved', () =>
      spec
        .given(activeObjective)
        .when(progress('conversion', 76))
        .then([progressed('conversion', 60, 76), achieved('conversion', 76, 75)]));

    it('counts a decreasing key result achieved at or below its target', () =>
      spec
        .given(activeObjective)
        .when(progress('payment-time', 2))
        .then([progressed('payment-time', 8, 2), achieved('payment-time', 2, 2)]));

    it('announces the objective achieved when the last key result gets there', () =>
      spec
        .given([
          ...activeObjective,
          progressed('conversion', 60, 75),
          achieved('conversion', 75, 75),
        ])
        .when(progress('payment-time', 1.8))
        .then([
          progressed('payment-time', 8, 1.8),
          achieved('payment-time', 1.8, 2),
          objectiveAchieved,
        ]));

    it('does not celebrate twice when progress dips and recovers', () =>
      spec
        .given([
          ...activeObjective,
          progressed('conversion', 60, 75),
          achieved('conversion', 75, 75),
          progressed('conversion', 75, 73),
        ])
        .when(progress('conversion', 77))
        .then([progressed('conversion', 73, 77)]));

    it('celebrates again when a raised target is reached', () =>
      spec
        .given([
          ...activeObjective,
          progressed('conversion', 60, 75),
          achieved('conversion', 75, 75),
          {
            type: 'KeyResultTargetAdjusted',
            data: {
              objectiveId,
              keyResultId: 'conversion',
              target: { before: 75, after: 80 },
              lowersAmbition: false,
            },
          },
        ])
        .when(progress('conversion', 80))
        .then([progressed('conversion', 75, 80), achieved('conversion', 80, 80)]));

    it('announces an achievement when a lowered target falls below the current value', () =>
      spec
        .given([...activeObjective, progressed('conversion', 60, 72)])
        .when({
          type: 'AdjustKeyResultTarget',
          actor: ann,
          data: { objectiveId, keyResultId: 'conversion', target: 70, reason: 'Market shrank' },
          facts: { cycle: 'active' },
        })
        .then([
          {
            type: 'KeyResultTargetAdjusted',
            data: {
              objectiveId,
              keyResultId: 'conversion',
              target: { before: 75, after: 70 },
              lowersAmbition: true,
              reason: 'Market shrank',
            },
          },
          achieved('conversion', 72, 70),
        ]));

    it('achieves the objective when the only unachieved key result is dropped', () =>
      spec
        .given([
          ...activeObjective,
          progressed('conversion', 60, 75),
          achieved('conversion', 75, 75),
        ])
        .when({
          type: 'DropKeyResult',
          actor: ann,
          data: {
            objectiveId,
            keyResultId: 'payment-time',
            reason: 'Provider fixed it for everyone',
          },
          facts: { cycle: 'active' },
        })
        .then([
          {
            type: 'KeyResultDropped',
            data: {
              objectiveId,
              keyResultId: 'payment-time',
              title: 'Cut payment time to 2 seconds',
              reason: 'Provider fixed it for everyone',
            },
          },
          objectiveAchieved,
        ]));

    it('completes a milestone with 1', () =>
      spec
        .given([objectiveDefined, milestoneAdded('launch', 'Launch Apple Pay'), objectiveActivated])
        .when(progress('launch', 1))
        .then([progressed('launch', 0, 1), achieved('launch', 1, 1), objectiveAchieved]));
  });

  it('refuses a milestone value other than 0 or 1', () =>
    spec
      .given([objectiveDefined, milestoneAdded('launch'), objectiveActivated])
      .when(progress('launch', 0.5))
      .thenThrows(
        ValidationFailed,
        withFields({ value: 'a milestone is 0 (not done) or 1 (done)' }),
      ));

  it('refuses a value that is not a number', () =>
    spec
      .given(activeObjective)
      .when(progress('conversion', Number.NaN))
      .thenThrows(ValidationFailed, withFields({ value: 'must be a finite number' })));

  it('needs an active objective', () =>
    spec
      .given(draftObjective)
      .when(progress('conversion', 66))
      .thenThrows(RuleViolated, /is draft/));

  it.each<CycleStanding>(['planning', 'closed'])('is refused while the cycle is %s', (cycle) =>
    spec
      .given(activeObjective)
      .when(progress('conversion', 66, { cycle }))
      .thenThrows(RuleViolated),
  );

  it('needs an existing key result', () =>
    spec.given(activeObjective).when(progress('churn', 3)).thenThrows(NotFound));

  it.each([
    ['the key result owner', bob],
    ['the lead', ann],
    ['the check-in relay', checkInRelay],
  ])('is open to %s', (_, actor) =>
    expect(
      objectiveDecider.decide(
        progress('conversion', 61, { actor }),
        activeObjective.reduce(objectiveDecider.evolve, objectiveDecider.initialState()),
      ),
    ).toHaveLength(1),
  );

  it('is open to a contributor', () =>
    spec
      .given([
        ...activeObjective,
        { type: 'ContributorAdded', data: { objectiveId, personId: 'eve' } },
      ])
      .when(progress('conversion', 61, { actor: eve }))
      .then([progressed('conversion', 60, 61)]));

  it.each([
    ['someone uninvolved', eve],
    ['the lead of another unit', tom],
  ])('is forbidden to %s', (_, actor) =>
    spec
      .given(activeObjective)
      .when(progress('conversion', 61, { actor }))
      .thenThrows(Forbidden),
  );
});
