import {
  AlreadyExists,
  Forbidden,
  NotFound,
  RuleViolated,
  ValidationFailed,
} from '@rhythm/event-sourcing';
// Specs only: the domain's own code depends on the kernel alone.
import { DeciderSpecification } from '@rhythm/testing';
import { ann, bob, eve, gus, olga, withFields } from '../testing/actors.fixtures';
import { activeObjective, draftObjective, objectiveId } from '../testing/objective.fixtures';
import type { AddContributor } from './add-contributor.command';
import type { FollowObjective } from './follow-objective.command';
import { objectiveDecider } from './objective.decider';
import type { ObjectiveEvent } from './objective.events';

const spec = DeciderSpecification.for(objectiveDecider);

const follow: FollowObjective = {
  type: 'FollowObjective',
  actor: gus,
  data: { objectiveId, guildId: 'security' },
  facts: { cycle: 'active', guildExists: true },
};
const followed: ObjectiveEvent = {
  type: 'ObjectiveFollowed',
  data: { objectiveId, guildId: 'security' },
};
const abandoned: ObjectiveEvent = {
  type: 'ObjectiveAbandoned',
  data: { objectiveId, reason: 'Merged' },
};

describe('Guilds follow objectives', () => {
  it('a guild coordinator has the guild follow an objective', () =>
    spec.given(activeObjective).when(follow).then([followed]));

  it('may follow a draft while it is being set', () =>
    spec
      .given(draftObjective)
      .when({ ...follow, facts: { cycle: 'planning', guildExists: true } })
      .then([followed]));

  it('refuses a guild that already follows', () =>
    spec
      .given([...activeObjective, followed])
      .when(follow)
      .thenThrows(AlreadyExists, /Guild security already follows/));

  it('is for the guild’s coordinators', () =>
    spec
      .given(activeObjective)
      .when({ ...follow, actor: ann })
      .thenThrows(Forbidden, /coordinator of guild security/));

  it('needs a guild the organisation knows', () =>
    spec
      .given(activeObjective)
      .when({ ...follow, actor: olga, facts: { cycle: 'active', guildExists: false } })
      .thenThrows(RuleViolated, withFields({ guildId: 'unknown guild' })));

  it('cannot follow an abandoned objective', () =>
    spec
      .given([...activeObjective, abandoned])
      .when(follow)
      .thenThrows(RuleViolated, /is abandoned/));

  it('cannot start following once the cycle closed', () =>
    spec
      .given(activeObjective)
      .when({ ...follow, facts: { cycle: 'closed', guildExists: true } })
      .thenThrows(RuleViolated, /is closed/));

  it('unfollows at any time, even after the objective was abandoned', () =>
    spec
      .given([...activeObjective, followed, abandoned])
      .when({ type: 'UnfollowObjective', actor: gus, data: { objectiveId, guildId: 'security' } })
      .then([{ type: 'ObjectiveUnfollowed', data: { objectiveId, guildId: 'security' } }]));

  it('cannot unfollow for a guild that does not follow', () =>
    spec
      .given(activeObjective)
      .when({ type: 'UnfollowObjective', actor: gus, data: { objectiveId, guildId: 'security' } })
      .thenThrows(NotFound, /does not follow/));

  it('only the guild’s coordinator unfollows for it', () =>
    spec
      .given([...activeObjective, followed])
      .when({ type: 'UnfollowObjective', actor: bob, data: { objectiveId, guildId: 'security' } })
      .thenThrows(Forbidden));
});

describe('Contributors', () => {
  const add: AddContributor = {
    type: 'AddContributor',
    actor: eve,
    data: { objectiveId, personId: 'eve' },
    facts: { cycle: 'active', personExists: true },
  };
  const added: ObjectiveEvent = {
    type: 'ContributorAdded',
    data: { objectiveId, personId: 'eve' },
  };

  it('a chapter member signs up to contribute', () =>
    spec.given(activeObjective).when(add).then([added]));

  it('the lead lists a contributor', () =>
    spec
      .given(activeObjective)
      .when({ ...add, actor: ann })
      .then([added]));

  it('nobody else lists someone', () =>
    spec
      .given(activeObjective)
      .when({ ...add, actor: bob })
      .thenThrows(Forbidden, /Only eve themselves/));

  describe('on a private objective, where listing someone lets them see it', () => {
    const madePrivate: ObjectiveEvent = {
      type: 'ObjectiveVisibilityChanged',
      data: { objectiveId, visibility: { before: 'public', after: 'private' } },
    };

    it('nobody lists themselves', () =>
      spec
        .given([...activeObjective, madePrivate])
        .when(add)
        .thenThrows(
          Forbidden,
          "Only the objective's lead or an admin can list contributors of a private objective",
        ));

    it('the lead or an admin lists them', () => {
      spec
        .given([...activeObjective, madePrivate])
        .when({ ...add, actor: ann })
        .then([added]);
      spec
        .given([...activeObjective, madePrivate])
        .when({ ...add, actor: olga })
        .then([added]);
    });

    it('a contributor still steps back', () =>
      spec
        .given([...activeObjective, madePrivate, added])
        .when({ type: 'RemoveContributor', actor: eve, data: { objectiveId, personId: 'eve' } })
        .then([{ type: 'ContributorRemoved', data: { objectiveId, personId: 'eve' } }]));
  });

  it('refuses a contributor already listed', () =>
    spec
      .given([...activeObjective, added])
      .when(add)
      .thenThrows(AlreadyExists, /eve already contributes/));

  it('needs a person the organisation knows', () =>
    spec
      .given(activeObjective)
      .when({ ...add, facts: { cycle: 'active', personExists: false } })
      .thenThrows(RuleViolated, withFields({ personId: 'unknown person' })));

  it('needs a person id', () =>
    spec
      .given(activeObjective)
      .when({ ...add, actor: ann, data: { objectiveId, personId: ' ' } })
      .thenThrows(ValidationFailed, withFields({ personId: 'must name a person' })));

  it('a contributor steps back', () =>
    spec
      .given([...activeObjective, added])
      .when({ type: 'RemoveContributor', actor: eve, data: { objectiveId, personId: 'eve' } })
      .then([{ type: 'ContributorRemoved', data: { objectiveId, personId: 'eve' } }]));

  it('only the person or the lead removes a contributor', () =>
    spec
      .given([...activeObjective, added])
      .when({ type: 'RemoveContributor', actor: bob, data: { objectiveId, personId: 'eve' } })
      .thenThrows(Forbidden));

  it('cannot remove someone not listed', () =>
    spec
      .given(activeObjective)
      .when({ type: 'RemoveContributor', actor: ann, data: { objectiveId, personId: 'eve' } })
      .thenThrows(NotFound, /eve is not a contributor/));
});
