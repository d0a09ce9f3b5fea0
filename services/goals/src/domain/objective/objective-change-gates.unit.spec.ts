import { Forbidden, NotFound, RuleViolated } from '@rhythm/event-sourcing';
// Specs only: the domain's own code depends on the kernel alone.
import { DeciderSpecification } from '@rhythm/testing';
import type { CycleStanding } from '../cycle/cycle.state';
import { ann, bob, olga, tom } from '../testing/actors.fixtures';
import { activeObjective, objectiveId } from '../testing/objective.fixtures';
import type { ObjectiveCommand } from './objective.decider';
import { objectiveDecider } from './objective.decider';
import type { ObjectiveEvent } from './objective.events';

const spec = DeciderSpecification.for(objectiveDecider);

/** Every command that changes the goal itself, as its lead would send it. */
const changes = (cycle: CycleStanding): ObjectiveCommand[] => [
  {
    type: 'AddKeyResult',
    actor: ann,
    data: {
      objectiveId,
      keyResultId: 'nps',
      title: 'NPS 40',
      metric: { type: 'number', unit: 'points', start: 30, target: 40, direction: 'increase' },
      owner: 'bob',
      weight: 1,
    },
    facts: { cycle, ownerExists: true },
  },
  {
    type: 'RenameObjective',
    actor: ann,
    data: { objectiveId, title: 'Checkout in one tap', description: '' },
    facts: { cycle },
  },
  {
    type: 'ChangeObjectiveOwner',
    actor: ann,
    data: { objectiveId, owner: { kind: 'person', id: 'ann' } },
    facts: { cycle, ownerExists: true },
  },
  {
    type: 'ChangeObjectiveVisibility',
    actor: ann,
    data: { objectiveId, visibility: 'private' },
    facts: { cycle },
  },
  {
    type: 'RenameKeyResult',
    actor: ann,
    data: { objectiveId, keyResultId: 'conversion', title: 'Conversion 75%' },
    facts: { cycle },
  },
  {
    type: 'AdjustKeyResultTarget',
    actor: ann,
    data: { objectiveId, keyResultId: 'conversion', target: 80 },
    facts: { cycle },
  },
  {
    type: 'ChangeKeyResultOwner',
    actor: ann,
    data: { objectiveId, keyResultId: 'conversion', owner: 'eve' },
    facts: { cycle, ownerExists: true },
  },
  {
    type: 'ReweighKeyResult',
    actor: ann,
    data: { objectiveId, keyResultId: 'conversion', weight: 3 },
    facts: { cycle },
  },
  {
    type: 'DropKeyResult',
    actor: ann,
    data: { objectiveId, keyResultId: 'conversion', reason: 'Out of our hands' },
    facts: { cycle },
  },
  {
    type: 'AlignObjective',
    actor: ann,
    data: { objectiveId, parentObjectiveId: 'company-growth' },
    facts: { cycle, parent: { cycleId: 'q1-2026', status: 'active' }, alignment: {} },
  },
  {
    type: 'UnalignObjective',
    actor: ann,
    data: { objectiveId, parentObjectiveId: 'tribe-growth' },
    facts: { cycle, parentSeen: true },
  },
  {
    type: 'AbandonObjective',
    actor: ann,
    data: { objectiveId, reason: 'Merged into the wallet objective' },
    facts: { cycle },
  },
];

/** Active, and already contributing to the tribe's growth objective. */
const given: readonly ObjectiveEvent[] = [
  ...activeObjective,
  { type: 'ObjectiveAligned', data: { objectiveId, parentObjectiveId: 'tribe-growth' } },
];

/** Commands that would leave the objective as it is, as its lead would send them. */
const unchanged: ObjectiveCommand[] = [
  {
    type: 'RenameObjective',
    actor: ann,
    data: {
      objectiveId,
      title: 'Make checkout effortless',
      description: 'Customers pay in seconds, on any device',
    },
    facts: { cycle: 'active' },
  },
  {
    type: 'ChangeObjectiveOwner',
    actor: ann,
    data: { objectiveId, owner: { kind: 'squad', id: 'checkout' } },
    facts: { cycle: 'active', ownerExists: true },
  },
  {
    type: 'ChangeObjectiveVisibility',
    actor: ann,
    data: { objectiveId, visibility: 'public' },
    facts: { cycle: 'active' },
  },
  {
    type: 'RenameKeyResult',
    actor: ann,
    data: { objectiveId, keyResultId: 'conversion', title: 'Raise checkout conversion to 75%' },
    facts: { cycle: 'active' },
  },
  {
    type: 'AdjustKeyResultTarget',
    actor: ann,
    data: { objectiveId, keyResultId: 'conversion', target: 75 },
    facts: { cycle: 'active' },
  },
  {
    type: 'ChangeKeyResultOwner',
    actor: ann,
    data: { objectiveId, keyResultId: 'conversion', owner: 'bob' },
    facts: { cycle: 'active', ownerExists: true },
  },
  {
    type: 'ReweighKeyResult',
    actor: ann,
    data: { objectiveId, keyResultId: 'conversion', weight: 2 },
    facts: { cycle: 'active' },
  },
  { type: 'ActivateObjective', actor: ann, data: { objectiveId }, facts: { cycle: 'active' } },
];

const abandoned: ObjectiveEvent = {
  type: 'ObjectiveAbandoned',
  data: { objectiveId, reason: 'Merged' },
};

describe('Who may change an objective, and when', () => {
  it.each(changes('active').map((command) => [command.type, command] as const))(
    '%s is allowed to the lead of the owning unit while the cycle runs',
    (_, command) =>
      expect(
        objectiveDecider.decide(
          command,
          given.reduce(objectiveDecider.evolve, objectiveDecider.initialState()),
        ),
      ).not.toHaveLength(0),
  );

  it.each(changes('planning').map((command) => [command.type, command] as const))(
    '%s is allowed to an admin while the cycle is planned',
    (_, command) =>
      expect(
        objectiveDecider.decide(
          { ...command, actor: olga },
          given.reduce(objectiveDecider.evolve, objectiveDecider.initialState()),
        ),
      ).not.toHaveLength(0),
  );

  it.each(changes('active').map((command) => [command.type, command] as const))(
    '%s is forbidden to a member and to the lead of another unit',
    (_, command) => {
      spec
        .given(given)
        .when({ ...command, actor: bob })
        .thenThrows(Forbidden, /Only the lead of squad checkout or an admin/);
      spec
        .given(given)
        .when({ ...command, actor: tom })
        .thenThrows(Forbidden);
    },
  );

  // ADR 0030: one without the power learns nothing of the objective's or the cycle's state.
  it.each(
    (['review', 'closed'] as const).flatMap((cycle) =>
      changes(cycle).map((command) => [command.type, cycle, command] as const),
    ),
  )('%s is forbidden to a member while the cycle is %s', (_, __, command) =>
    spec
      .given(given)
      .when({ ...command, actor: bob })
      .thenThrows(Forbidden, /Only the lead of squad checkout or an admin/),
  );

  it.each(changes('active').map((command) => [command.type, command] as const))(
    '%s is forbidden to a member on an abandoned objective',
    (_, command) =>
      spec
        .given([...given, abandoned])
        .when({ ...command, actor: bob })
        .thenThrows(Forbidden, /Only the lead of squad checkout or an admin/),
  );

  it.each(unchanged.map((command) => [command.type, command] as const))(
    '%s that changes nothing is forbidden to a member, and nothing to its lead',
    (_, command) => {
      spec
        .given(given)
        .when({ ...command, actor: bob })
        .thenThrows(Forbidden, /Only the lead of squad checkout or an admin/);
      spec.given(given).when(command).thenNothingHappens();
    },
  );

  it.each(changes('review').map((command) => [command.type, command] as const))(
    '%s is refused once the cycle is in review',
    (_, command) =>
      spec
        .given(given)
        .when(command)
        .thenThrows(RuleViolated, /while cycle q1-2026 is review/),
  );

  it.each(changes('closed').map((command) => [command.type, command] as const))(
    '%s is refused once the cycle is closed',
    (_, command) =>
      spec
        .given(given)
        .when(command)
        .thenThrows(RuleViolated, /is closed/),
  );

  it.each(changes('none').map((command) => [command.type, command] as const))(
    '%s needs the cycle to exist',
    (_, command) =>
      spec
        .given(given)
        .when(command)
        .thenThrows(NotFound, /Cycle q1-2026 not found/),
  );

  it.each(changes('active').map((command) => [command.type, command] as const))(
    '%s is refused on an abandoned objective',
    (_, command) =>
      spec
        .given([...given, abandoned])
        .when(command)
        .thenThrows(RuleViolated, /is abandoned/),
  );

  it.each(changes('active').map((command) => [command.type, command] as const))(
    '%s needs the objective to exist',
    (_, command) =>
      spec
        .given([])
        .when(command)
        .thenThrows(NotFound, /Objective effortless-checkout not found/),
  );
});
