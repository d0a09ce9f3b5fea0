import { AlreadyExists, Forbidden, ValidationFailed } from '@rhythm/event-sourcing';
// Specs only: the domain's own code depends on the kernel alone.
import { DeciderSpecification } from '@rhythm/testing';
import { googleZonesRule } from '../scoring/scoring-rule';
import { ann, olga, withFields } from '../testing/actors.fixtures';
import { cycleId, cyclePlanned } from '../testing/cycle.fixtures';
import { cycleDecider } from './cycle.decider';
import type { PlanCycle } from './plan-cycle.command';

const spec = DeciderSpecification.for(cycleDecider);

const plan: PlanCycle = {
  type: 'PlanCycle',
  actor: olga,
  data: {
    cycleId,
    name: ' Q1 2026 ',
    startsOn: '2026-01-01',
    endsOn: '2026-03-31',
    scoringRule: { kind: 'linear' },
  },
};

describe('Plan a cycle', () => {
  it('plans a cycle with its dates and scoring rule', () =>
    spec.given([]).when(plan).then([cyclePlanned]));

  it('keeps a zones rule as data', () =>
    spec
      .given([])
      .when({ ...plan, data: { ...plan.data, scoringRule: googleZonesRule } })
      .then([{ ...cyclePlanned, data: { ...cyclePlanned.data, scoringRule: googleZonesRule } }]));

  it('is for admins and OKR champions only', () =>
    spec
      .given([])
      .when({ ...plan, actor: ann })
      .thenThrows(Forbidden, /admin or OKR champion/));

  it('refuses a cycle id that is taken', () =>
    spec
      .given([cyclePlanned])
      .when(plan)
      .thenThrows(AlreadyExists, /q1-2026 already exists/));

  it('names every field at fault', () =>
    spec
      .given([])
      .when({
        ...plan,
        data: { ...plan.data, name: ' ', startsOn: '2026-02-30', endsOn: 'next spring' },
      })
      .thenThrows(
        ValidationFailed,
        withFields({
          name: 'must not be empty',
          startsOn: 'must be a real calendar date',
          endsOn: 'must be a date as YYYY-MM-DD',
        }),
      ));

  it('needs the end after the start', () =>
    spec
      .given([])
      .when({ ...plan, data: { ...plan.data, endsOn: '2026-01-01' } })
      .thenThrows(ValidationFailed, withFields({ endsOn: 'must be after startsOn' })));

  it.each([
    [{ kind: 'zones' as const, zones: [] }, 'zones must not be empty'],
    [
      { kind: 'zones' as const, zones: [{ name: 'low', from: 0.1, score: 0 }] },
      'the first zone must start at progress 0',
    ],
    [
      {
        kind: 'zones' as const,
        zones: [
          { name: 'low', from: 0, score: 0.5 },
          { name: 'high', from: 0.5, score: 0.2 },
        ],
      },
      'a later zone must not score lower',
    ],
    [
      {
        kind: 'zones' as const,
        zones: [
          { name: 'low', from: 0, score: 0 },
          { name: 'high', from: 0, score: 1 },
        ],
      },
      'zones must start at rising progress',
    ],
    [
      { kind: 'zones' as const, zones: [{ name: 'all', from: 0, score: 1.5 }] },
      'zone all must score between 0 and 1',
    ],
  ])('refuses a broken zones rule %#', (scoringRule, problem) =>
    spec
      .given([])
      .when({ ...plan, data: { ...plan.data, scoringRule } })
      .thenThrows(ValidationFailed, withFields({ scoringRule: problem })),
  );
});
