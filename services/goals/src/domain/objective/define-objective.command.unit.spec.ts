import {
  AlreadyExists,
  Forbidden,
  NotFound,
  RuleViolated,
  ValidationFailed,
} from '@rhythm/event-sourcing';
// Specs only: the domain's own code depends on the kernel alone.
import { DeciderSpecification } from '@rhythm/testing';
import { ann, bob, olga, tom, withFields } from '../testing/actors.fixtures';
import { cycleId } from '../testing/cycle.fixtures';
import { objectiveDefined, objectiveId } from '../testing/objective.fixtures';
import type { DefineObjective } from './define-objective.command';
import { objectiveDecider } from './objective.decider';

const spec = DeciderSpecification.for(objectiveDecider);

const define: DefineObjective = {
  type: 'DefineObjective',
  actor: ann,
  data: {
    objectiveId,
    cycleId,
    title: ' Make checkout effortless ',
    description: 'Customers pay in seconds, on any device',
    owner: { kind: 'squad', id: 'checkout' },
    kind: 'committed',
    visibility: 'public',
  },
  facts: { cycle: 'planning', ownerExists: true },
};

describe('Define an objective', () => {
  it("is how a squad's product owner sets an objective, as a draft", () =>
    spec.given([]).when(define).then([objectiveDefined]));

  it('may be set while the cycle runs', () =>
    spec
      .given([])
      .when({ ...define, facts: { cycle: 'active', ownerExists: true } })
      .then([objectiveDefined]));

  it('remembers the proposal or template it came from', () =>
    spec
      .given([])
      .when({ ...define, data: { ...define.data, fromProposalId: 'p-1', fromTemplateId: 'nps' } })
      .then([
        {
          ...objectiveDefined,
          data: { ...objectiveDefined.data, fromProposalId: 'p-1', fromTemplateId: 'nps' },
        },
      ]));

  it('lets a person set their own objective', () =>
    spec
      .given([])
      .when({
        ...define,
        actor: bob,
        data: { ...define.data, owner: { kind: 'person', id: 'bob' } },
      })
      .then([
        {
          ...objectiveDefined,
          data: { ...objectiveDefined.data, owner: { kind: 'person', id: 'bob' } },
        },
      ]));

  it('lets an admin set an objective for any unit', () =>
    spec
      .given([])
      .when({ ...define, actor: olga })
      .then([objectiveDefined]));

  it('is not for the lead of another unit (they propose instead)', () =>
    spec
      .given([])
      .when({ ...define, actor: tom })
      .thenThrows(Forbidden, /Only the lead of squad checkout or an admin/));

  it("is not for someone else's personal objective", () =>
    spec
      .given([])
      .when({ ...define, data: { ...define.data, owner: { kind: 'person', id: 'bob' } } })
      .thenThrows(Forbidden, /Only bob \(the owner\) or an admin/));

  it('refuses an objective id that is taken', () =>
    spec.given([objectiveDefined]).when(define).thenThrows(AlreadyExists));

  // An admin: anyone else is refused the power over an owner that cannot exist before the input.
  it('names every field at fault', () =>
    spec
      .given([])
      .when({
        ...define,
        actor: olga,
        data: {
          ...define.data,
          title: '',
          description: 'x'.repeat(2001),
          owner: { kind: 'department' as 'squad', id: 'x' },
          kind: 'stretch' as 'committed',
          visibility: 'secret' as 'public',
        },
      })
      .thenThrows(
        ValidationFailed,
        withFields({
          title: 'must not be empty',
          description: 'must be at most 2000 characters',
          owner: /must be one of company, tribe, squad, chapter, guild, person/,
          kind: 'must be one of committed, aspirational',
          visibility: 'must be one of public, private',
        }),
      ));

  it('needs an existing cycle', () =>
    spec
      .given([])
      .when({ ...define, facts: { cycle: 'none', ownerExists: true } })
      .thenThrows(NotFound, /Cycle q1-2026 not found/));

  it.each(['review', 'closed'] as const)('cannot be set while the cycle is in %s', (cycle) =>
    spec
      .given([])
      .when({ ...define, facts: { cycle, ownerExists: true } })
      .thenThrows(RuleViolated, new RegExp(`cycle q1-2026 is ${cycle}`)),
  );

  describe('weighs the power before the input and the state (ADR 0030)', () => {
    it('refuses the lead of another unit while the cycle is in review', () =>
      spec
        .given([])
        .when({ ...define, actor: tom, facts: { cycle: 'review', ownerExists: true } })
        .thenThrows(Forbidden, /Only the lead of squad checkout or an admin/));

    it('refuses the lead of another unit an empty title', () =>
      spec
        .given([])
        .when({ ...define, actor: tom, data: { ...define.data, title: '' } })
        .thenThrows(Forbidden));

    it('answers an unknown cycle with 404 before any power', () =>
      spec
        .given([])
        .when({ ...define, actor: tom, facts: { cycle: 'none', ownerExists: true } })
        .thenThrows(NotFound, /Cycle q1-2026 not found/));
  });

  it('needs an owner the organisation knows', () =>
    spec
      .given([])
      .when({ ...define, actor: olga, facts: { cycle: 'planning', ownerExists: false } })
      .thenThrows(RuleViolated, withFields({ owner: 'unknown owner' })));
});
