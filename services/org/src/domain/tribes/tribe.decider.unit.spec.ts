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
import { tribeDecider } from './tribe.decider';
import type { TribeDissolved, TribeFormed, TribeLeadAppointed } from './tribe.events';

const spec = DeciderSpecification.for(tribeDecider);
const tribeId = 'tribe-1';
const actor: Actor = { personId: 'root', isAdmin: true };
const member = (personId: string): Actor => ({ personId, isAdmin: false });
const formed: TribeFormed = {
  type: 'TribeFormed',
  data: { tribeId, name: 'Payments', mission: 'Money moves safely' },
};
const leadAppointed: TribeLeadAppointed = {
  type: 'TribeLeadAppointed',
  data: { tribeId, personId: 'ann', previousLeadId: null },
};
const dissolved: TribeDissolved = { type: 'TribeDissolved', data: { tribeId, reason: 'merged' } };

describe('Tribe', () => {
  describe('form', () => {
    const form = {
      type: 'FormTribe',
      tribeId,
      name: ' Payments ',
      mission: 'Money moves safely',
      organisation: 'established',
      actor,
    } as const;

    it('forms a tribe with a name and a mission', () => spec.given([]).when(form).then([formed]));

    it('refuses a tribe id that is taken', () =>
      spec.given([formed]).when(form).thenThrows(AlreadyExists));

    it('needs an established organisation', () =>
      spec
        .given([])
        .when({ ...form, organisation: 'unknown' })
        .thenThrows(RuleViolated, /organisation must be established/));

    it('names every invalid field', () =>
      spec
        .given([])
        .when({ ...form, name: '', mission: 'm'.repeat(501) })
        .thenThrows(ValidationFailed, (error) =>
          expect((error as ValidationFailed).fields).toEqual({
            name: 'must not be empty',
            mission: 'must be at most 500 characters',
          }),
        ));
  });

  describe('rename', () => {
    it('records the previous name', () =>
      spec
        .given([formed])
        .when({ type: 'RenameTribe', tribeId, name: 'Payments & Billing', actor })
        .then([
          {
            type: 'TribeRenamed',
            data: { tribeId, name: 'Payments & Billing', previousName: 'Payments' },
          },
        ]));

    it('does nothing when the name is unchanged', () =>
      spec
        .given([formed])
        .when({ type: 'RenameTribe', tribeId, name: 'Payments', actor })
        .thenNothingHappens());

    it('cannot rename an unknown tribe', () =>
      spec.given([]).when({ type: 'RenameTribe', tribeId, name: 'X', actor }).thenThrows(NotFound));

    it('cannot rename a dissolved tribe', () =>
      spec
        .given([formed, dissolved])
        .when({ type: 'RenameTribe', tribeId, name: 'X', actor })
        .thenThrows(RuleViolated, /dissolved/));
  });

  describe('appoint the tribe lead', () => {
    const appoint = {
      type: 'AppointTribeLead',
      tribeId,
      personId: 'ann',
      person: 'in-organisation',
      actor,
    } as const;

    it('appoints a first lead', () => spec.given([formed]).when(appoint).then([leadAppointed]));

    it('replaces the lead and records who came before', () =>
      spec
        .given([formed, leadAppointed])
        .when({ ...appoint, personId: 'bob' })
        .then([
          { type: 'TribeLeadAppointed', data: { tribeId, personId: 'bob', previousLeadId: 'ann' } },
        ]));

    it('does nothing when the person already leads the tribe', () =>
      spec.given([formed, leadAppointed]).when(appoint).thenNothingHappens());

    it('refuses a person who has left the organisation', () =>
      spec
        .given([formed])
        .when({ ...appoint, person: 'left' })
        .thenThrows(RuleViolated, /has left the organisation/));

    it('refuses someone who is not a person of the organisation', () =>
      spec
        .given([formed])
        .when({ ...appoint, person: 'unknown' })
        .thenThrows(NotFound, /not a person of this organisation/));

    it('cannot appoint a lead of a dissolved tribe', () =>
      spec.given([formed, dissolved]).when(appoint).thenThrows(RuleViolated));
  });

  describe('dissolve', () => {
    const dissolve = {
      type: 'DissolveTribe',
      tribeId,
      reason: 'merged',
      activeSquads: 0,
      activeChapters: 0,
      actor,
    } as const;

    it('dissolves a tribe without squads or chapters', () =>
      spec.given([formed]).when(dissolve).then([dissolved]));

    it('refuses while squads remain', () =>
      spec
        .given([formed])
        .when({ ...dissolve, activeSquads: 2 })
        .thenThrows(RuleViolated, /2 squad\(s\)/));

    it('refuses while chapters remain', () =>
      spec
        .given([formed])
        .when({ ...dissolve, activeChapters: 1 })
        .thenThrows(RuleViolated, /1 chapter\(s\)/));

    it('needs a reason', () =>
      spec
        .given([formed])
        .when({ ...dissolve, reason: ' ' })
        .thenThrows(ValidationFailed, (error) =>
          expect((error as ValidationFailed).fields).toEqual({ reason: 'must not be empty' }),
        ));

    it('cannot dissolve twice', () =>
      spec
        .given([formed, dissolved])
        .when(dissolve)
        .thenThrows(RuleViolated, /dissolved/));

    it('cannot dissolve an unknown tribe', () =>
      spec.given([]).when(dissolve).thenThrows(NotFound));
  });

  describe('powers', () => {
    const rename = { type: 'RenameTribe', tribeId, name: 'Money', actor } as const;

    it('lets the tribe lead rename the tribe', () =>
      spec
        .given([formed, leadAppointed])
        .when({ ...rename, actor: member('ann') })
        .then([
          { type: 'TribeRenamed', data: { tribeId, name: 'Money', previousName: 'Payments' } },
        ]));

    it('refuses anyone else', () =>
      spec
        .given([formed, leadAppointed])
        .when({ ...rename, actor: member('bob') })
        .thenThrows(Forbidden, `Only an admin or the tribe lead may rename tribe ${tribeId}`));

    it('leaves forming, appointing the lead and dissolving to an admin, the lead included', () => {
      const ann = member('ann');
      spec
        .given([])
        .when({
          type: 'FormTribe',
          tribeId,
          name: 'P',
          mission: '',
          organisation: 'established',
          actor: ann,
        })
        .thenThrows(Forbidden, 'Only an admin may form tribes in the organisation');
      spec
        .given([formed, leadAppointed])
        .when({
          type: 'AppointTribeLead',
          tribeId,
          personId: 'bob',
          person: 'in-organisation',
          actor: ann,
        })
        .thenThrows(Forbidden);
      spec
        .given([formed, leadAppointed])
        .when({
          type: 'DissolveTribe',
          tribeId,
          reason: 'r',
          activeSquads: 0,
          activeChapters: 0,
          actor: ann,
        })
        .thenThrows(Forbidden);
    });

    it('answers an unknown tribe with 404 before any power is weighed', () =>
      spec
        .given([])
        .when({ ...rename, actor: member('bob') })
        .thenThrows(NotFound));
  });
});
