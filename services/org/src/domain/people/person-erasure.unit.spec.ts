import { Forbidden, NotFound, RuleViolated } from '@rhythm/event-sourcing';
// Specs only: the domain's own code depends on the kernel alone.
import { DeciderSpecification } from '@rhythm/testing';
import type { Actor, UnitFacts } from '../org-facts';
import type { ErasePersonalData } from './person.commands';
import { personDecider } from './person.decider';
import type { PersonErased, PersonEvent } from './person.events';

const spec = DeciderSpecification.for(personDecider);
const personId = 'ann';
const admin: Actor = { personId: 'root', isAdmin: true };
const member = (id: string): Actor => ({ personId: id, isAdmin: false });
const active: UnitFacts = { standing: 'active', tribeId: 'payments', leadIds: ['pia'] };

const joined: PersonEvent = {
  type: 'PersonJoinedOrganisation',
  data: { personId, name: 'Ann Smith', email: 'ann@acme.test' },
};
const inCheckout: PersonEvent = {
  type: 'PersonJoinedSquad',
  data: { personId, squadId: 'checkout' },
};
const inWebGuild: PersonEvent = { type: 'PersonJoinedGuild', data: { personId, guildId: 'web' } };
const left: PersonEvent = {
  type: 'PersonLeftOrganisation',
  data: { personId, reason: 'moved abroad' },
};
const erased: PersonErased = { type: 'PersonErased', data: { personId } };

const erase = (actor: Actor): ErasePersonalData => ({
  type: 'ErasePersonalData',
  personId,
  units: { checkout: active, web: { standing: 'active', leadIds: [] } },
  actor,
});

describe('Person: erase their personal data (issue 8, finding 8)', () => {
  it('erases a person who left, by their own request', () =>
    spec
      .given([joined, left])
      .when(erase(member(personId)))
      .then([erased]));

  it('ends the membership of a person still in the organisation first, as leaving does', () =>
    spec
      .given([joined, inCheckout, inWebGuild])
      .when(erase(admin))
      .then([
        {
          type: 'PersonLeftSquad',
          data: { personId, squadId: 'checkout', cause: 'left-organisation' },
        },
        { type: 'PersonLeftGuild', data: { personId, guildId: 'web', cause: 'left-organisation' } },
        { type: 'PersonLeftOrganisation', data: { personId, reason: 'personal data erased' } },
        erased,
      ]));

  it('is for the person themselves or an admin: not their product owner, not a colleague', () => {
    spec
      .given([joined, inCheckout])
      .when(erase(member('pia')))
      .thenThrows(Forbidden, /Only an admin or the person themselves may erase the personal data/);
    spec
      .given([joined])
      .when(erase(member('bob')))
      .thenThrows(Forbidden);
  });

  it('changes nothing when repeated', () =>
    spec.given([joined, left, erased]).when(erase(admin)).then([]));

  it('answers an unknown person as unknown', () =>
    spec.given([]).when(erase(admin)).thenThrows(NotFound));

  it('leaves an erased person with no further changes: profile, memberships, leaving', () => {
    const afterErasure = spec.given([joined, left, erased]);
    afterErasure
      .when({
        type: 'UpdatePersonProfile',
        personId,
        name: 'Ann Again',
        email: 'ann@acme.test',
        actor: admin,
      })
      .thenThrows(RuleViolated, /has left/);
    afterErasure
      .when({
        type: 'JoinGuild',
        personId,
        guildId: 'web',
        units: erase(admin).units,
        actor: admin,
      })
      .thenThrows(RuleViolated, /has left/);
  });
});
