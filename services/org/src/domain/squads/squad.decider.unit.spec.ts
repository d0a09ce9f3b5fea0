import { AlreadyExists, NotFound, RuleViolated, ValidationFailed } from '@rhythm/event-sourcing';
// Specs only: the domain's own code depends on the kernel alone.
import { DeciderSpecification } from '@rhythm/testing';
import { squadDecider } from './squad.decider';
import type {
  ProductOwnerAppointed,
  SquadDissolved,
  SquadFormed,
  SquadMoved,
} from './squad.events';

const spec = DeciderSpecification.for(squadDecider);
const squadId = 'squad-1';
const formedAt = '2026-01-05T09:00:00.000Z';
const now = new Date('2026-03-02T10:00:00.000Z');
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
      tribe: 'active',
      now: new Date(formedAt),
    } as const;

    it('forms a squad inside an active tribe', () => spec.given([]).when(form).then([formed]));

    it('refuses a squad id that is taken', () =>
      spec.given([formed]).when(form).thenThrows(AlreadyExists));

    it('cannot be formed in an unknown tribe', () =>
      spec
        .given([])
        .when({ ...form, tribe: 'unknown' })
        .thenThrows(NotFound, /Tribe payments not found/));

    it('cannot be formed in a dissolved tribe', () =>
      spec
        .given([])
        .when({ ...form, tribe: 'dissolved' })
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
        .when({ type: 'RenameSquad', squadId, name: 'Wallet' })
        .then([
          { type: 'SquadRenamed', data: { squadId, name: 'Wallet', previousName: 'Checkout' } },
        ]));

    it('does nothing when unchanged', () =>
      spec
        .given([formed])
        .when({ type: 'RenameSquad', squadId, name: 'Checkout' })
        .thenNothingHappens());

    it('cannot rename a dissolved squad', () =>
      spec
        .given([formed, dissolved])
        .when({ type: 'RenameSquad', squadId, name: 'Wallet' })
        .thenThrows(RuleViolated));
  });

  describe('appoint the product owner', () => {
    const appoint = {
      type: 'AppointProductOwner',
      squadId,
      personId: 'ann',
      person: 'in-organisation',
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
      toTribe: 'active',
      now,
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
        .when({ ...moveNow, toTribe: 'unknown' })
        .thenThrows(NotFound, /Tribe growth/));

    it('refuses a dissolved target tribe', () =>
      spec
        .given([formed])
        .when({ ...moveNow, toTribe: 'dissolved' })
        .thenThrows(RuleViolated, /Tribe growth is dissolved/));

    it('cannot move a dissolved squad', () =>
      spec
        .given([formed, dissolved])
        .when(moveNow)
        .thenThrows(RuleViolated, /Squad squad-1/));
  });

  describe('dissolve', () => {
    const dissolve = { type: 'DissolveSquad', squadId, reason: 'done' } as const;

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
});
