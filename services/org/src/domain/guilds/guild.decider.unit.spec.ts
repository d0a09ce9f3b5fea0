import {
  AlreadyExists,
  Forbidden,
  NotFound,
  RuleViolated,
  ValidationFailed,
} from '@rhythm/event-sourcing';
// Specs only: the domain's own code depends on the kernel alone.
import { DeciderSpecification } from '@rhythm/testing';
import type { Actor } from '../org-facts';
import { guildDecider } from './guild.decider';
import type { GuildCoordinatorAdded, GuildDissolved, GuildFormed } from './guild.events';

const spec = DeciderSpecification.for(guildDecider);
const guildId = 'guild-web';
const actor: Actor = { personId: 'root', isAdmin: true };
const member = (personId: string): Actor => ({ personId, isAdmin: false });
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
      actor,
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
        .when({ type: 'RenameGuild', guildId, name: 'Frontend', actor })
        .then([
          { type: 'GuildRenamed', data: { guildId, name: 'Frontend', previousName: 'Web' } },
        ]));

    it('does nothing when unchanged', () =>
      spec
        .given([formed])
        .when({ type: 'RenameGuild', guildId, name: 'Web', actor })
        .thenNothingHappens());
  });

  describe('coordinators', () => {
    const add = {
      type: 'AddGuildCoordinator',
      guildId,
      personId: 'ann',
      person: 'in-organisation',
      actor,
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
        .when({ type: 'RemoveGuildCoordinator', guildId, personId: 'ann', actor })
        .then([{ type: 'GuildCoordinatorRemoved', data: { guildId, personId: 'ann' } }]));

    it('cannot remove someone who does not coordinate', () =>
      spec
        .given([formed, annCoordinates])
        .when({ type: 'RemoveGuildCoordinator', guildId, personId: 'bob', actor })
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
    const dissolve = { type: 'DissolveGuild', guildId, reason: 'quiet', actor } as const;

    it('dissolves with a reason', () => spec.given([formed]).when(dissolve).then([dissolved]));

    it('cannot dissolve twice', () =>
      spec.given([formed, dissolved]).when(dissolve).thenThrows(RuleViolated));

    it('cannot add coordinators once dissolved', () =>
      spec
        .given([formed, dissolved])
        .when({
          type: 'AddGuildCoordinator',
          guildId,
          personId: 'ann',
          person: 'in-organisation',
          actor,
        })
        .thenThrows(RuleViolated));

    it('cannot dissolve an unknown guild', () =>
      spec.given([]).when(dissolve).thenThrows(NotFound));
  });

  describe('powers: an admin, and the guild’s coordinators for its name and its coordinators', () => {
    const ann = member('ann'); // a coordinator (annCoordinates)
    const bobCoordinates: GuildCoordinatorAdded = {
      type: 'GuildCoordinatorAdded',
      data: { guildId, personId: 'bob' },
    };

    it('leaves forming and dissolving a guild to an admin', () => {
      spec
        .given([])
        .when({
          type: 'FormGuild',
          guildId,
          name: 'Web',
          interest: '',
          organisation: 'established',
          actor: ann,
        })
        .thenThrows(Forbidden, 'Only an admin may form guilds in the organisation');
      spec
        .given([formed, annCoordinates])
        .when({ type: 'DissolveGuild', guildId, reason: 'quiet', actor: ann })
        .thenThrows(Forbidden);
    });

    it('lets a coordinator rename the guild, and no one else', () => {
      const rename = { type: 'RenameGuild', guildId, name: 'Frontend', actor: ann } as const;
      spec
        .given([formed, annCoordinates])
        .when(rename)
        .then([{ type: 'GuildRenamed', data: { guildId, name: 'Frontend', previousName: 'Web' } }]);
      spec
        .given([formed, annCoordinates])
        .when({ ...rename, actor: member('gil') })
        .thenThrows(
          Forbidden,
          `Only an admin or the guild coordinator may rename guild ${guildId}`,
        );
    });

    it('lets a coordinator add another; no one makes themselves coordinator', () => {
      const add = {
        type: 'AddGuildCoordinator',
        guildId,
        personId: 'bob',
        person: 'in-organisation',
        actor: ann,
      } as const;
      spec.given([formed, annCoordinates]).when(add).then([bobCoordinates]);
      spec
        .given([formed, annCoordinates])
        .when({ ...add, actor: member('bob') })
        .thenThrows(Forbidden);
    });

    it('lets a coordinator step down; a fellow coordinator cannot push them out', () => {
      const remove = {
        type: 'RemoveGuildCoordinator',
        guildId,
        personId: 'bob',
        actor: member('bob'),
      } as const;
      spec
        .given([formed, annCoordinates, bobCoordinates])
        .when(remove)
        .then([{ type: 'GuildCoordinatorRemoved', data: { guildId, personId: 'bob' } }]);
      spec
        .given([formed, annCoordinates, bobCoordinates])
        .when({ ...remove, actor: ann })
        .thenThrows(
          Forbidden,
          `Only an admin or the person themselves may remove coordinators of guild ${guildId}`,
        );
    });

    it('answers an unknown guild with 404 before any power is weighed', () =>
      spec
        .given([])
        .when({ type: 'RenameGuild', guildId, name: 'x', actor: member('gil') })
        .thenThrows(NotFound));
  });
});
