import {
  AlreadyExists,
  Forbidden,
  NotFound,
  RuleViolated,
  ValidationFailed,
} from '@rhythm/event-sourcing';
// Specs only: the domain's own code depends on the kernel alone.
import { DeciderSpecification } from '@rhythm/testing';
import type { Actor, UnitFacts } from '../org-facts';
import { personDecider } from './person.decider';
import type {
  PersonEvent,
  PersonJoinedChapter,
  PersonJoinedGuild,
  PersonJoinedOrganisation,
  PersonJoinedSquad,
} from './person.events';

const spec = DeciderSpecification.for(personDecider);
const personId = 'ann';
const admin: Actor = { personId: 'root', isAdmin: true };
const member = (id: string): Actor => ({ personId: id, isAdmin: false });
const active = (tribeId?: string, leadIds: readonly string[] = []): UnitFacts => ({
  standing: 'active',
  ...(tribeId === undefined ? {} : { tribeId }),
  leadIds,
});
const dissolved = (tribeId?: string): UnitFacts => ({ ...active(tribeId), standing: 'dissolved' });
const unknown: UnitFacts = { standing: 'unknown', leadIds: [] };
/** A squad or chapter of a tribe, with its own lead and its tribe's lead. */
const led = (tribeId: string, leadId: string, tribeLeadId: string): UnitFacts => ({
  ...active(tribeId, [leadId]),
  tribeLeadId,
});

const joined: PersonJoinedOrganisation = {
  type: 'PersonJoinedOrganisation',
  data: { personId, name: 'Ann Smith', email: 'ann@acme.test' },
};
const inCheckout: PersonJoinedSquad = {
  type: 'PersonJoinedSquad',
  data: { personId, squadId: 'checkout' },
};
const inBackend: PersonJoinedChapter = {
  type: 'PersonJoinedChapter',
  data: { personId, chapterId: 'backend', tribeId: 'payments' },
};
const inWebGuild: PersonJoinedGuild = {
  type: 'PersonJoinedGuild',
  data: { personId, guildId: 'web' },
};
const left: PersonEvent = {
  type: 'PersonLeftOrganisation',
  data: { personId, reason: 'moved abroad' },
};

describe('Person', () => {
  describe('join the organisation', () => {
    const join = {
      type: 'JoinOrganisation',
      personId,
      name: ' Ann Smith ',
      email: 'Ann@Acme.test',
      organisation: 'established',
      actor: admin,
    } as const;

    it('joins with a name and a normalised email', () => spec.given([]).when(join).then([joined]));

    it('cannot join twice', () => spec.given([joined]).when(join).thenThrows(AlreadyExists));

    it('cannot join an organisation that is not established', () =>
      spec
        .given([])
        .when({ ...join, organisation: 'unknown' })
        .thenThrows(RuleViolated));

    it('names every invalid field', () =>
      spec
        .given([])
        .when({ ...join, name: '', email: 'not-an-email' })
        .thenThrows(ValidationFailed, (error) =>
          expect((error as ValidationFailed).fields).toEqual({
            name: 'must not be empty',
            email: 'must be an email address',
          }),
        ));
  });

  describe('update the profile', () => {
    const update = {
      type: 'UpdatePersonProfile',
      personId,
      name: 'Ann Jones',
      email: 'ann.jones@acme.test',
      actor: member(personId),
    } as const;

    it('lets people update their own profile', () =>
      spec
        .given([joined])
        .when(update)
        .then([
          {
            type: 'PersonProfileUpdated',
            data: { personId, name: 'Ann Jones', email: 'ann.jones@acme.test' },
          },
        ]));

    it('lets an admin update it', () =>
      spec
        .given([joined])
        .when({ ...update, actor: admin })
        .then([
          {
            type: 'PersonProfileUpdated',
            data: { personId, name: 'Ann Jones', email: 'ann.jones@acme.test' },
          },
        ]));

    it('forbids others', () =>
      spec
        .given([joined])
        .when({ ...update, actor: member('bob') })
        .thenThrows(Forbidden));

    it('does nothing when nothing changes', () =>
      spec
        .given([joined])
        .when({ ...update, name: 'Ann Smith', email: 'ann@acme.test' })
        .thenNothingHappens());

    it('cannot update someone who left', () =>
      spec
        .given([joined, left])
        .when(update)
        .thenThrows(RuleViolated, /has left/));

    it('cannot update an unknown person', () => spec.given([]).when(update).thenThrows(NotFound));
  });

  describe('squads: at most one at a time', () => {
    const join = {
      type: 'JoinSquad',
      personId,
      squadId: 'checkout',
      units: { checkout: active('payments', ['po-1']) },
      actor: admin,
    } as const;

    it('joins a squad', () => spec.given([joined]).when(join).then([inCheckout]));

    it('lets the squad’s product owner add people', () =>
      spec
        .given([joined])
        .when({ ...join, actor: member('po-1') })
        .then([inCheckout]));

    it('forbids anyone else', () =>
      spec
        .given([joined])
        .when({ ...join, actor: member(personId) })
        .thenThrows(Forbidden));

    it('moves when joining another squad: one event, never two squads', () =>
      spec
        .given([joined, inCheckout])
        .when({
          ...join,
          squadId: 'wallet',
          units: { checkout: active('payments'), wallet: active('payments') },
        })
        .then([
          {
            type: 'PersonMovedToSquad',
            data: { personId, fromSquadId: 'checkout', toSquadId: 'wallet' },
          },
        ]));

    it('refuses to join the squad the person is in', () =>
      spec.given([joined, inCheckout]).when(join).thenThrows(AlreadyExists));

    it('joins rather than moves when the old squad was dissolved meanwhile', () =>
      spec
        .given([joined, inCheckout])
        .when({
          ...join,
          squadId: 'wallet',
          units: { checkout: dissolved('payments'), wallet: active('payments') },
        })
        .then([{ type: 'PersonJoinedSquad', data: { personId, squadId: 'wallet' } }]));

    it('leaves the chapter when moving to a squad of another tribe', () =>
      spec
        .given([joined, inCheckout, inBackend])
        .when({
          ...join,
          squadId: 'onboarding',
          units: {
            checkout: active('payments'),
            backend: active('payments'),
            onboarding: active('growth'),
          },
        })
        .then([
          {
            type: 'PersonMovedToSquad',
            data: { personId, fromSquadId: 'checkout', toSquadId: 'onboarding' },
          },
          {
            type: 'PersonLeftChapter',
            data: { personId, chapterId: 'backend', cause: 'moved-to-another-tribe' },
          },
        ]));

    it('keeps the chapter when moving within the tribe', () =>
      spec
        .given([joined, inCheckout, inBackend])
        .when({
          ...join,
          squadId: 'wallet',
          units: {
            checkout: active('payments'),
            backend: active('payments'),
            wallet: active('payments'),
          },
        })
        .then([
          {
            type: 'PersonMovedToSquad',
            data: { personId, fromSquadId: 'checkout', toSquadId: 'wallet' },
          },
        ]));

    it('cannot join an unknown squad', () =>
      spec
        .given([joined])
        .when({ ...join, units: { checkout: unknown } })
        .thenThrows(NotFound, /Squad checkout/));

    it('cannot join a dissolved squad', () =>
      spec
        .given([joined])
        .when({ ...join, units: { checkout: dissolved('payments') } })
        .thenThrows(RuleViolated, /dissolved/));

    it('cannot join once they left the organisation', () =>
      spec.given([joined, left]).when(join).thenThrows(RuleViolated));

    it('refuses an unknown person', () => spec.given([]).when(join).thenThrows(NotFound));

    const leave = {
      type: 'LeaveSquad',
      personId,
      squadId: 'checkout',
      units: { checkout: active('payments', ['po-1']) },
      actor: member('po-1'),
    } as const;

    it('leaves the squad', () =>
      spec
        .given([joined, inCheckout])
        .when(leave)
        .then([
          { type: 'PersonLeftSquad', data: { personId, squadId: 'checkout', cause: 'requested' } },
        ]));

    it('cannot leave a squad they are not in', () =>
      spec.given([joined]).when(leave).thenThrows(NotFound));

    it('cannot leave a dissolved squad: its dissolution ended the membership', () =>
      spec
        .given([joined, inCheckout])
        .when({ ...leave, actor: admin, units: { checkout: dissolved('payments') } })
        .thenThrows(NotFound));

    it('forbids others from removing people', () =>
      spec
        .given([joined, inCheckout])
        .when({ ...leave, actor: member('bob') })
        .thenThrows(Forbidden));
  });

  describe('chapters: within the tribe of the person’s squad, at most one', () => {
    const join = {
      type: 'JoinChapter',
      personId,
      chapterId: 'backend',
      units: { backend: active('payments', ['lead-1']), checkout: active('payments') },
      actor: admin,
    } as const;

    it('joins a chapter of the tribe of their squad', () =>
      spec.given([joined, inCheckout]).when(join).then([inBackend]));

    it('lets the chapter lead add people', () =>
      spec
        .given([joined, inCheckout])
        .when({ ...join, actor: member('lead-1') })
        .then([inBackend]));

    it('forbids others', () =>
      spec
        .given([joined, inCheckout])
        .when({ ...join, actor: member('po-1') })
        .thenThrows(Forbidden));

    it('refuses a person in a squad of another tribe', () =>
      spec
        .given([joined, inCheckout])
        .when({ ...join, units: { backend: active('payments'), checkout: active('growth') } })
        .thenThrows(RuleViolated, /only people in a squad of that tribe/));

    it('refuses a person without a squad', () =>
      spec
        .given([joined])
        .when({ ...join, units: { backend: active('payments') } })
        .thenThrows(RuleViolated, /only people in a squad of that tribe/));

    it('refuses a second chapter', () =>
      spec
        .given([joined, inCheckout, inBackend])
        .when({
          ...join,
          chapterId: 'frontend',
          units: {
            frontend: active('payments'),
            backend: active('payments'),
            checkout: active('payments'),
          },
        })
        .thenThrows(RuleViolated, /at most one chapter/));

    it('refuses the same chapter twice', () =>
      spec.given([joined, inCheckout, inBackend]).when(join).thenThrows(AlreadyExists));

    it('may join another chapter once the old one was dissolved', () =>
      spec
        .given([joined, inCheckout, inBackend])
        .when({
          ...join,
          chapterId: 'frontend',
          units: {
            frontend: active('payments'),
            backend: dissolved('payments'),
            checkout: active('payments'),
          },
        })
        .then([
          {
            type: 'PersonJoinedChapter',
            data: { personId, chapterId: 'frontend', tribeId: 'payments' },
          },
        ]));

    it('cannot join a dissolved chapter', () =>
      spec
        .given([joined, inCheckout])
        .when({ ...join, units: { backend: dissolved('payments'), checkout: active('payments') } })
        .thenThrows(RuleViolated, /dissolved/));

    const leave = {
      type: 'LeaveChapter',
      personId,
      chapterId: 'backend',
      units: { backend: active('payments'), checkout: active('payments') },
      actor: admin,
    } as const;

    it('leaves the chapter', () =>
      spec
        .given([joined, inCheckout, inBackend])
        .when(leave)
        .then([
          {
            type: 'PersonLeftChapter',
            data: { personId, chapterId: 'backend', cause: 'requested' },
          },
        ]));

    it('cannot leave a chapter they are not in', () =>
      spec.given([joined, inCheckout]).when(leave).thenThrows(NotFound));
  });

  describe('guilds: any number, joined by people themselves', () => {
    const join = {
      type: 'JoinGuild',
      personId,
      guildId: 'web',
      units: { web: active(undefined, ['coord-1']) },
      actor: member(personId),
    } as const;

    it('lets a person join a guild themselves', () =>
      spec.given([joined]).when(join).then([inWebGuild]));

    it('lets a coordinator add them', () =>
      spec
        .given([joined])
        .when({ ...join, actor: member('coord-1') })
        .then([inWebGuild]));

    it('forbids other people from adding them', () =>
      spec
        .given([joined])
        .when({ ...join, actor: member('bob') })
        .thenThrows(Forbidden));

    it('joins several guilds', () =>
      spec
        .given([joined, inWebGuild])
        .when({ ...join, guildId: 'data', units: { web: active(), data: active() } })
        .then([{ type: 'PersonJoinedGuild', data: { personId, guildId: 'data' } }]));

    it('refuses a guild twice', () =>
      spec.given([joined, inWebGuild]).when(join).thenThrows(AlreadyExists));

    it('cannot join a dissolved guild', () =>
      spec
        .given([joined])
        .when({ ...join, units: { web: dissolved() } })
        .thenThrows(RuleViolated));

    it('leaves a guild', () =>
      spec
        .given([joined, inWebGuild])
        .when({ ...join, type: 'LeaveGuild' })
        .then([
          { type: 'PersonLeftGuild', data: { personId, guildId: 'web', cause: 'requested' } },
        ]));

    it('cannot leave a guild they are not in', () =>
      spec
        .given([joined])
        .when({ ...join, type: 'LeaveGuild' })
        .thenThrows(NotFound));
  });

  describe('leave the organisation', () => {
    const leave = {
      type: 'LeaveOrganisation',
      personId,
      reason: 'moved abroad',
      units: {
        checkout: active('payments'),
        backend: active('payments'),
        web: active(),
        data: dissolved(),
      },
      actor: admin,
    } as const;

    it('ends each active membership explicitly, then leaves', () =>
      spec
        .given([
          joined,
          inCheckout,
          inBackend,
          inWebGuild,
          { type: 'PersonJoinedGuild', data: { personId, guildId: 'data' } },
        ])
        .when(leave)
        .then([
          {
            type: 'PersonLeftSquad',
            data: { personId, squadId: 'checkout', cause: 'left-organisation' },
          },
          {
            type: 'PersonLeftChapter',
            data: { personId, chapterId: 'backend', cause: 'left-organisation' },
          },
          {
            type: 'PersonLeftGuild',
            data: { personId, guildId: 'web', cause: 'left-organisation' },
          },
          left,
        ]));

    it('leaves with no memberships to end', () => spec.given([joined]).when(leave).then([left]));

    it('needs a reason', () =>
      spec
        .given([joined])
        .when({ ...leave, reason: '' })
        .thenThrows(ValidationFailed, (error) =>
          expect((error as ValidationFailed).fields).toEqual({ reason: 'must not be empty' }),
        ));

    it('cannot leave twice', () =>
      spec
        .given([joined, left])
        .when(leave)
        .thenThrows(RuleViolated, /has left/));

    it('cannot leave an organisation they never joined', () =>
      spec.given([]).when(leave).thenThrows(NotFound));
  });

  describe('powers: moving a person out of a unit needs that unit’s lead too (issue 8, finding 3)', () => {
    // Payments (lead tara): checkout (po pia), wallet (po wes), chapter backend (lead cleo).
    // Discovery (lead otto): search (po quinn).
    const units = {
      checkout: led('payments', 'pia', 'tara'),
      wallet: led('payments', 'wes', 'tara'),
      backend: led('payments', 'cleo', 'tara'),
      search: led('discovery', 'quinn', 'otto'),
    };
    const inWallet: PersonJoinedSquad = {
      type: 'PersonJoinedSquad',
      data: { personId, squadId: 'wallet' },
    };
    const toCheckout = {
      type: 'JoinSquad',
      personId,
      squadId: 'checkout',
      units,
      actor: member('pia'),
    } as const;
    const moved: PersonEvent = {
      type: 'PersonMovedToSquad',
      data: { personId, fromSquadId: 'wallet', toSquadId: 'checkout' },
    };

    it('lets the product owner add a person who is in no squad', () =>
      spec.given([joined]).when(toCheckout).then([inCheckout]));

    it('lets the lead of the squad’s tribe add them', () =>
      spec
        .given([joined])
        .when({ ...toCheckout, actor: member('tara') })
        .then([inCheckout]));

    it('refuses the product owner who would take a person out of another squad', () =>
      spec
        .given([joined, inWallet])
        .when(toCheckout)
        .thenThrows(
          Forbidden,
          'Only an admin, the tribe lead or the product owner may remove people from squad wallet',
        ));

    it('refuses the product owner of the squad left, who has no power over the one joined', () =>
      spec
        .given([joined, inWallet])
        .when({ ...toCheckout, actor: member('wes') })
        .thenThrows(Forbidden, /may add people to squad checkout/));

    it('refuses the person themselves', () =>
      spec
        .given([joined, inWallet])
        .when({ ...toCheckout, actor: member(personId) })
        .thenThrows(Forbidden));

    it('lets the tribe lead of both squads move them', () =>
      spec
        .given([joined, inWallet])
        .when({ ...toCheckout, actor: member('tara') })
        .then([moved]));

    it('lets one who leads both squads move them', () =>
      spec
        .given([joined, inWallet])
        .when({ ...toCheckout, units: { ...units, wallet: led('payments', 'pia', 'tara') } })
        .then([moved]));

    it('needs no power over a squad that was dissolved: it is a join, not a move', () =>
      spec
        .given([joined, inWallet])
        .when({ ...toCheckout, units: { ...units, wallet: dissolved('payments') } })
        .then([inCheckout]));

    describe('a move into another tribe ends the chapter membership: it needs the chapter too', () => {
      const fromSearch = {
        ...toCheckout,
        units: { ...units, search: led('discovery', 'pia', 'otto') },
      };
      const inSearch: PersonJoinedSquad = {
        type: 'PersonJoinedSquad',
        data: { personId, squadId: 'search' },
      };
      const inDesign: PersonJoinedChapter = {
        type: 'PersonJoinedChapter',
        data: { personId, chapterId: 'design', tribeId: 'discovery' },
      };

      it('refuses one who leads both squads but not the chapter', () =>
        spec
          .given([joined, inSearch, inDesign])
          .when({
            ...fromSearch,
            units: { ...fromSearch.units, design: led('discovery', 'dora', 'otto') },
          })
          .thenThrows(
            Forbidden,
            'Only an admin, the tribe lead or the chapter lead may remove people from chapter design',
          ));

      it('lets one who leads both squads and the chapter move them', () =>
        spec
          .given([joined, inSearch, inDesign])
          .when({
            ...fromSearch,
            units: { ...fromSearch.units, design: led('discovery', 'pia', 'otto') },
          })
          .then([
            {
              type: 'PersonMovedToSquad',
              data: { personId, fromSquadId: 'search', toSquadId: 'checkout' },
            },
            {
              type: 'PersonLeftChapter',
              data: { personId, chapterId: 'design', cause: 'moved-to-another-tribe' },
            },
          ]));
    });

    it('lets the tribe lead remove a person from a squad of their tribe', () =>
      spec
        .given([joined, inCheckout])
        .when({ type: 'LeaveSquad', personId, squadId: 'checkout', units, actor: member('tara') })
        .then([
          { type: 'PersonLeftSquad', data: { personId, squadId: 'checkout', cause: 'requested' } },
        ]));

    it('refuses the lead of another tribe', () =>
      spec
        .given([joined, inCheckout])
        .when({ type: 'LeaveSquad', personId, squadId: 'checkout', units, actor: member('otto') })
        .thenThrows(Forbidden));

    it('answers an unknown squad or guild with 404 before any power is weighed', () => {
      spec
        .given([joined])
        .when({
          type: 'LeaveSquad',
          personId,
          squadId: 'ghost',
          units: { ghost: unknown },
          actor: member('bob'),
        })
        .thenThrows(NotFound, /Squad ghost not found/);
      spec
        .given([joined])
        .when({
          type: 'JoinGuild',
          personId,
          guildId: 'ghost',
          units: { ghost: unknown },
          actor: member('bob'),
        })
        .thenThrows(NotFound, /Guild ghost not found/);
    });

    it('lets the lead of the chapter’s tribe add and the chapter lead remove chapter members', () => {
      spec
        .given([joined, inCheckout])
        .when({ type: 'JoinChapter', personId, chapterId: 'backend', units, actor: member('tara') })
        .then([inBackend]);
      spec
        .given([joined, inCheckout, inBackend])
        .when({
          type: 'LeaveChapter',
          personId,
          chapterId: 'backend',
          units,
          actor: member('cleo'),
        })
        .then([
          {
            type: 'PersonLeftChapter',
            data: { personId, chapterId: 'backend', cause: 'requested' },
          },
        ]);
    });

    it('refuses the person themselves leaving their chapter or squad alone', () => {
      spec
        .given([joined, inCheckout, inBackend])
        .when({
          type: 'LeaveChapter',
          personId,
          chapterId: 'backend',
          units,
          actor: member(personId),
        })
        .thenThrows(Forbidden);
      spec
        .given([joined, inCheckout])
        .when({ type: 'LeaveSquad', personId, squadId: 'checkout', units, actor: member(personId) })
        .thenThrows(Forbidden);
    });

    it('lets a coordinator remove a member from the guild', () =>
      spec
        .given([joined, inWebGuild])
        .when({
          type: 'LeaveGuild',
          personId,
          guildId: 'web',
          units: { web: active(undefined, ['gus']) },
          actor: member('gus'),
        })
        .then([
          { type: 'PersonLeftGuild', data: { personId, guildId: 'web', cause: 'requested' } },
        ]));

    it('leaves registering people and their leaving to an admin', () => {
      spec
        .given([])
        .when({
          type: 'JoinOrganisation',
          personId,
          name: 'Ann',
          email: 'ann@acme.test',
          organisation: 'established',
          actor: member('tara'),
        })
        .thenThrows(Forbidden, 'Only an admin may register people in the organisation');
      spec
        .given([joined])
        .when({
          type: 'LeaveOrganisation',
          personId,
          reason: 'r',
          units: {},
          actor: member(personId),
        })
        .thenThrows(Forbidden, `Only an admin may record the leaving of person ${personId}`);
    });

    it('leaves a name or an e-mail to the person and admins: not to their leads', () =>
      spec
        .given([joined, inCheckout])
        .when({
          type: 'UpdatePersonProfile',
          personId,
          name: 'Ann',
          email: 'someone@else.test',
          actor: member('pia'),
        })
        .thenThrows(
          Forbidden,
          `Only an admin or the person themselves may change the name or e-mail of person ${personId}`,
        ));
  });
});
