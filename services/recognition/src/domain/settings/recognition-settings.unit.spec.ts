import { Forbidden, ValidationFailed } from '@rhythm/event-sourcing';
// Specs only: the domain's own code depends on the kernel alone.
import { DeciderSpecification } from '@rhythm/testing';
import { ann, olga, withFields } from '../testing/people.fixtures';
import { recognitionSettingsDecider } from './recognition-settings';

const spec = DeciderSpecification.for(recognitionSettingsDecider);
const admin = { actorIsAdmin: true };

describe("The organisation's recognition settings", () => {
  it('values and tags are set by an admin, trimmed; the same again changes nothing', () => {
    const set = {
      type: 'SetKudosValues' as const,
      actor: olga,
      data: { values: [' customer-first', 'ownership '] },
      facts: admin,
    };
    const valuesSet = {
      type: 'KudosValuesSet' as const,
      data: { values: ['customer-first', 'ownership'], setBy: 'olga' },
    };
    spec.given([]).when(set).then([valuesSet]);
    spec.given([valuesSet]).when(set).thenNothingHappens();
    spec
      .given([])
      .when({ ...set, data: { values: ['Ownership', 'ownership'] } })
      .thenThrows(ValidationFailed, withFields({ values: 'must not repeat a value' }));
    spec
      .given([])
      .when({ ...set, actor: ann, facts: { actorIsAdmin: false } })
      .thenThrows(Forbidden);
  });

  it('streak milestones, sorted; the defaults (4, 8, 12) again change nothing', () => {
    const set = (weeks: number[]) => ({
      type: 'SetStreakMilestones' as const,
      actor: olga,
      data: { weeks },
      facts: admin,
    });
    spec
      .given([])
      .when(set([12, 6]))
      .then([{ type: 'StreakMilestonesSet', data: { weeks: [6, 12], setBy: 'olga' } }]);
    spec
      .given([])
      .when(set([8, 4, 12]))
      .thenNothingHappens();
    spec
      .given([])
      .when(set([0, 53]))
      .thenThrows(ValidationFailed, withFields({ weeks: /1 to 52/ }));
  });

  it('kudos per hour: 1 to 1000, 10 by default', () => {
    const set = (kudosPerHour: number) => ({
      type: 'SetKudosLimit' as const,
      actor: olga,
      data: { kudosPerHour },
      facts: admin,
    });
    spec
      .given([])
      .when(set(30))
      .then([{ type: 'KudosLimitSet', data: { kudosPerHour: 30, setBy: 'olga' } }]);
    spec.given([]).when(set(10)).thenNothingHappens();
    spec
      .given([])
      .when(set(1001))
      .thenThrows(ValidationFailed, withFields({ kudosPerHour: /1 to 1000/ }));
    spec.given([]).when(set(2.5)).thenThrows(ValidationFailed);
  });
});
