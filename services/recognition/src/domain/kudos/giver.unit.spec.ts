import { Forbidden, RuleViolated, ValidationFailed } from '@rhythm/event-sourcing';
// Specs only: the domain's own code depends on the kernel alone.
import { DeciderSpecification } from '@rhythm/testing';
import { carl, celebrations, withFields } from '../testing/people.fixtures';
import type { KudosAllowanceUsed } from './giver.events';
import { giverDecider } from './giver.decider';
import type { UseKudosAllowance } from './use-kudos-allowance.command';

const spec = DeciderSpecification.for(giverDecider);
const use = (kudosId: string, at: string, kudosPerHour = 3): UseKudosAllowance => ({
  type: 'UseKudosAllowance',
  actor: carl,
  data: { kudosId, at },
  facts: { kudosPerHour },
});
const used = (kudosId: string, usedAt: string): KudosAllowanceUsed => ({
  type: 'KudosAllowanceUsed',
  data: { giverId: 'carl', kudosId, usedAt },
});
const three = [
  used('k1', '2026-03-10T09:00:00.000Z'),
  used('k2', '2026-03-10T09:20:00.000Z'),
  used('k3', '2026-03-10T09:40:00.000Z'),
];

describe('Kudos per person per hour', () => {
  it('counts a gift within the limit', () =>
    spec
      .given(three.slice(0, 2))
      .when(use('k3', '2026-03-10T10:40:00+01:00'))
      .then([used('k3', '2026-03-10T09:40:00.000Z')]));

  it('refuses one more within any 60 minutes, saying when the next may be given', () =>
    spec
      .given(three)
      .when(use('k4', '2026-03-10T09:59:59Z'))
      .thenThrows(
        RuleViolated,
        withFields({ kudos: 'at most 3 per hour; next from 2026-03-10T10:00:00.000Z' }),
      ));

  it('allows it once the oldest gift is an hour old', () =>
    spec
      .given(three)
      .when(use('k4', '2026-03-10T10:00:00Z'))
      .then([used('k4', '2026-03-10T10:00:00.000Z')]));

  it("follows the organisation's limit of the day", () =>
    spec
      .given(three)
      .when(use('k4', '2026-03-10T09:59:59Z', 4))
      .then([used('k4', '2026-03-10T09:59:59.000Z')]));

  it('the same kudos again is a retry: counted once, never refused', () =>
    spec.given(three).when(use('k3', '2026-03-10T09:59:00Z')).thenNothingHappens());

  it('only a person gives; ids and moments are judged', () => {
    spec
      .given([])
      .when({ ...use('k1', '2026-03-10T09:00:00Z'), actor: celebrations })
      .thenThrows(Forbidden);
    spec
      .given([])
      .when(use('k.1', 'soon'))
      .thenThrows(ValidationFailed, withFields({ kudosId: "must not hold a '.'", at: /ISO-8601/ }));
  });
});
