import { NotFound, RuleViolated, ValidationFailed } from '@rhythm/event-sourcing';
// Specs only: the domain's own code depends on the kernel alone.
import { DeciderSpecification } from '@rhythm/testing';
import { googleZonesRule, linearRule } from '../scoring/scoring-rule';
import { olga, withFields } from '../testing/actors.fixtures';
import {
  cycleActivated,
  cycleClosed,
  cycleId,
  cyclePlanned,
  cycleReviewStarted,
} from '../testing/cycle.fixtures';
import type { ChangeScoringRule } from './change-scoring-rule.command';
import { cycleDecider } from './cycle.decider';
import type { RescheduleCycle } from './reschedule-cycle.command';

const spec = DeciderSpecification.for(cycleDecider);

const reschedule: RescheduleCycle = {
  type: 'RescheduleCycle',
  actor: olga,
  data: { cycleId, startsOn: '2026-01-05', endsOn: '2026-04-03', reason: 'Align with sprints' },
};

describe('Reschedule a cycle', () => {
  it('records the dates before and after, with the reason', () =>
    spec
      .given([cyclePlanned])
      .when(reschedule)
      .then([
        {
          type: 'CycleRescheduled',
          data: {
            cycleId,
            startsOn: { before: '2026-01-01', after: '2026-01-05' },
            endsOn: { before: '2026-03-31', after: '2026-04-03' },
            reason: 'Align with sprints',
          },
        },
      ]));

  it('may extend a running cycle without a reason', () =>
    spec
      .given([cyclePlanned, cycleActivated])
      .when({ ...reschedule, data: { cycleId, startsOn: '2026-01-01', endsOn: '2026-04-10' } })
      .then([
        {
          type: 'CycleRescheduled',
          data: {
            cycleId,
            startsOn: { before: '2026-01-01', after: '2026-01-01' },
            endsOn: { before: '2026-03-31', after: '2026-04-10' },
          },
        },
      ]));

  it('does nothing when the dates are unchanged', () =>
    spec
      .given([cyclePlanned])
      .when({ ...reschedule, data: { cycleId, startsOn: '2026-01-01', endsOn: '2026-03-31' } })
      .thenNothingHappens());

  it('cannot move a cycle in review', () =>
    spec
      .given([cyclePlanned, cycleActivated, cycleReviewStarted])
      .when(reschedule)
      .thenThrows(RuleViolated, /is review/));

  it('validates the dates', () =>
    spec
      .given([cyclePlanned])
      .when({ ...reschedule, data: { cycleId, startsOn: '2026-05-01', endsOn: '2026-04-01' } })
      .thenThrows(ValidationFailed, withFields({ endsOn: 'must be after startsOn' })));

  it('needs an existing cycle', () => spec.given([]).when(reschedule).thenThrows(NotFound));
});

describe('Change the scoring rule', () => {
  const changeRule: ChangeScoringRule = {
    type: 'ChangeScoringRule',
    actor: olga,
    data: { cycleId, scoringRule: googleZonesRule, reason: 'Company-wide switch to zones' },
  };

  it('records the rule before and after', () =>
    spec
      .given([cyclePlanned, cycleActivated, cycleReviewStarted])
      .when(changeRule)
      .then([
        {
          type: 'CycleScoringRuleChanged',
          data: {
            cycleId,
            scoringRule: { before: linearRule, after: googleZonesRule },
            reason: 'Company-wide switch to zones',
          },
        },
      ]));

  it('does nothing for the same rule', () =>
    spec
      .given([cyclePlanned])
      .when({ ...changeRule, data: { cycleId, scoringRule: { kind: 'linear' } } })
      .thenNothingHappens());

  it('leaves a closed cycle alone: re-scoring is a view', () =>
    spec
      .given([cyclePlanned, cycleActivated, cycleReviewStarted, cycleClosed])
      .when(changeRule)
      .thenThrows(RuleViolated, /is closed/));

  it('validates the rule', () =>
    spec
      .given([cyclePlanned])
      .when({ ...changeRule, data: { cycleId, scoringRule: { kind: 'zones', zones: [] } } })
      .thenThrows(ValidationFailed, withFields({ scoringRule: 'zones must not be empty' })));
});
