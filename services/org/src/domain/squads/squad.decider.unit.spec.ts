import {
  AlreadyExists,
  Forbidden,
  NotFound,
  RuleViolated,
  ValidationFailed,
} from '@rhythm/event-sourcing';
// Specs only: the domain's own code depends on the kernel alone.
import { DeciderSpecification } from '@rhythm/testing';
import type { Actor, TribeFacts } from '../org-facts';
import { squadDecider } from './squad.decider';
import type {
  ProductOwnerAppointed,
  SquadEvent,
  SquadDissolved,
  SquadFormed,
  SquadMoved,
} from './squad.events';

const spec = DeciderSpecification.for(squadDecider);
const squadId = 'squad-1';
const formedAt = '2026-01-05T09:00:00.000Z';
const now = new Date('2026-03-02T10:00:00.000Z');
const admin: Actor = { personId: 'root', isAdmin: true };
const member = (personId: string): Actor => ({ personId, isAdmin: false });
/** Tara leads Payments, the squad's tribe; Gil leads Growth. */
const byAdmin = { actor: admin, tribeLeadId: 'tara' } as const;
const tribe = (leadId: string | null, standing: TribeFacts['standing'] = 'active'): TribeFacts => ({
  standing,
  leadId,
});
const formed: SquadFormed = {
  type: 'SquadFormed',
  data: { squadId, tribeId: 'payments', name: 'Checkout', mission: 'One-click pay', formedAt },
};
const poAppointed: ProductOwnerAppointed = {
  type: 'ProductOwnerAppointed',
  data: { squadId, personId: 'ann', previousProductOwnerId: null },
};
const movedToGrowth: SquadMoved = {
  type: 'SquadMoved',
  data: {
    squadId,
    fromTribeId: 'payments',
    toTribeId: 'growth',
    effectiveAt: '2026-02-01T00:00:00.000Z',
  },
};
const dissolved: SquadDissolved = { type: 'SquadDissolved', data: { squadId, reason: 'done' } };

describe('Squad', () => {
  describe('form', () => {
    const form = {
      type: 'FormSquad',
      squadId,
      tribeId: 'payments',
      name: 'Checkout ',
      mission: 'One-click pay',
      tribe: tribe('tara'),
      now: new Date(formedAt),
      actor: admin,
    } as const;

    it('forms a squad inside an active tribe', () => spec.given([]).when(form).then([formed]));

    it('refuses a squad id that is taken', () =>
      spec.given([formed]).when(form).thenThrows(AlreadyExists));

    it('cannot be formed in an unknown tribe', () =>
      spec
        .given([])
        .when({ ...form, tribe: tribe(null, 'unknown') })
        .thenThrows(NotFound, /Tribe payments not found/));

    it('cannot be formed in a dissolved tribe', () =>
      spec
        .given([])
        .when({ ...form, tribe: tribe(null, 'dissolved') })
        .thenThrows(RuleViolated, /Tribe payments is dissolved/));

    it('requires a name', () =>
      spec
        .given([])
        .when({ ...form, name: '' })
        .thenThrows(ValidationFailed, (error) =>
          expect((error as ValidationFailed).fields).toEqual({ name: 'must not be empty' }),
        ));
  });

  describe('rename', () => {
    it('records the previous name', () =>
      spec
        .given([formed])
        .when({ type: 'RenameSquad', squadId, name: 'Wallet', ...byAdmin })
        .then([
          { type: 'SquadRenamed', data: { squadId, name: 'Wallet', previousName: 'Checkout' } },
        ]));

    it('does nothing when unchanged', () =>
      spec
        .given([formed])
        .when({ type: 'RenameSquad', squadId, name: 'Checkout', ...byAdmin })
        .thenNothingHappens());

    it('cannot rename a dissolved squad', () =>
      spec
        .given([formed, dissolved])
        .when({ type: 'RenameSquad', squadId, name: 'Wallet', ...byAdmin })
        .thenThrows(RuleViolated));
  });

  describe('appoint the product owner', () => {
    const appoint = {
      type: 'AppointProductOwner',
      squadId,
      personId: 'ann',
      person: 'in-organisation',
      ...byAdmin,
    } as const;

    it('appoints a product owner', () => spec.given([formed]).when(appoint).then([poAppointed]));

    it('replaces the product owner and records the previous one', () =>
      spec
        .given([formed, poAppointed])
        .when({ ...appoint, personId: 'bob' })
        .then([
          {
            type: 'ProductOwnerAppointed',
            data: { squadId, personId: 'bob', previousProductOwnerId: 'ann' },
          },
        ]));

    it('does nothing when the person already is the product owner', () =>
      spec.given([formed, poAppointed]).when(appoint).thenNothingHappens());

    it('refuses a person who left the organisation', () =>
      spec
        .given([formed])
        .when({ ...appoint, person: 'left' })
        .thenThrows(RuleViolated, /left the organisation/));

    it('cannot appoint for an unknown squad', () =>
      spec.given([]).when(appoint).thenThrows(NotFound));
  });

  describe('move to another tribe', () => {
    const moveNow = {
      type: 'MoveSquad',
      squadId,
      toTribeId: 'growth',
      toTribe: tribe('gil'),
      now,
      ...byAdmin,
    } as const;

    it('moves now when no effective time is given', () =>
      spec
        .given([formed])
        .when(moveNow)
        .then([
          {
            type: 'SquadMoved',
            data: {
              squadId,
              fromTribeId: 'payments',
              toTribeId: 'growth',
              effectiveAt: now.toISOString(),
            },
          },
        ]));

    it('records a move that took effect earlier', () =>
      spec
        .given([formed])
        .when({ ...moveNow, effectiveAt: new Date('2026-02-01T00:00:00Z') })
        .then([movedToGrowth]));

    it('moves on from the tribe of the last move', () =>
      spec
        .given([formed, movedToGrowth])
        .when({ ...moveNow, toTribeId: 'payments' })
        .then([
          {
            type: 'SquadMoved',
            data: {
              squadId,
              fromTribeId: 'growth',
              toTribeId: 'payments',
              effectiveAt: now.toISOString(),
            },
          },
        ]));

    it('does nothing when the squad already is in that tribe', () =>
      spec
        .given([formed])
        .when({ ...moveNow, toTribeId: 'payments' })
        .thenNothingHappens());

    it('refuses a move that would take effect in the future', () =>
      spec
        .given([formed])
        .when({ ...moveNow, effectiveAt: new Date('2026-04-01T00:00:00Z') })
        .thenThrows(ValidationFailed, (error) =>
          expect((error as ValidationFailed).fields).toEqual({
            effectiveAt: 'must not be in the future',
          }),
        ));

    it('refuses a move before the squad joined its current tribe', () =>
      spec
        .given([formed, movedToGrowth])
        .when({ ...moveNow, toTribeId: 'payments', effectiveAt: new Date('2026-01-20T00:00:00Z') })
        .thenThrows(RuleViolated, /since 2026-02-01/));

    it('refuses an unknown target tribe', () =>
      spec
        .given([formed])
        .when({ ...moveNow, toTribe: tribe(null, 'unknown') })
        .thenThrows(NotFound, /Tribe growth/));

    it('refuses a dissolved target tribe', () =>
      spec
        .given([formed])
        .when({ ...moveNow, toTribe: tribe(null, 'dissolved') })
        .thenThrows(RuleViolated, /Tribe growth is dissolved/));

    it('cannot move a dissolved squad', () =>
      spec
        .given([formed, dissolved])
        .when(moveNow)
        .thenThrows(RuleViolated, /Squad squad-1/));
  });

  describe('dissolve', () => {
    const dissolve = { type: 'DissolveSquad', squadId, reason: 'done', ...byAdmin } as const;

    it('dissolves with a reason', () => spec.given([formed]).when(dissolve).then([dissolved]));

    it('needs a reason', () =>
      spec
        .given([formed])
        .when({ ...dissolve, reason: '' })
        .thenThrows(ValidationFailed, /reason/));

    it('cannot dissolve twice', () =>
      spec.given([formed, dissolved]).when(dissolve).thenThrows(RuleViolated));

    it('cannot dissolve an unknown squad', () =>
      spec.given([]).when(dissolve).thenThrows(NotFound));
  });

  describe('powers: an admin, the lead of the squad’s tribe, and for a rename its product owner', () => {
    const tara = member('tara');
    const ann = member('ann'); // the product owner (poAppointed)
    const renamed: SquadEvent = {
      type: 'SquadRenamed',
      data: { squadId, name: 'Wallet', previousName: 'Checkout' },
    };
    const rename = { type: 'RenameSquad', squadId, name: 'Wallet', ...byAdmin } as const;

    it('lets the tribe lead form a squad in their tribe', () =>
      spec
        .given([])
        .when({
          type: 'FormSquad',
          squadId,
          tribeId: 'payments',
          name: 'Checkout',
          mission: 'One-click pay',
          tribe: tribe('tara'),
          now: new Date(formedAt),
          actor: tara,
        })
        .then([formed]));

    it('refuses a squad in a tribe one does not lead', () =>
      spec
        .given([])
        .when({
          type: 'FormSquad',
          squadId,
          tribeId: 'payments',
          name: 'Checkout',
          mission: '',
          tribe: tribe('tara'),
          now: new Date(formedAt),
          actor: member('gil'),
        })
        .thenThrows(
          Forbidden,
          'Only an admin or the tribe lead may form squads in tribe payments',
        ));

    it('lets the tribe lead and the product owner rename the squad', () => {
      spec
        .given([formed, poAppointed])
        .when({ ...rename, actor: tara })
        .then([renamed]);
      spec
        .given([formed, poAppointed])
        .when({ ...rename, actor: ann })
        .then([renamed]);
    });

    it('refuses a member, and the product owner of another squad', () =>
      spec
        .given([formed, poAppointed])
        .when({ ...rename, actor: member('bob') })
        .thenThrows(
          Forbidden,
          `Only an admin, the tribe lead or the product owner may rename squad ${squadId}`,
        ));

    it('lets the tribe lead, not the product owner, appoint the product owner', () => {
      const appoint = {
        type: 'AppointProductOwner',
        squadId,
        personId: 'bob',
        person: 'in-organisation',
        ...byAdmin,
      } as const;
      spec
        .given([formed, poAppointed])
        .when({ ...appoint, actor: tara })
        .then([
          {
            type: 'ProductOwnerAppointed',
            data: { squadId, personId: 'bob', previousProductOwnerId: 'ann' },
          },
        ]);
      spec
        .given([formed, poAppointed])
        .when({ ...appoint, actor: ann })
        .thenThrows(Forbidden);
    });

    describe('a move needs the powers over both tribes', () => {
      const move = {
        type: 'MoveSquad',
        squadId,
        toTribeId: 'growth',
        toTribe: tribe('gil'),
        effectiveAt: new Date('2026-02-01T00:00:00Z'),
        now,
        ...byAdmin,
      } as const;

      it('lets one who leads both tribes move it', () =>
        spec
          .given([formed])
          .when({ ...move, toTribe: tribe('tara'), actor: tara })
          .then([movedToGrowth]));

      it('refuses the lead of the tribe it leaves alone', () =>
        spec
          .given([formed])
          .when({ ...move, actor: tara })
          .thenThrows(
            Forbidden,
            'Only an admin or the tribe lead may move squads out of or into tribe growth',
          ));

      it('refuses the lead of the tribe it joins alone', () =>
        spec
          .given([formed])
          .when({ ...move, actor: member('gil') })
          .thenThrows(Forbidden, /out of or into tribe payments/));

      it('refuses the product owner', () =>
        spec
          .given([formed, poAppointed])
          .when({ ...move, toTribe: tribe('ann'), tribeLeadId: null, actor: ann })
          .thenThrows(Forbidden));

      it('answers an unknown tribe with 404 whoever asks', () =>
        spec
          .given([formed])
          .when({ ...move, toTribe: tribe(null, 'unknown'), actor: member('bob') })
          .thenThrows(NotFound, /Tribe growth not found/));
    });

    it('lets the tribe lead, not the product owner, dissolve the squad', () => {
      const dissolve = { type: 'DissolveSquad', squadId, reason: 'done', ...byAdmin } as const;
      spec
        .given([formed, poAppointed])
        .when({ ...dissolve, actor: tara })
        .then([dissolved]);
      spec
        .given([formed, poAppointed])
        .when({ ...dissolve, actor: ann })
        .thenThrows(Forbidden);
    });

    it('answers an unknown squad with 404 before any power is weighed', () =>
      spec
        .given([])
        .when({ ...rename, actor: member('bob') })
        .thenThrows(NotFound));
  });
});
