import { Forbidden, NotFound, RuleViolated } from '@rhythm/event-sourcing';
// Specs only: the domain's own code depends on the kernel alone.
import { DeciderSpecification } from '@rhythm/testing';
import { ann, bob, withFields } from '../testing/actors.fixtures';
import {
  activeObjective,
  draftObjective,
  objectiveActivated,
  objectiveDefined,
  objectiveId,
} from '../testing/objective.fixtures';
import type { ActivateObjective } from './activate-objective.command';
import { objectiveDecider } from './objective.decider';

const spec = DeciderSpecification.for(objectiveDecider);

const activate: ActivateObjective = {
  type: 'ActivateObjective',
  actor: ann,
  data: { objectiveId },
  facts: { cycle: 'planning' },
};

describe('Activate an objective', () => {
  it('makes a draft with key results the unit’s objective', () =>
    spec.given(draftObjective).when(activate).then([objectiveActivated]));

  it('does nothing when already active', () =>
    spec.given(activeObjective).when(activate).thenNothingHappens());

  it('needs at least one key result', () =>
    spec
      .given([objectiveDefined])
      .when(activate)
      .thenThrows(RuleViolated, (error) => {
        expect(error.message).toMatch(/needs at least one key result before it can be activated/);
        withFields({ keyResults: 'at least 1' })(error);
      }));

  it('is for the lead of the owning unit', () =>
    spec
      .given(draftObjective)
      .when({ ...activate, actor: bob })
      .thenThrows(Forbidden));

  describe('weighs the power before the state (ADR 0030)', () => {
    it('refuses a member who activates an active objective, though it would change nothing', () =>
      spec
        .given(activeObjective)
        .when({ ...activate, actor: bob })
        .thenThrows(Forbidden, /Only the lead of squad checkout or an admin/));

    it('refuses a member once the cycle is in review', () =>
      spec
        .given(draftObjective)
        .when({ ...activate, actor: bob, facts: { cycle: 'review' } })
        .thenThrows(Forbidden));

    it('refuses a member an abandoned objective', () =>
      spec
        .given([
          ...draftObjective,
          { type: 'ObjectiveAbandoned', data: { objectiveId, reason: 'Merged' } },
        ])
        .when({ ...activate, actor: bob })
        .thenThrows(Forbidden));

    it('refuses a member an objective without key results', () =>
      spec
        .given([objectiveDefined])
        .when({ ...activate, actor: bob })
        .thenThrows(Forbidden));
  });

  it('cannot activate once the cycle is in review', () =>
    spec
      .given(draftObjective)
      .when({ ...activate, facts: { cycle: 'review' } })
      .thenThrows(RuleViolated, /is review/));

  it('needs an existing objective', () => spec.given([]).when(activate).thenThrows(NotFound));

  it('cannot bring back an abandoned objective', () =>
    spec
      .given([
        ...draftObjective,
        { type: 'ObjectiveAbandoned', data: { objectiveId, reason: 'Merged' } },
      ])
      .when(activate)
      .thenThrows(RuleViolated, /is abandoned/));
});
