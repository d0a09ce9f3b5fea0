import { AlreadyExists, NotFound, RuleViolated, ValidationFailed } from '@rhythm/event-sourcing';
// Specs only: the domain's own code depends on the kernel alone.
import { DeciderSpecification } from '@rhythm/testing';
import { guildDecider } from './guild.decider';
import type { GuildCoordinatorAdded, GuildDissolved, GuildFormed } from './guild.events';

const spec = DeciderSpecification.for(guildDecider);
const guildId = 'guild-web';
const formed: GuildFormed = {
  type: 'GuildFormed',
  data: { guildId, name: 'Web', interest: 'Web performance' },
};
const annCoordinates: GuildCoordinatorAdded = {
  type: 'GuildCoordinatorAdded',
  data: { guildId, personId: 'ann' },
};
const dissolved: GuildDissolved = { type: 'GuildDissolved', data: { guildId, reason: 'quiet' } };

describe('Guild', () => {
  describe('form', () => {
    const form = {
      type: 'FormGuild',
      guildId,
      name: 'Web',
      interest: 'Web performance',
      organisation: 'established',
    } as const;

    it('forms a guild around an interest', () => spec.given([]).when(form).then([formed]));

    it('refuses a guild id that is taken', () =>
      spec.given([formed]).when(form).thenThrows(AlreadyExists));

    it('needs an established organisation', () =>
      spec
        .given([])
        .when({ ...form, organisation: 'unknown' })
        .thenThrows(RuleViolated));

    it('requires a name', () =>
      spec
        .given([])
        .when({ ...form, name: ' ' })
        .thenThrows(ValidationFailed, /name/));
  });

  describe('rename', () => {
    it('records the previous name', () =>
      spec
        .given([formed])
        .when({ type: 'RenameGuild', guildId, name: 'Frontend' })
        .then([
          { type: 'GuildRenamed', data: { guildId, name: 'Frontend', previousName: 'Web' } },
        ]));

    it('does nothing when unchanged', () =>
      spec
        .given([formed])
        .when({ type: 'RenameGuild', guildId, name: 'Web' })
        .thenNothingHappens());
  });

  describe('coordinators', () => {
    const add = {
      type: 'AddGuildCoordinator',
      guildId,
      personId: 'ann',
      person: 'in-organisation',
    } as const;

    it('adds a coordinator', () => spec.given([formed]).when(add).then([annCoordinates]));

    it('has several coordinators', () =>
      spec
        .given([formed, annCoordinates])
        .when({ ...add, personId: 'bob' })
        .then([{ type: 'GuildCoordinatorAdded', data: { guildId, personId: 'bob' } }]));

    it('refuses a coordinator twice', () =>
      spec.given([formed, annCoordinates]).when(add).thenThrows(AlreadyExists));

    it('refuses a person who left the organisation', () =>
      spec
        .given([formed])
        .when({ ...add, person: 'left' })
        .thenThrows(RuleViolated));

    it('removes a coordinator', () =>
      spec
        .given([formed, annCoordinates])
        .when({ type: 'RemoveGuildCoordinator', guildId, personId: 'ann' })
        .then([{ type: 'GuildCoordinatorRemoved', data: { guildId, personId: 'ann' } }]));

    it('cannot remove someone who does not coordinate', () =>
      spec
        .given([formed, annCoordinates])
        .when({ type: 'RemoveGuildCoordinator', guildId, personId: 'bob' })
        .thenThrows(NotFound));

    it('lets a removed coordinator be added again', () =>
      spec
        .given([
          formed,
          annCoordinates,
          { type: 'GuildCoordinatorRemoved', data: { guildId, personId: 'ann' } },
        ])
        .when(add)
        .then([annCoordinates]));
  });

  describe('dissolve', () => {
    const dissolve = { type: 'DissolveGuild', guildId, reason: 'quiet' } as const;

    it('dissolves with a reason', () => spec.given([formed]).when(dissolve).then([dissolved]));

    it('cannot dissolve twice', () =>
      spec.given([formed, dissolved]).when(dissolve).thenThrows(RuleViolated));

    it('cannot add coordinators once dissolved', () =>
      spec
        .given([formed, dissolved])
        .when({ type: 'AddGuildCoordinator', guildId, personId: 'ann', person: 'in-organisation' })
        .thenThrows(RuleViolated));

    it('cannot dissolve an unknown guild', () =>
      spec.given([]).when(dissolve).thenThrows(NotFound));
  });
});
