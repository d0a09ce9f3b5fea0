import { Forbidden, NotFound, ValidationFailed } from '@rhythm/event-sourcing';
// Specs only: the domain's own code depends on the kernel alone.
import { DeciderSpecification } from '@rhythm/testing';
import { ann, bob, eve, tom, withFields } from '../testing/people.fixtures';
import { absenceDecider, type DeclareOutOfOffice } from './absence';
import { settingsDecider, type SetConfidenceThresholds } from './organisation-settings';
import type { AbsenceEvent, SettingsEvent } from './rhythm.events';

describe("The organisation's confidence thresholds", () => {
  const spec = DeciderSpecification.for(settingsDecider);
  const set = (onTrackFrom: number, atRiskFrom: number, admin = true): SetConfidenceThresholds => ({
    type: 'SetConfidenceThresholds',
    actor: ann,
    data: { thresholds: { onTrackFrom, atRiskFrom } },
    facts: { actorIsAdmin: admin },
  });
  const setTo = (onTrackFrom: number, atRiskFrom: number): SettingsEvent => ({
    type: 'ConfidenceThresholdsSet',
    data: { thresholds: { onTrackFrom, atRiskFrom }, setBy: 'ann' },
  });

  it('are set by an admin', () =>
    spec
      .given([])
      .when(set(8, 5))
      .then([setTo(8, 5)]));

  it('change nothing when they are what they were, the defaults included', () => {
    spec.given([]).when(set(7, 4)).thenNothingHappens();
    spec
      .given([setTo(8, 5)])
      .when(set(8, 5))
      .thenNothingHappens();
  });

  it('are no one else’s to set', () =>
    spec
      .given([])
      .when(set(8, 5, false))
      .thenThrows(Forbidden));

  it('must read 1 ≤ at risk < on track ≤ 10', () => {
    spec
      .given([])
      .when(set(5, 5))
      .thenThrows(ValidationFailed, withFields({ thresholds: /atRiskFrom < onTrackFrom/ }));
    spec.given([]).when(set(11, 4)).thenThrows(ValidationFailed);
    spec.given([]).when(set(7, 0)).thenThrows(ValidationFailed);
  });
});

describe('Out of office', () => {
  const spec = DeciderSpecification.for(absenceDecider);
  const facts = { leadIds: ['ann'], actorIsAdmin: false };
  const declare = (
    actor = bob,
    from = '2026-03-09T00:00:00+01:00',
    until = '2026-03-21T00:00:00+01:00',
  ): DeclareOutOfOffice => ({
    type: 'DeclareOutOfOffice',
    actor,
    data: { personId: 'bob', absenceId: 'ski-trip', from, until },
    facts,
  });
  const declared = (declaredBy = 'bob'): AbsenceEvent => ({
    type: 'OutOfOfficeDeclared',
    data: {
      personId: 'bob',
      absenceId: 'ski-trip',
      from: '2026-03-08T23:00:00.000Z',
      until: '2026-03-20T23:00:00.000Z',
      declaredBy,
    },
  });

  it('is said by the person, in UTC from then on', () =>
    spec.given([]).when(declare()).then([declared()]));

  it('or by their lead', () =>
    spec
      .given([])
      .when(declare(ann))
      .then([declared('ann')]));

  it('by no one else', () => {
    spec.given([]).when(declare(eve)).thenThrows(Forbidden);
    spec.given([]).when(declare(tom)).thenThrows(Forbidden);
  });

  it('is said again without a second event (a retry)', () =>
    spec.given([declared()]).when(declare()).thenNothingHappens());

  it('ends after it starts, within a year', () => {
    spec
      .given([])
      .when(declare(bob, '2026-03-21T00:00:00Z', '2026-03-09T00:00:00Z'))
      .thenThrows(ValidationFailed, withFields({ until: 'must be after from' }));
    spec
      .given([])
      .when(declare(bob, '2026-03-01T00:00:00Z', '2027-06-01T00:00:00Z'))
      .thenThrows(ValidationFailed, withFields({ until: /at most 366 days/ }));
    spec
      .given([])
      .when(declare(bob, 'next monday', '2026-03-09T00:00:00Z'))
      .thenThrows(ValidationFailed, withFields({ from: /ISO-8601/ }));
  });

  it('is cancelled; an unknown absence is not found', () => {
    const cancel = {
      type: 'CancelOutOfOffice' as const,
      actor: bob,
      data: { personId: 'bob', absenceId: 'ski-trip' },
      facts,
    };
    spec
      .given([declared()])
      .when(cancel)
      .then([
        {
          type: 'OutOfOfficeCancelled',
          data: { personId: 'bob', absenceId: 'ski-trip', cancelledBy: 'bob' },
        },
      ]);
    spec.given([]).when(cancel).thenThrows(NotFound);
  });
});
