import { AlreadyExists, RuleViolated, ValidationFailed } from '@rhythm/event-sourcing';
// Specs only: the domain's own code depends on the kernel alone.
import { DeciderSpecification } from '@rhythm/testing';
import { ann, withFields } from '../testing/actors.fixtures';
import {
  activeObjective,
  conversionAdded,
  milestoneAdded,
  objectiveDefined,
  objectiveId,
} from '../testing/objective.fixtures';
import type { AddKeyResult } from './add-key-result.command';
import { objectiveDecider } from './objective.decider';

const spec = DeciderSpecification.for(objectiveDecider);

const add: AddKeyResult = {
  type: 'AddKeyResult',
  actor: ann,
  data: { ...conversionAdded.data, title: ' Raise checkout conversion to 75% ' },
  facts: { cycle: 'planning', ownerExists: true },
};

const fiveKeyResults = ['a', 'b', 'c', 'd', 'e'].map((id) => milestoneAdded(id));

describe('Add a key result', () => {
  it('adds a measurable key result at its start value', () =>
    spec.given([objectiveDefined]).when(add).then([conversionAdded]));

  it('may add a fifth', () =>
    spec
      .given([objectiveDefined, ...fiveKeyResults.slice(0, 4)])
      .when(add)
      .then([conversionAdded]));

  it('refuses a sixth with a clear message', () =>
    spec
      .given([objectiveDefined, ...fiveKeyResults])
      .when(add)
      .thenThrows(RuleViolated, (error) => {
        expect(error.message).toBe(
          `Objective ${objectiveId} already has 5 key results, the most an objective may have. Drop one before adding another.`,
        );
        withFields({ keyResults: 'at most 5' })(error);
      }));

  it('may add to an active objective mid-cycle, with an optional reason', () =>
    spec
      .given(activeObjective)
      .when({
        ...add,
        data: { ...add.data, keyResultId: 'repeat-buyers', reason: 'Repeat buyers matter more' },
        facts: { cycle: 'active', ownerExists: true },
      })
      .then([
        {
          ...conversionAdded,
          data: {
            ...conversionAdded.data,
            keyResultId: 'repeat-buyers',
            reason: 'Repeat buyers matter more',
          },
        },
      ]));

  it('refuses a key result id that is taken', () =>
    spec.given([objectiveDefined, conversionAdded]).when(add).thenThrows(AlreadyExists));

  it('needs an owner the organisation knows', () =>
    spec
      .given([objectiveDefined])
      .when({ ...add, facts: { cycle: 'planning', ownerExists: false } })
      .thenThrows(RuleViolated, withFields({ owner: 'unknown person' })));

  it('names every field at fault', () =>
    spec
      .given([objectiveDefined])
      .when({
        ...add,
        data: {
          ...add.data,
          title: ' ',
          metric: { type: 'currency', unit: 'euro', start: 10, target: 5, direction: 'increase' },
          owner: '',
          weight: 0,
        },
      })
      .thenThrows(
        ValidationFailed,
        withFields({
          title: 'must not be empty',
          'metric.unit': 'must be an ISO 4217 code such as EUR',
          'metric.target': 'must be above the start for an increasing key result',
          owner: 'must name a person',
          weight: 'must be more than 0 and at most 100',
        }),
      ));

  it('reports an unknown metric type before anything that depends on it', () =>
    spec
      .given([objectiveDefined])
      .when({
        ...add,
        data: {
          ...add.data,
          metric: { ...add.data.metric, type: 'ratio' as 'number', direction: 'up' as 'increase' },
        },
      })
      .thenThrows(
        ValidationFailed,
        withFields({
          'metric.type': 'must be one of number, percentage, currency, milestone',
          'metric.direction': 'must be one of increase, decrease',
        }),
      ));
});
