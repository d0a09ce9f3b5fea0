import { AlreadyExists, NotFound, RuleViolated } from '@rhythm/event-sourcing';
// Specs only: the domain's own code depends on the kernel alone.
import { DeciderSpecification } from '@rhythm/testing';
import type { AlignmentGraph } from '../alignment/alignment-graph';
import { ann, withFields } from '../testing/actors.fixtures';
import { activeObjective, objectiveId } from '../testing/objective.fixtures';
import type { AlignObjective, ParentFacts } from './align-objective.command';
import { objectiveDecider } from './objective.decider';
import type { ObjectiveEvent } from './objective.events';

const spec = DeciderSpecification.for(objectiveDecider);

const align = (
  parentObjectiveId: string,
  parent: ParentFacts | 'none' = { cycleId: 'q1-2026', status: 'active' },
  alignment: AlignmentGraph = {},
): AlignObjective => ({
  type: 'AlignObjective',
  actor: ann,
  data: { objectiveId, parentObjectiveId },
  facts: { cycle: 'active', parent, alignment },
});

const aligned = (parentObjectiveId: string): ObjectiveEvent => ({
  type: 'ObjectiveAligned',
  data: { objectiveId, parentObjectiveId },
});

describe('Align an objective', () => {
  it('contributes to an objective of another unit', () =>
    spec
      .given(activeObjective)
      .when(align('payments-growth'))
      .then([aligned('payments-growth')]));

  it('may contribute to more than one parent', () =>
    spec
      .given([...activeObjective, aligned('payments-growth')])
      .when(align('security-first'))
      .then([aligned('security-first')]));

  it('refuses an alignment that exists', () =>
    spec
      .given([...activeObjective, aligned('payments-growth')])
      .when(align('payments-growth'))
      .thenThrows(AlreadyExists, /already contributes to payments-growth/));

  it('refuses to align an objective to itself', () =>
    spec
      .given(activeObjective)
      .when(align(objectiveId))
      .thenThrows(RuleViolated, `Aligning would create a loop: ${objectiveId} → ${objectiveId}`));

  it('refuses a loop through the parent’s ancestors, naming it', () =>
    spec
      .given(activeObjective)
      .when(
        // company-revenue ← payments-growth ← effortless-checkout already; now company-revenue → ?
        align('payments-growth', undefined, {
          'payments-growth': ['company-revenue'],
          'company-revenue': [objectiveId],
        }),
      )
      .thenThrows(RuleViolated, (error) => {
        expect(error.message).toBe(
          `Aligning would create a loop: ${objectiveId} → payments-growth → company-revenue → ${objectiveId}`,
        );
        withFields({ parentObjectiveId: 'would create a loop' })(error);
      }));

  it('needs the parent to exist', () =>
    spec
      .given(activeObjective)
      .when(align('ghost', 'none'))
      .thenThrows(NotFound, 'Objective ghost not found'));

  it('answers for a parent the actor may not see as for a missing one, even one aligned to already', () =>
    spec
      .given([...activeObjective, aligned('secret-merger')])
      .when(align('secret-merger', 'none', { 'secret-merger': [] }))
      .thenThrows(NotFound, 'Objective secret-merger not found'));

  it('stays within the cycle', () =>
    spec
      .given(activeObjective)
      .when(align('company-2025', { cycleId: 'q4-2025', status: 'scored' }))
      .thenThrows(RuleViolated, withFields({ parentObjectiveId: 'in another cycle' })));

  it('refuses an abandoned parent', () =>
    spec
      .given(activeObjective)
      .when(align('old', { cycleId: 'q1-2026', status: 'abandoned' }))
      .thenThrows(RuleViolated, withFields({ parentObjectiveId: 'abandoned' })));

  describe('unalign', () => {
    it('stops contributing, with an optional reason', () =>
      spec
        .given([...activeObjective, aligned('payments-growth')])
        .when({
          type: 'UnalignObjective',
          actor: ann,
          data: { objectiveId, parentObjectiveId: 'payments-growth', reason: 'Tribe dropped it' },
          facts: { cycle: 'active', parentSeen: true },
        })
        .then([
          {
            type: 'ObjectiveUnaligned',
            data: { objectiveId, parentObjectiveId: 'payments-growth', reason: 'Tribe dropped it' },
          },
        ]));

    it('cannot unalign what is not aligned', () =>
      spec
        .given(activeObjective)
        .when({
          type: 'UnalignObjective',
          actor: ann,
          data: { objectiveId, parentObjectiveId: 'payments-growth' },
          facts: { cycle: 'active', parentSeen: true },
        })
        .thenThrows(NotFound, /does not contribute to payments-growth/));

    it('answers for a parent the actor may not see as for one it is not aligned to', () =>
      spec
        .given([...activeObjective, aligned('secret-merger')])
        .when({
          type: 'UnalignObjective',
          actor: ann,
          data: { objectiveId, parentObjectiveId: 'secret-merger' },
          facts: { cycle: 'active', parentSeen: false },
        })
        .thenThrows(NotFound, `Objective ${objectiveId} does not contribute to secret-merger`));
  });
});
