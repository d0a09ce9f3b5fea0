import { Forbidden, NotFound, RuleViolated, ValidationFailed } from '@rhythm/event-sourcing';
// Specs only: the domain's own code depends on the kernel alone.
import { DeciderSpecification } from '@rhythm/testing';
import { ann, olga, withFields } from '../testing/actors.fixtures';
import {
  cycleActivated,
  cycleClosed,
  cycleId,
  cyclePlanned,
  cycleReviewStarted,
} from '../testing/cycle.fixtures';
import type { CycleCommand } from './cycle.decider';
import { cycleDecider } from './cycle.decider';
import type { CycleEvent } from './cycle.events';
import { evolveCycle, initialCycleState } from './cycle.state';

const spec = DeciderSpecification.for(cycleDecider);

const activate: CycleCommand = { type: 'ActivateCycle', actor: olga, data: { cycleId } };
const startReview: CycleCommand = { type: 'StartCycleReview', actor: olga, data: { cycleId } };
const reopen: CycleCommand = {
  type: 'ReopenCycle',
  actor: olga,
  data: { cycleId, reason: 'Review started before the last check-ins' },
};
const close: CycleCommand = { type: 'CloseCycle', actor: olga, data: { cycleId } };

const planning = [cyclePlanned];
const active = [...planning, cycleActivated];
const review = [...active, cycleReviewStarted];
const closed = [...review, cycleClosed];

describe('Cycle lifecycle: planning → active → review → closed', () => {
  describe('activate', () => {
    it('starts a planned cycle', () => spec.given(planning).when(activate).then([cycleActivated]));
    it('does nothing when already active', () =>
      spec.given(active).when(activate).thenNothingHappens());
    it.each([
      ['review', review],
      ['closed', closed],
    ])('cannot go back from %s', (status, given) =>
      spec
        .given(given)
        .when(activate)
        .thenThrows(RuleViolated, new RegExp(`is ${status}`)),
    );
  });

  describe('start the review', () => {
    it('moves an active cycle to review', () =>
      spec.given(active).when(startReview).then([cycleReviewStarted]));
    it('does nothing when already in review', () =>
      spec.given(review).when(startReview).thenNothingHappens());
    it('cannot skip the active stage', () =>
      spec
        .given(planning)
        .when(startReview)
        .thenThrows(RuleViolated, /is planning/));
    it('cannot reopen a closed cycle this way', () =>
      spec
        .given(closed)
        .when(startReview)
        .thenThrows(RuleViolated, /is closed/));
  });

  describe('reopen (review → active)', () => {
    it('goes back to active with a reason', () =>
      spec
        .given(review)
        .when(reopen)
        .then([
          {
            type: 'CycleReopened',
            data: { cycleId, reason: 'Review started before the last check-ins' },
          },
        ]));
    it('needs a reason', () =>
      spec
        .given(review)
        .when({ ...reopen, data: { cycleId, reason: '  ' } })
        .thenThrows(ValidationFailed, withFields({ reason: 'is required to reopen a cycle' })));
    it('never reopens a closed cycle', () =>
      spec
        .given(closed)
        .when(reopen)
        .thenThrows(RuleViolated, /is closed/));
    it('only reopens a cycle in review', () =>
      spec
        .given(active)
        .when(reopen)
        .thenThrows(RuleViolated, /is active/));
    it('counts the reopenings', () => {
      const events: CycleEvent[] = [
        ...review,
        { type: 'CycleReopened', data: { cycleId, reason: 'late check-ins' } },
        cycleReviewStarted,
      ];
      expect(events.reduce(evolveCycle, initialCycleState())).toMatchObject({
        status: 'review',
        reopenings: 1,
      });
    });
  });

  describe('close', () => {
    it('closes a cycle in review under its scoring rule', () =>
      spec.given(review).when(close).then([cycleClosed]));
    it('does nothing when already closed', () =>
      spec.given(closed).when(close).thenNothingHappens());
    it.each([
      ['planning', planning],
      ['active', active],
    ])('cannot skip the review from %s', (status, given) =>
      spec
        .given(given)
        .when(close)
        .thenThrows(RuleViolated, new RegExp(`is ${status}`)),
    );
  });

  it.each([activate, startReview, reopen, close])('$type needs an existing cycle', (command) =>
    spec
      .given([])
      .when(command)
      .thenThrows(NotFound, /Cycle q1-2026 not found/),
  );

  it.each([activate, startReview, reopen, close])('$type is for admins only', (command) =>
    spec
      .given(review)
      .when({ ...command, actor: ann })
      .thenThrows(Forbidden, /admin or OKR champion/),
  );
});
